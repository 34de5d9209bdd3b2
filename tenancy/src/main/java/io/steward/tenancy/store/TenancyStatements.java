package io.steward.tenancy.store;

import jakarta.inject.Singleton;

/**
 * The database as the tenancy module's own classes use it: {@code TenantTables}, which builds every statement on
 * tenant-owned tables, and the services of the tables that belong to no tenant (tenants, users, memberships, tokens).
 * No class of another module may use it (a test checks): the engine reaches the database through
 * {@code TenantTables} alone, so no statement of its can miss the tenant predicate.
 */
@Singleton
public final class TenancyStatements {
    private final Database database;

    TenancyStatements(Database database) {
        this.database = database;
    }

    public Dialect dialect() {
        return database.dialect();
    }

    /** Work that only reads; joins a surrounding transaction if there is one. */
    public <T> T read(SqlWork<T> work) {
        return database.read(work);
    }

    /** Work that writes, committed as one transaction (or as part of the surrounding one). */
    public <T> T write(SqlWork<T> work) {
        return database.write(work);
    }
}
