package io.steward.engine.site;

import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.store.TableSpec;
import io.steward.tenancy.store.TableSpec.Column;
import io.steward.tenancy.tenant.Names;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cloudify's sites ({@code cfy sites …}): create, rename and relocate, list, get, delete. A site's name is its id
 * within the tenant. Renaming or deleting one tells {@link SiteUsers} in the same transaction, so deployments keep
 * naming it (or name none), as Cloudify's foreign key does.
 */
@Singleton
public class Sites {
    static final String TABLE = "sites";
    private static final TableSpec SPEC = new TableSpec(TABLE, "id", Map.of(
            "name", Column.text("id"), "id", Column.text("id"), "created_at", Column.time("created_at"),
            "created_by", Column.text("created_by"), "tenant_name", Column.text("tenant_name"),
            "visibility", Column.text("visibility"), "resource_availability", Column.text("visibility")));

    private final TenantTables tables;
    private final Clock clock;
    private final List<SiteUsers> users;

    Sites(TenantTables tables, Clock clock, List<SiteUsers> users) {
        this.tables = tables;
        this.clock = clock;
        this.users = users;
    }

    /** A new site; {@code location} may be null (none). 409 when the tenant has one of that name or sees one. */
    public Site create(String name, String location, Visibility visibility) {
        Caller caller = CallerScope.current();
        caller.require(Permission.SITE_MANAGE);
        requireName("name", name);
        if (visibility == Visibility.GLOBAL) {
            caller.require(Permission.CREATE_GLOBAL_RESOURCE);
        }
        SiteLocation at = location == null ? SiteLocation.NONE : SiteLocation.parse(location);
        return tables.inOneTransaction(() -> {
            refuseTaken(name);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", name);
            row.put("visibility", visibility.wire());
            row.put("created_by", caller.username());
            row.put("created_at", clock.instant());
            row.put("latitude", at.latitude());
            row.put("longitude", at.longitude());
            tables.insert(TABLE, row);
            return get(name);
        });
    }

    /**
     * Changes what is given (null: unchanged): the location ({@code ""} clears it), a wider visibility, a new name.
     * Only the site's own tenant changes it.
     */
    public Site update(String name, String location, Visibility visibility, String newName) {
        Caller caller = CallerScope.current();
        caller.require(Permission.SITE_MANAGE);
        requireName("name", name);
        SiteLocation at = location == null ? null : SiteLocation.parse(location);
        boolean renamed = newName != null && !newName.isEmpty() && !newName.equals(name);
        if (renamed) {
            requireName("new_name", newName);
        }
        return tables.inOneTransaction(() -> {
            Site current = owned(name, caller);
            if (renamed) {
                if (find(newName).isPresent()) {
                    throw new ConflictException(Problem.CONFLICT, "Invalid new name `" + newName + "`, it already"
                            + " exists on " + caller.tenant() + " or with global visibility");
                }
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            if (at != null) {
                changes.put("latitude", at.latitude());
                changes.put("longitude", at.longitude());
            }
            if (visibility != null && visibility != current.visibility()) {
                if (visibility.ordinal() < current.visibility().ordinal()) {
                    throw new InvalidInputException(Problem.ILLEGAL_ACTION, "Can't set the visibility of `" + name
                            + "` to " + visibility.wire() + " because it already has wider visibility");
                }
                if (visibility == Visibility.GLOBAL) {
                    caller.require(Permission.CREATE_GLOBAL_RESOURCE);
                }
                changes.put("visibility", visibility.wire());
            }
            if (renamed) {
                changes.put("id", newName);
            }
            if (!changes.isEmpty()) {
                tables.update(TABLE, name, changes);
            }
            if (renamed) {
                users.forEach(u -> u.siteRenamed(name, newName));
            }
            return get(renamed ? newName : name);
        });
    }

    public Site get(String name) {
        CallerScope.current().require(Permission.SITE_LIST);
        return find(name).orElseThrow(() -> new NotFoundException("Site", name));
    }

    public Page<Site> list(ListQuery query) {
        CallerScope.current().require(Permission.SITE_LIST);
        return tables.list(SPEC, query, this::map);
    }

    /** Deletes the site; deployments of the tenant that were in it are in no site afterwards. */
    public void delete(String name) {
        Caller caller = CallerScope.current();
        caller.require(Permission.SITE_MANAGE);
        tables.inOneTransaction(() -> {
            owned(name, caller);
            users.forEach(u -> u.siteDeleted(name));
            tables.deleteWhere(TABLE, "id = ?", List.of(name));
        });
    }

    /** The site of that name the caller sees, as a deployment names it; 404 when none. */
    public Site require(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("Site", name));
    }

    private Optional<Site> find(String name) {
        return tables.findById(TABLE, name, this::map);
    }

    private void refuseTaken(String name) {
        // The tenant's own sites, whoever may see them, and the global ones the caller sees.
        if (tables.count(TABLE, "id = ?", List.of(name)) > 0 || find(name).isPresent()) {
            throw new ConflictException(Problem.ALREADY_EXISTS, "<Site name=`" + name + "`> already exists on"
                    + " tenant " + CallerScope.current().tenant() + " or with global visibility");
        }
    }

    private Site owned(String name, Caller caller) {
        Site current = get(name);
        if (!current.tenantName().equals(caller.tenant())) {
            throw new AccessDeniedException(Problem.FORBIDDEN, "Site " + name + " belongs to tenant "
                    + current.tenantName() + " and cannot be changed");
        }
        return current;
    }

    /** Cloudify's name rule (Names), bounded by the column. */
    public static String requireName(String field, String name) {
        if (name != null && name.isEmpty()) {
            throw new InvalidInputException("The `" + field + "` argument is empty");
        }
        Names.require(field, name);
        return EngineLengths.SITE_NAME.require(name);
    }

    private Site map(ResultSet rs) throws SQLException {
        double latitude = rs.getDouble("latitude");
        Double lat = rs.wasNull() ? null : latitude;
        double longitude = rs.getDouble("longitude");
        Double lon = rs.wasNull() ? null : longitude;
        return new Site(rs.getString("id"), rs.getString("tenant_name"), Visibility.of(rs.getString("visibility")),
                rs.getString("created_by"), Sql.instant(rs, "created_at"), lat, lon);
    }
}
