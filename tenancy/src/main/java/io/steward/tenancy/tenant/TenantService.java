package io.steward.tenancy.tenant;

import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.member.AccessChanges;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.store.TenancyStatements;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.store.PagedSelect;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.store.StorageException;
import io.steward.tenancy.store.TableSpec;
import io.steward.tenancy.store.TableSpec.Column;
import io.steward.tenancy.store.TenancyLengths;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tenants and who belongs to them with which role. Managing them is for sys_admin only. */
@Singleton
public class TenantService {
    public static final String DEFAULT_TENANT = "default_tenant";
    private static final TableSpec TENANTS = new TableSpec("tenants", "name",
            Map.of("name", Column.text("name"), "created_at", Column.time("created_at")));

    private final TenancyStatements database;
    private final Clock clock;
    private final List<TenantResources> resources;
    private final AccessChanges accessChanges;

    TenantService(TenancyStatements database, Clock clock, List<TenantResources> resources, AccessChanges accessChanges) {
        this.database = database;
        this.clock = clock;
        this.resources = resources;
        this.accessChanges = accessChanges;
    }

    public Tenant create(String name) {
        CallerScope.current().require(Permission.TENANT_MANAGE);
        return createUnchecked(Names.require("tenant name", TenancyLengths.TENANT_NAME.require(name)));
    }

    /** Creates a tenant without a permission check: for the first start, before anyone can log in. */
    public Tenant createUnchecked(String name) {
        return database.write(c -> {
            if (Sql.count(c, "SELECT COUNT(*) FROM tenants WHERE name = ?", List.of(name)) > 0) {
                throw new ConflictException(Problem.ALREADY_EXISTS, "<Tenant name=`" + name + "`> already exists");
            }
            Sql.update(c, "INSERT INTO tenants (name, created_at) VALUES (?, ?)", List.of(name, clock.instant()));
            return new Tenant(name, clock.instant(), 0);
        });
    }

    /** sys_admin sees every tenant; anyone else the tenants they belong to. */
    public Page<Tenant> list(ListQuery query) {
        Caller caller = CallerScope.current();
        String condition = caller.isSysAdmin() ? "1 = 1"
                : "name IN (SELECT tenant_name FROM memberships WHERE username = ?)";
        List<Object> params = caller.isSysAdmin() ? List.of() : List.of(caller.username());
        return PagedSelect.page(database, TENANTS, condition, params, query, this::countUsersAndMap);
    }

    public Tenant get(String name) {
        Caller caller = CallerScope.current();
        Optional<Tenant> tenant = find(name);
        if (tenant.isEmpty() || !(caller.isSysAdmin() || memberRole(name, caller.username()).isPresent())) {
            throw new NotFoundException("Tenant", name);
        }
        return tenant.get();
    }

    public Optional<Tenant> find(String name) {
        return database.read(c -> Sql.queryOne(c, "SELECT * FROM tenants WHERE name = ?", List.of(name),
                this::countUsersAndMap));
    }

    /**
     * Deletes a tenant that owns nothing a user still has to delete or wait for (see {@link TenantResources}), with
     * its history, in one transaction. Refuses the default tenant, and names what remains otherwise.
     */
    public void delete(String name) {
        CallerScope.current().require(Permission.TENANT_MANAGE);
        find(name).orElseThrow(() -> new NotFoundException("Tenant", name));
        if (DEFAULT_TENANT.equals(name)) {
            throw new ConflictException(Problem.CONFLICT, "The default tenant cannot be deleted");
        }
        try {
            database.write(c -> {
                List<String> remaining = resources.stream().flatMap(r -> r.remainingIn(name).stream()).toList();
                if (!remaining.isEmpty()) {
                    throw new ConflictException(Problem.IN_USE, "Cannot delete tenant `" + name + "`: it still has "
                            + String.join(", ", remaining) + ". Delete them, or let them end, first");
                }
                resources.forEach(r -> r.removeLeftovers(name));
                return Sql.update(c, "DELETE FROM tenants WHERE name = ?", List.of(name));
            });
        } catch (StorageException e) {
            if (!e.isForeignKeyViolation()) {
                throw e;
            }
            // A row still refers to the tenant: most likely added between the check and the delete (an execution
            // just started). The whole delete was rolled back; the caller may look and try again.
            throw new ConflictException(Problem.IN_USE, "Cannot delete tenant `" + name + "`: records still refer"
                    + " to it (perhaps added while it was being deleted). Try again");
        }
        accessChanges.changed();
    }

    /**
     * For every request's {@code Tenant} header, in one indexed lookup: whether the tenant exists and, if so, the
     * role {@code username} holds there (empty when not a member).
     */
    public Optional<Optional<TenantRole>> membershipIn(String tenant, String username) {
        return database.read(c -> Sql.queryOne(c, "SELECT m.role FROM tenants t LEFT JOIN memberships m"
                        + " ON m.tenant_name = t.name AND m.username = ? WHERE t.name = ?", List.of(username, tenant),
                rs -> Optional.ofNullable(rs.getString("role")).map(TenantRole::of)));
    }

    private Optional<TenantRole> memberRole(String tenant, String username) {
        return database.read(c -> Sql.queryOne(c,
                "SELECT role FROM memberships WHERE tenant_name = ? AND username = ?", List.of(tenant, username),
                rs -> TenantRole.of(rs.getString("role"))));
    }

    private Tenant countUsersAndMap(ResultSet rs) throws SQLException {
        String name = rs.getString("name");
        long users = database.read(c -> Sql.count(c,
                "SELECT COUNT(*) FROM memberships WHERE tenant_name = ?", List.of(name)));
        return new Tenant(name, Sql.instant(rs, "created_at"), users);
    }
}
