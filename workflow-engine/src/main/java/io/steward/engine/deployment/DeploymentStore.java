package io.steward.engine.deployment;

import io.steward.engine.blueprint.Blueprint;
import io.steward.engine.storage.JsonColumns;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.store.TableSpec;
import io.steward.tenancy.store.TableSpec.Column;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rows of deployments, nodes and node instances, always through {@link TenantTables}. */
@Singleton
class DeploymentStore {
    static final String DEPLOYMENTS = "deployments";
    static final String NODES = "nodes";
    static final String INSTANCES = "node_instances";
    static final TableSpec DEPLOYMENT_SPEC = new TableSpec(DEPLOYMENTS, "id", Map.ofEntries(
            Map.entry("id", Column.text("id")), Map.entry("blueprint_id", Column.text("blueprint_id")),
            Map.entry("display_name", Column.text("display_name")), Map.entry("created_at", Column.time("created_at")),
            Map.entry("updated_at", Column.time("updated_at")), Map.entry("created_by", Column.text("created_by")),
            Map.entry("tenant_name", Column.text("tenant_name")), Map.entry("visibility", Column.text("visibility")),
            Map.entry("resource_availability", Column.text("visibility")),
            Map.entry("installation_status", Column.text("installation_status")),
            Map.entry("site_name", Column.text("site_name"))));
    static final TableSpec NODE_SPEC = new TableSpec(NODES, "id", Map.of(
            "id", Column.text("id"), "deployment_id", Column.text("deployment_id"),
            "blueprint_id", Column.text("blueprint_id"), "type", Column.text("type"),
            "host_id", Column.text("host_id"), "number_of_instances", Column.number("number_of_instances"),
            "created_at", Column.time("created_at"), "tenant_name", Column.text("tenant_name"),
            "visibility", Column.text("visibility")));
    static final TableSpec INSTANCE_SPEC = new TableSpec(INSTANCES, "id", Map.of(
            "id", Column.text("id"), "node_id", Column.text("node_id"), "deployment_id", Column.text("deployment_id"),
            "state", Column.text("state"), "host_id", Column.text("host_id"), "index", Column.number("instance_index"),
            "version", Column.number("version"), "created_at", Column.time("created_at"),
            "tenant_name", Column.text("tenant_name"), "visibility", Column.text("visibility")));
    /** A deployment with the blueprint it names, each side limited to what the caller may read. */
    private static final TenantTables.Join WITH_BLUEPRINT = new TenantTables.Join(DEPLOYMENTS, "d", "blueprints", "b",
            "b.id = d.blueprint_id");
    private static final String BLUEPRINT_COLUMNS = "b.tenant_name AS b_tenant_name, b.visibility AS b_visibility,"
            + " b.created_by AS b_created_by, b.created_at AS b_created_at, b.updated_at AS b_updated_at,"
            + " b.state AS b_state, b.main_file_name AS b_main_file_name, b.description AS b_description";
    private static final String REF_AND_BLUEPRINT = "d.id, d.tenant_name, d.visibility, d.blueprint_id, "
            + BLUEPRINT_COLUMNS;

    private final TenantTables tables;
    private final JsonColumns json;

    DeploymentStore(TenantTables tables, JsonColumns json) {
        this.tables = tables;
        this.json = json;
    }

    void insert(Deployment d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", d.id());
        row.put("visibility", d.visibility().wire());
        row.put("created_at", d.createdAt());
        row.put("updated_at", d.updatedAt());
        row.put("blueprint_id", d.blueprintId());
        row.put("display_name", d.displayName());
        row.put("description", d.description());
        row.put("inputs", json.write(d.inputs()));
        row.put("workflows", json.write(d.workflows()));
        row.put("outputs", json.write(d.outputs()));
        row.put("capabilities", json.write(d.capabilities()));
        row.put("installation_status", d.installationStatus());
        row.put("site_name", d.siteName());
        row.put("scaling_groups", json.write(d.scalingGroups()));
        tables.insert(DEPLOYMENTS, row);
    }

    void insert(Node n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type_hierarchy", n.typeHierarchy());
        body.put("properties", n.properties());
        body.put("operations", n.operations());
        body.put("relationships", n.relationships());
        body.put("min_number_of_instances", n.minNumberOfInstances());
        body.put("max_number_of_instances", n.maxNumberOfInstances());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("deployment_id", n.deploymentId());
        row.put("id", n.id());
        row.put("visibility", n.visibility());
        row.put("created_at", n.createdAt());
        row.put("blueprint_id", n.blueprintId());
        row.put("type", n.type());
        row.put("host_id", n.hostId());
        row.put("number_of_instances", n.numberOfInstances());
        row.put("deploy_number_of_instances", n.deployNumberOfInstances());
        row.put("body", json.write(body));
        tables.insert(NODES, row);
    }

    /** Inserts many instances as batches: a deployment of thousands costs a few round trips, not one per row. */
    void insertAll(List<NodeInstance> instances) {
        tables.insertAll(INSTANCES, instances.stream().map(this::row).toList());
    }

    private Map<String, Object> row(NodeInstance i) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", i.id());
        row.put("visibility", i.visibility());
        row.put("created_at", i.createdAt());
        row.put("deployment_id", i.deploymentId());
        row.put("node_id", i.nodeId());
        row.put("state", i.state());
        row.put("host_id", i.hostId());
        row.put("instance_index", i.index());
        row.put("version", i.version());
        row.put("runtime_properties", json.write(i.runtimeProperties()));
        row.put("relationships", json.write(i.relationships()));
        return row;
    }

    /** The deployment's nodes and node instances follow its visibility. */
    void setVisibility(String id, String visibility, java.time.Instant now) {
        tables.update(DEPLOYMENTS, id, Map.of("visibility", visibility, "updated_at", now));
        tables.updateWhere(NODES, "deployment_id = ?", List.of(id), Map.of("visibility", visibility));
        tables.updateWhere(INSTANCES, "deployment_id = ?", List.of(id), Map.of("visibility", visibility));
    }

    void update(String id, Map<String, Object> changes) {
        tables.update(DEPLOYMENTS, id, changes);
    }

    Optional<Deployment> find(String id) {
        return tables.findById(DEPLOYMENTS, id, this::deployment);
    }

    Optional<DeploymentRef> findRef(String id) {
        return tables.findById(DEPLOYMENTS, List.of("id", "tenant_name", "visibility", "blueprint_id"), id,
                rs -> new DeploymentRef(rs.getString("id"),
                rs.getString("tenant_name"), Visibility.of(rs.getString("visibility")), rs.getString("blueprint_id")));
    }

    /**
     * The deployment and its blueprint in one read, or empty when either is missing or hidden from the caller. When
     * several visible rows share an id (the caller's own and another tenant's global one), the oldest wins on each
     * side, as {@link #findRef} and the blueprint's own read choose.
     */
    Optional<DeploymentWithBlueprint> findRefWithBlueprint(String id) {
        List<DeploymentWithBlueprint> rows = tables.findJoined(WITH_BLUEPRINT, REF_AND_BLUEPRINT, "d.id = ?",
                List.of(id), "d.created_at, d.id, b.created_at, b.id", 0, 1, rs -> new DeploymentWithBlueprint(
                        new DeploymentRef(rs.getString("id"), rs.getString("tenant_name"),
                                Visibility.of(rs.getString("visibility")), rs.getString("blueprint_id")),
                        blueprint(rs)));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The blueprint's record of a joined row ({@link #BLUEPRINT_COLUMNS}), without its plan. */
    private static Blueprint blueprint(ResultSet rs) throws SQLException {
        return new Blueprint(rs.getString("blueprint_id"), rs.getString("b_tenant_name"),
                Visibility.of(rs.getString("b_visibility")), rs.getString("b_created_by"),
                Sql.instant(rs, "b_created_at"), Sql.instant(rs, "b_updated_at"), rs.getString("b_state"),
                rs.getString("b_main_file_name"), rs.getString("b_description"), Map.of());
    }

    /** The deployment and its blueprint in one read; empty when either is gone or hidden from the caller. */
    Optional<PlannedDeployment> findWithBlueprint(String id) {
        List<PlannedDeployment> rows = tables.findJoined(WITH_BLUEPRINT, "d.*, " + BLUEPRINT_COLUMNS, "d.id = ?",
                List.of(id), "d.created_at, d.id, b.created_at, b.id", 0, 1, rs -> new PlannedDeployment(
                        deployment(rs), blueprint(rs)));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    Page<Deployment> list(ListQuery query) {
        return tables.list(DEPLOYMENT_SPEC, query, this::deployment);
    }

    Page<Deployment> list(List<io.steward.tenancy.store.FilterRule> rules, ListQuery query) {
        return tables.list(DEPLOYMENT_SPEC, io.steward.engine.label.Filters.labelTable(
                io.steward.engine.label.LabelledKind.DEPLOYMENT), rules, query, this::deployment);
    }

    List<String> idsUsingBlueprint(String blueprintId) {
        return tables.find(DEPLOYMENTS, "blueprint_id = ?", List.of(blueprintId), rs -> rs.getString("id"));
    }

    Page<Node> nodes(ListQuery query) {
        return tables.list(NODE_SPEC, query, this::node);
    }

    Page<NodeInstance> instances(ListQuery query) {
        return tables.list(INSTANCE_SPEC, query, this::instance);
    }

    /** Node instances matching attribute rules (checked by the caller); node instances carry no labels. */
    Page<NodeInstance> instances(List<io.steward.tenancy.store.FilterRule> rules, ListQuery query) {
        return tables.list(INSTANCE_SPEC, (io.steward.tenancy.store.FilterRules.LabelTable) null, rules, query,
                this::instance);
    }

    List<NodeInstance> instancesOf(String deploymentId) {
        return tables.find(INSTANCES, "deployment_id = ?", List.of(deploymentId), this::instance);
    }

    /** Which of {@code ids} some node instance of the tenant already has, whoever owns it. */
    java.util.Set<String> takenInstanceIds(java.util.Collection<String> ids) {
        return tables.takenIdsInOwnTenant(INSTANCES, ids);
    }

    /** How many instances the deployment has, of node {@code nodeId} only unless it is null. */
    long countInstances(String deploymentId, String nodeId) {
        return nodeId == null ? tables.count(INSTANCES, "deployment_id = ?", List.of(deploymentId))
                : tables.count(INSTANCES, "deployment_id = ? AND node_id = ?", List.of(deploymentId, nodeId));
    }

    /** Whether the tenant has a deployment with this id, whoever owns it and whoever may see it. */
    boolean deploymentIdTaken(String id) {
        return tables.count(DEPLOYMENTS, "id = ?", List.of(id)) > 0;
    }

    List<Node> nodesOf(String deploymentId) {
        return tables.find(NODES, "deployment_id = ?", List.of(deploymentId), this::node);
    }

    void deleteInstance(String instanceId) {
        tables.deleteWhere(INSTANCES, "id = ?", List.of(instanceId));
    }

    void updateNodeCount(String deploymentId, String nodeId, int count) {
        tables.updateWhere(NODES, "deployment_id = ? AND id = ?", List.of(deploymentId, nodeId),
                Map.of("number_of_instances", count));
    }

    void writeRuntimeProperties(String instanceId, Map<String, Object> properties, int expectedVersion) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("runtime_properties", json.write(properties));
        values.put("version", expectedVersion + 1);
        tables.updateWhere(INSTANCES, "id = ?", List.of(instanceId), values);
    }

    /**
     * Writes {@code changes} (column to value; runtime properties as a map) if the instance still has
     * {@code version}, and bumps the version: false when another write came first.
     */
    boolean updateInstance(String instanceId, int version, Map<String, Object> changes) {
        Map<String, Object> values = new LinkedHashMap<>(changes);
        values.computeIfPresent("runtime_properties", (k, v) -> json.write(v));
        values.put("version", version + 1);
        return tables.updateWhere(INSTANCES, "id = ? AND version = ?", List.of(instanceId, version), values) == 1;
    }

    Optional<NodeInstance> instance(String id) {
        return tables.findById(INSTANCES, id, this::instance);
    }

    void delete(String deploymentId) {
        tables.deleteWhere(INSTANCES, "deployment_id = ?", List.of(deploymentId));
        tables.deleteWhere(NODES, "deployment_id = ?", List.of(deploymentId));
        tables.deleteWhere(DEPLOYMENTS, "id = ?", List.of(deploymentId));
    }

    private Deployment deployment(ResultSet rs) throws SQLException {
        return new Deployment(rs.getString("id"), rs.getString("tenant_name"), Visibility.of(rs.getString("visibility")),
                rs.getString("created_by"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                rs.getString("blueprint_id"), rs.getString("display_name"), rs.getString("description"),
                json.readMap(rs.getString("inputs")), json.readMap(rs.getString("workflows")),
                json.readMap(rs.getString("outputs")), capabilities(rs.getString("capabilities")),
                rs.getString("installation_status"), rs.getString("site_name"),
                capabilities(rs.getString("scaling_groups")));
    }

    /** Replaces the deployment's scaling groups (their current and planned counts after a scale). */
    void updateScalingGroups(String deploymentId, Map<String, Object> scalingGroups) {
        tables.update(DEPLOYMENTS, deploymentId, Map.of("scaling_groups", json.write(scalingGroups)));
    }

    /** The tenant's deployments in site {@code oldName} are now in {@code newName} (null: in none). */
    void moveSite(String oldName, String newName) {
        tables.updateWhere(DEPLOYMENTS, "site_name = ?", List.of(oldName), java.util.Collections.singletonMap(
                "site_name", newName));
    }

    /** Deployments made before capabilities (or scaling groups) were kept have none. */
    private Map<String, Object> capabilities(String column) {
        return column == null ? Map.of() : json.readMap(column);
    }

    @SuppressWarnings("unchecked")
    private Node node(ResultSet rs) throws SQLException {
        Map<String, Object> body = json.readMap(rs.getString("body"));
        return new Node(rs.getString("id"), rs.getString("deployment_id"), rs.getString("blueprint_id"),
                rs.getString("tenant_name"), rs.getString("visibility"), rs.getString("created_by"),
                Sql.instant(rs, "created_at"), rs.getString("type"), (List<String>) body.get("type_hierarchy"),
                (Map<String, Object>) body.get("properties"), (Map<String, Object>) body.get("operations"),
                (List<Object>) body.get("relationships"), rs.getString("host_id"), rs.getInt("number_of_instances"),
                rs.getInt("deploy_number_of_instances"), ((Number) body.get("min_number_of_instances")).intValue(),
                ((Number) body.get("max_number_of_instances")).intValue());
    }

    @SuppressWarnings("unchecked")
    private NodeInstance instance(ResultSet rs) throws SQLException {
        List<Map<String, Object>> relationships = (List<Map<String, Object>>) (List<?>) json.readList(
                rs.getString("relationships"));
        return new NodeInstance(rs.getString("id"), rs.getString("node_id"), rs.getString("deployment_id"),
                rs.getString("tenant_name"), rs.getString("visibility"), rs.getString("created_by"),
                Sql.instant(rs, "created_at"), rs.getString("state"), json.readMap(rs.getString("runtime_properties")),
                relationships, rs.getString("host_id"), rs.getInt("instance_index"), rs.getInt("version"));
    }
}
