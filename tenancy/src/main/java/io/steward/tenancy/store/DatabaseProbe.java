package io.steward.tenancy.store;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * What the health check and the metrics read of the database: whether it answers one trivial statement now, and how
 * the connection pool is used. Neither hands out a connection.
 */
@Singleton
public class DatabaseProbe {
    /** A probe that waits longer than this reports the database as not answering. */
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private final Database database;
    private final HikariDataSource pool;

    DatabaseProbe(Database database, DataSource dataSource) {
        this.database = database;
        this.pool = poolOf(DelegatingDataSource.unwrapDataSource(dataSource));
    }

    private static HikariDataSource poolOf(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    public Dialect dialect() {
        return database.dialect();
    }

    /** Runs {@code SELECT 1}: empty when the database answered, else why it did not. */
    public Optional<String> failure() {
        try {
            database.read(c -> {
                try (Statement statement = c.createStatement()) {
                    statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                    statement.execute("SELECT 1");
                }
                return null;
            });
            return Optional.empty();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getMessage() == null) {
                cause = cause.getCause();
            }
            return Optional.of(String.valueOf(cause.getMessage()));
        }
    }

    /** The pool's connections now; empty when the data source is not a Hikari pool. */
    public Optional<PoolUsage> pool() {
        HikariPoolMXBean usage = pool == null ? null : pool.getHikariPoolMXBean();
        if (usage == null) {
            return Optional.empty();
        }
        return Optional.of(new PoolUsage(usage.getActiveConnections(), usage.getIdleConnections(),
                usage.getTotalConnections(), usage.getThreadsAwaitingConnection(), pool.getMaximumPoolSize()));
    }

    /** Connections in use, idle, open in all, threads waiting for one, and the most the pool opens. */
    public record PoolUsage(int active, int idle, int total, int waiting, int max) {
    }
}
