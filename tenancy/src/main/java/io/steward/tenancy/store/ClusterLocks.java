package io.steward.tenancy.store;

import jakarta.inject.Singleton;

import java.util.List;
import java.util.function.Supplier;

/**
 * Named locks that every server on one database takes turns on: a row of {@code cluster_locks} locked with
 * {@code SELECT ... FOR UPDATE} until the transaction ends. A row lock rather than PostgreSQL's advisory locks so
 * that H2, the single-node default, runs the very same statements.
 */
@Singleton
public class ClusterLocks {
    private static final String LOCK = "SELECT name FROM cluster_locks WHERE name = ? FOR UPDATE";

    private final Database database;

    ClusterLocks(Database database) {
        this.database = database;
    }

    /**
     * Runs {@code work} in one transaction that holds lock {@code name} from its start to its commit; no other
     * server (or thread) holding the same lock runs meanwhile. Throws when no such lock was created by a migration,
     * so a misspelt name cannot silently lock nothing.
     */
    public <T> T holding(String name, Supplier<T> work) {
        return database.write(c -> {
            if (Sql.query(c, LOCK, List.of(name), rs -> rs.getString(1)).isEmpty()) {
                throw new IllegalStateException("No cluster lock named '" + name + "': add it in a migration");
            }
            return work.get();
        });
    }
}
