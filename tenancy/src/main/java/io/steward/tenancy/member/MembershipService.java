package io.steward.tenancy.member;

import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.store.TenancyStatements;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.store.TenancyLengths;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/** Who belongs to which tenant with which role. sys_admin only. */
@Singleton
public class MembershipService {
    private final TenancyStatements database;
    private final Clock clock;
    private final AccessChanges accessChanges;

    MembershipService(TenancyStatements database, Clock clock, AccessChanges accessChanges) {
        this.database = database;
        this.clock = clock;
        this.accessChanges = accessChanges;
    }

    public void add(String username, String tenant, TenantRole role) {
        CallerScope.current().require(Permission.TENANT_MANAGE);
        addUnchecked(username, tenant, role);
    }

    /** For the first start, before anyone can log in. */
    public void addUnchecked(String username, String tenant, TenantRole role) {
        database.write(c -> {
            requireBoth(c, username, tenant);
            if (Sql.count(c, "SELECT COUNT(*) FROM memberships WHERE tenant_name = ? AND username = ?",
                    List.of(tenant, username)) > 0) {
                throw new ConflictException(Problem.ALREADY_EXISTS,
                        "User `" + username + "` is already associated with tenant `" + tenant + "`");
            }
            return Sql.update(c, "INSERT INTO memberships (tenant_name, username, role, created_at) VALUES (?, ?, ?, ?)",
                    List.of(tenant, username, role.wire(), clock.instant()));
        });
    }

    /** The tenants {@code username} is a member of, by name: to choose one when a request names none. */
    public List<String> tenantsOf(String username) {
        return database.read(c -> Sql.query(c,
                "SELECT tenant_name FROM memberships WHERE username = ? ORDER BY tenant_name", List.of(username),
                rs -> rs.getString("tenant_name")));
    }

    public void changeRole(String username, String tenant, TenantRole role) {
        CallerScope.current().require(Permission.TENANT_MANAGE);
        database.write(c -> {
            requireBoth(c, username, tenant);
            int changed = Sql.update(c, "UPDATE memberships SET role = ? WHERE tenant_name = ? AND username = ?",
                    List.of(role.wire(), tenant, username));
            if (changed == 0) {
                throw new NotFoundException("User in tenant", username + "@" + tenant);
            }
            return changed;
        });
        accessChanges.changed();
    }

    public void remove(String username, String tenant) {
        CallerScope.current().require(Permission.TENANT_MANAGE);
        database.write(c -> {
            requireBoth(c, username, tenant);
            int removed = Sql.update(c, "DELETE FROM memberships WHERE tenant_name = ? AND username = ?",
                    List.of(tenant, username));
            if (removed == 0) {
                throw new NotFoundException("User in tenant", username + "@" + tenant);
            }
            return removed;
        });
        accessChanges.changed();
    }

    private static void requireBoth(java.sql.Connection c, String username, String tenant)
            throws java.sql.SQLException {
        // A reference longer than its column names the field, instead of a lookup that could only find nothing.
        TenancyLengths.TENANT_NAME.require(tenant);
        TenancyLengths.USERNAME.require(username);
        if (Sql.count(c, "SELECT COUNT(*) FROM tenants WHERE name = ?", List.of(tenant)) == 0) {
            throw new NotFoundException("Tenant", tenant);
        }
        if (Sql.count(c, "SELECT COUNT(*) FROM users WHERE username = ?", List.of(username)) == 0) {
            throw new NotFoundException("User", username);
        }
    }
}
