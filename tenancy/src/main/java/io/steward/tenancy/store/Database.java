package io.steward.tenancy.store;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database: migrated with Flyway when this bean is created (so nothing can query an old schema), then used
 * through {@link #read} and {@link #write}, which join the surrounding transaction or open one. Package-private: code
 * outside this package reaches the database through a named entry point of its own ({@link TenancyStatements} for
 * the tenancy module's classes, {@link ClusterLocks}, {@link DatabaseNotices}, {@link PlannerStatistics}), and the
 * other modules only through {@code TenantTables} and those three (a test checks).
 */
@Singleton
class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final Dialect dialect;

    Database(DataSource dataSource, TransactionOperations<Connection> transactions,
             ConnectionOperations<Connection> connections, @Value("${datasources.default.url}") String url) {
        this.transactions = transactions;
        this.connections = connections;
        this.dialect = Dialect.ofJdbcUrl(url);
        // The injected DataSource is bound to the surrounding transaction; Flyway needs a plain one.
        DataSource plain = DelegatingDataSource.unwrapDataSource(dataSource);
        if (!SchemaUpToDate.check(plain, dialect.migrationFolder())) {
            migrate(plain, dialect);
        }
    }

    /** In a method of its own so that Flyway's classes are loaded only when it runs. */
    private static void migrate(DataSource plain, Dialect dialect) {
        var result = Flyway.configure()
                .dataSource(plain)
                .locations(dialect.migrationLocation())
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Database {} migrated to version {} ({} migration(s) applied)", dialect,
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Work that only reads; joins a surrounding transaction if there is one. Outside one it runs on a connection in
     * auto-commit, not in a read-only transaction of its own: each statement still reads what was committed before
     * it, as it would in a transaction at READ COMMITTED (both databases' default), and the commit that transaction
     * ends with was a round trip to the database on every read.
     */
    <T> T read(SqlWork<T> work) {
        return connections.execute(ConnectionDefinition.DEFAULT, status -> run(work, status.getConnection()));
    }

    /** Work that writes, committed as one transaction (or as part of the surrounding one). */
    <T> T write(SqlWork<T> work) {
        return transactions.execute(TransactionDefinition.DEFAULT, status -> run(work, status.getConnection()));
    }

    private static <T> T run(SqlWork<T> work, Connection connection) {
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }
}
