package io.steward.tenancy.store;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database outage (no connection, or the connection broke under a statement) from every other failure, by
 * the exception and its causes: the engine waits an outage out instead of failing executions, and the APIs answer
 * it with 503 rather than 500.
 */
public final class DatabaseUnreachable {
    /** PostgreSQL's shutdown states: the server was stopped, crashed, or is still starting. */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    private static final int DEEPEST_CAUSE = 16;

    private DatabaseUnreachable() {
    }

    /** Whether {@code failure}, or something that caused it, says the database cannot be reached. */
    public static boolean explains(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < DEEPEST_CAUSE; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof CannotGetJdbcConnectionException
                    // A connection-level step (read-only, auto-commit, close) failed: the connection broke. After a
                    // statement failed on a broken connection, this is what surfaces, from Hikari's closed proxy
                    // (a "Connection is closed" without SQL state), in place of the statement's 08006.
                    || cause instanceof ConnectionException
                    || cause instanceof io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    // SQL state class 08: connection exception (both databases)
                    && (sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
