package io.steward.engine.summary;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.store.GroupCount;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.store.TableSpec;
import io.steward.tenancy.store.TableSpec.Column;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cloudify's summaries ({@code /summary/{resource}}): the visible records of a resource that match the list filters,
 * counted per value of a target field and optionally per value of a sub field, in the database.
 */
@Singleton
public class Summaries {
    private static final Map<String, Resource> RESOURCES = resources();

    private final TenantTables tables;

    Summaries(TenantTables tables) {
        this.tables = tables;
    }

    /** The resources that have a summary, in Cloudify's names. */
    public static boolean exists(String resource) {
        return RESOURCES.containsKey(resource);
    }

    /** The keys a summary of {@code resource} can be filtered on. */
    public static List<String> filterFields(String resource) {
        return List.copyOf(resource(resource).spec().columns().keySet());
    }

    /**
     * One page of (target, sub) groups with their counts; {@code subField} may be null. A field outside the
     * resource's summary fields is a 400 naming the allowed ones, as Cloudify words it.
     */
    public Page<GroupCount> count(String resource, String targetField, String subField, ListQuery query) {
        Resource summarized = resource(resource);
        List<String> groups = new ArrayList<>();
        groups.add(summarized.checked(targetField));
        if (subField != null) {
            groups.add(summarized.checked(subField));
        }
        return tables.groupCounts(summarized.spec(), query, groups);
    }

    private static Resource resource(String name) {
        Resource resource = RESOURCES.get(name);
        if (resource == null) {
            throw new NotFoundException("summary", name);
        }
        return resource;
    }

    /** A table, the fields a summary may group by and the fields a summary may be filtered on. */
    private record Resource(TableSpec spec, List<String> summaryFields) {
        String checked(String field) {
            if (field == null || !summaryFields.contains(field)) {
                throw new InvalidInputException("Invalid summary field: " + field + ". Allowed values: "
                        + String.join(", ", summaryFields));
            }
            return field;
        }
    }

    private static Map<String, Resource> resources() {
        Map<String, Resource> all = new LinkedHashMap<>();
        all.put("blueprints", new Resource(spec("blueprints", text("id", "state", "main_file_name", "created_by",
                "tenant_name", "visibility")), List.of("tenant_name", "visibility")));
        Map<String, Column> deployments = text("id", "blueprint_id", "display_name", "created_by", "tenant_name",
                "visibility", "installation_status");
        // Steward has no sites, and every deployment is "good" (DeploymentWire): constants group as Cloudify would.
        deployments.put("site_name", Column.text("CAST(NULL AS VARCHAR(255))"));
        deployments.put("deployment_status", Column.text("CAST('good' AS VARCHAR(255))"));
        all.put("deployments", new Resource(spec("deployments", deployments),
                List.of("blueprint_id", "tenant_name", "visibility", "site_name", "deployment_status")));
        Map<String, Column> nodes = text("id", "deployment_id", "blueprint_id", "type", "host_id", "tenant_name",
                "visibility");
        all.put("nodes", new Resource(spec("nodes", nodes), List.of("deployment_id", "tenant_name", "visibility")));
        Map<String, Column> instances = text("id", "node_id", "deployment_id", "state", "host_id", "tenant_name",
                "visibility");
        instances.put("index", Column.number("instance_index"));
        all.put("node_instances", new Resource(spec("node_instances", instances),
                List.of("deployment_id", "index", "node_id", "state", "host_id", "tenant_name", "visibility")));
        Map<String, Column> executions = text("id", "workflow_id", "deployment_id", "blueprint_id", "status",
                "created_by", "tenant_name", "visibility");
        executions.put("status_display", Column.text("CASE status WHEN 'terminated' THEN 'completed' ELSE status END"));
        all.put("executions", new Resource(spec("executions", executions), List.of("status", "status_display",
                "blueprint_id", "deployment_id", "workflow_id", "tenant_name", "visibility")));
        // Cloudify's schedule summary takes these fields (its own list is empty at HEAD, so every field is a 400).
        all.put("execution_schedules", new Resource(spec("execution_schedules", text("id", "deployment_id",
                "workflow_id", "created_by", "tenant_name", "visibility")), List.of("deployment_id", "workflow_id",
                "tenant_name", "visibility")));
        return Map.copyOf(all);
    }

    private static TableSpec spec(String table, Map<String, Column> columns) {
        return new TableSpec(table, "id", columns);
    }

    private static Map<String, Column> text(String... fields) {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (String field : fields) {
            columns.put(field, Column.text(field));
        }
        return columns;
    }
}
