package io.steward.tenancy.store;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** An outage is told from other database failures by the exception and its causes, whatever wraps them. */
class DatabaseUnreachableTest {

    @Test
    void no_connection_from_the_pool_is_an_outage() {
        var timeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available");
        assertThat(DatabaseUnreachable.explains(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                timeout))).isTrue();
    }

    @Test
    void a_connection_that_broke_under_a_statement_is_an_outage() {
        var broken = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(DatabaseUnreachable.explains(new StorageException(broken))).isTrue();
        assertThat(DatabaseUnreachable.explains(new IllegalStateException("wrapped", new StorageException(broken)))).isTrue();
        assertThat(DatabaseUnreachable.explains(new ConnectionException("Could not set JDBC Connection read-only",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void a_database_that_is_shutting_down_is_an_outage() {
        var shutdown = new SQLException("terminating connection due to administrator command", "57P01");
        assertThat(DatabaseUnreachable.explains(new StorageException(shutdown))).isTrue();
    }

    @Test
    void a_refused_statement_or_a_bug_is_not_an_outage() {
        var duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        assertThat(DatabaseUnreachable.explains(new StorageException(duplicate))).isFalse();
        assertThat(DatabaseUnreachable.explains(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseUnreachable.explains(new SQLException("no state"))).isFalse();
    }
}
