package io.steward.tenancy.store;

import java.sql.SQLException;

/** A database failure we did not expect: a broken connection, a constraint we did not check first. */
public class StorageException extends RuntimeException {
    private final String sqlState;

    StorageException(SQLException cause) {
        super("Database error: " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    /** True when a unique or primary key constraint refused a row (SQL state class 23505 on both databases). */
    public boolean isDuplicateKey() {
        return "23505".equals(sqlState);
    }
}
