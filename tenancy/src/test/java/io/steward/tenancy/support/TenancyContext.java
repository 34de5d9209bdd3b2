package io.steward.tenancy.support;

import io.micronaut.context.ApplicationContext;
import io.steward.tenancy.member.SystemRole;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.scope.Caller;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * The tenancy module's beans over a fresh in-memory H2 database, migrated by the module's own migrations: what the
 * module's tests run against, with no other module and no mocks.
 */
public final class TenancyContext implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private final String url;
    private final ApplicationContext context;

    public TenancyContext() {
        url = "jdbc:h2:mem:tenancy-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        context = ApplicationContext.run(Map.of("datasources.default.url", url,
                "datasources.default.username", "sa", "datasources.default.password", "",
                "steward.admin-password", ADMIN_PASSWORD,
                // The lowest bcrypt cost: these tests hash many passwords, and the cost changes no behaviour.
                "steward.auth.bcrypt-cost", 4));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A plain connection to the same database, for setting up tables and probing what was stored. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    public void execute(String... statements) {
        try (Connection c = connect(); var st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Caller member(String username, String tenant, TenantRole role) {
        return new Caller(username, SystemRole.DEFAULT, tenant, role);
    }

    public static Caller sysAdmin() {
        return new Caller("admin", SystemRole.SYS_ADMIN, "default_tenant", TenantRole.MANAGER);
    }

    @Override
    public void close() {
        context.close();
    }
}
