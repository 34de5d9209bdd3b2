package io.steward.tenancy.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work, run by {@link TenancyStatements} in a transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
