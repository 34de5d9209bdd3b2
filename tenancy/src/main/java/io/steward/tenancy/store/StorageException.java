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

    /** True when a foreign key refused the change: a row still refers to one being deleted (23503 on both). */
    public boolean isForeignKeyViolation() {
        return "23503".equals(sqlState);
    }
}
