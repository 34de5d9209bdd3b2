package io.steward.engine.group;

import io.steward.engine.deployment.DeploymentService;
import io.steward.engine.storage.EngineLengths;
import io.steward.engine.storage.JsonColumns;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.tenant.Names;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.store.TableSpec;
import io.steward.tenancy.store.TableSpec.Column;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deployment groups with static members: create or replace, add and remove members, list, get, delete. The member
 * list is one JSON column, read and rewritten under a row lock so concurrent changes do not lose each other's work.
 */
@Singleton
public class DeploymentGroups {
    static final String TABLE = "deployment_groups";
    private static final TableSpec SPEC = new TableSpec(TABLE, "id", specColumns());

    private final TenantTables tables;
    private final JsonColumns json;
    private final DeploymentService deployments;
    private final Clock clock;

    DeploymentGroups(TenantTables tables, JsonColumns json, DeploymentService deployments, Clock clock) {
        this.tables = tables;
        this.json = json;
        this.deployments = deployments;
        this.clock = clock;
    }

    private static Map<String, Column> specColumns() {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (String text : List.of("id", "created_by", "tenant_name", "visibility", "description",
                "default_blueprint_id")) {
            columns.put(text, Column.text(text));
        }
        columns.put("created_at", Column.time("created_at"));
        return columns;
    }

    /** Creates the group or changes the fields {@code change} names; returns it as stored. */
    public DeploymentGroup put(String id, DeploymentGroupChange change) {
        Caller caller = CallerScope.current();
        caller.require(Permission.DEPLOYMENT_CREATE);
        Names.require("group_id", id);
        EngineLengths.DEPLOYMENT_GROUP_ID.require(id);
        if (change.visibility() != null && Visibility.of(change.visibility()) == Visibility.GLOBAL) {
            caller.require(Permission.CREATE_GLOBAL_RESOURCE);
        }
        if (change.defaultBlueprintId() != null) {
            EngineLengths.GROUP_DEFAULT_BLUEPRINT.require(change.defaultBlueprintId());
        }
        List<String> members = change.deploymentIds() == null ? null : existingMembers(change.deploymentIds());
        return tables.inOneTransaction(() -> {
            Optional<DeploymentGroup> existing = lockAndFind(id);
            if (existing.isEmpty()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("visibility", Visibility.of(change.visibility()).wire());
                row.put("created_by", caller.username());
                row.put("created_at", clock.instant());
                row.put("description", change.description());
                row.put("default_blueprint_id", change.defaultBlueprintId());
                row.put("default_inputs", json.write(change.defaultInputs() == null ? Map.of()
                        : change.defaultInputs()));
                row.put("deployment_ids", json.write(members == null ? List.of() : members));
                tables.insert(TABLE, row);
            } else {
                Map<String, Object> values = new LinkedHashMap<>();
                if (change.visibility() != null) {
                    values.put("visibility", Visibility.of(change.visibility()).wire());
                }
                if (change.description() != null) {
                    values.put("description", change.description());
                }
                if (change.defaultBlueprintId() != null) {
                    values.put("default_blueprint_id", change.defaultBlueprintId());
                }
                if (change.defaultInputs() != null) {
                    values.put("default_inputs", json.write(change.defaultInputs()));
                }
                if (members != null) {
                    values.put("deployment_ids", json.write(members));
                }
                if (!values.isEmpty()) {
                    tables.update(TABLE, id, values);
                }
            }
            return get(id);
        });
    }

    /** Adds {@code add} and then removes {@code remove} (each may be empty); returns the group as stored. */
    public DeploymentGroup change(String id, Collection<String> add, Collection<String> remove) {
        CallerScope.current().require(Permission.DEPLOYMENT_CREATE);
        List<String> added = existingMembers(add);
        return tables.inOneTransaction(() -> {
            DeploymentGroup group = lockAndFind(id).orElseThrow(() -> new NotFoundException("Deployment group", id));
            Set<String> members = new LinkedHashSet<>(group.deploymentIds());
            members.addAll(added);
            members.removeAll(remove);
            tables.update(TABLE, id, Map.of("deployment_ids", json.write(new ArrayList<>(members))));
            return get(id);
        });
    }

    /** Adds one deployment to a group if the group still exists: an execution group's target after a member ends. */
    public void addIfPresent(String id, String deploymentId) {
        tables.inOneTransaction(() -> {
            lockAndFind(id).ifPresent(group -> {
                if (!group.deploymentIds().contains(deploymentId)) {
                    List<String> members = new ArrayList<>(group.deploymentIds());
                    members.add(deploymentId);
                    tables.update(TABLE, id, Map.of("deployment_ids", json.write(members)));
                }
            });
        });
    }

    public DeploymentGroup get(String id) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        return tables.findById(TABLE, id, this::map).orElseThrow(() -> new NotFoundException("Deployment group", id));
    }

    public Page<DeploymentGroup> list(ListQuery query) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        return tables.list(SPEC, query, this::map);
    }

    /** Deletes the group; its deployments stay. */
    public void delete(String id) {
        CallerScope.current().require(Permission.DEPLOYMENT_DELETE);
        get(id);
        tables.deleteWhere(TABLE, "id = ?", List.of(id));
    }

    private Optional<DeploymentGroup> lockAndFind(String id) {
        tables.lock(TABLE, "id = ?", List.of(id));
        return tables.findById(TABLE, id, this::map);
    }

    /** The ids, each once, in order; each must name a deployment the caller sees. */
    private List<String> existingMembers(Collection<String> ids) {
        List<String> members = new ArrayList<>(new LinkedHashSet<>(ids));
        for (String member : members) {
            if (member == null || member.isEmpty()) {
                throw new InvalidInputException("deployment_ids must be non-empty strings");
            }
            EngineLengths.DEPLOYMENT_ID.require(member);
            deployments.ref(member);
        }
        return members;
    }

    private DeploymentGroup map(ResultSet rs) throws SQLException {
        List<String> members = new ArrayList<>();
        json.readList(rs.getString("deployment_ids")).forEach(m -> members.add((String) m));
        return new DeploymentGroup(rs.getString("id"), rs.getString("tenant_name"),
                Visibility.of(rs.getString("visibility")), rs.getString("created_by"), Sql.instant(rs, "created_at"),
                rs.getString("description"), rs.getString("default_blueprint_id"),
                json.readMap(rs.getString("default_inputs")), members);
    }
}
