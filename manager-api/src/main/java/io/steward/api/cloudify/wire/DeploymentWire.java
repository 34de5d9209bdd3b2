package io.steward.api.cloudify.wire;

import io.steward.engine.deployment.Deployment;
import io.steward.engine.deployment.DeploymentStatus;
import io.steward.engine.deployment.Node;
import io.steward.engine.deployment.NodeInstance;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionStatus;
import io.steward.engine.label.Label;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deployments, nodes and node instances as Cloudify renders them. */
public final class DeploymentWire {
    public static final List<String> DEPLOYMENT_FIELDS = withOwnership("id", "display_name", "blueprint_id",
            "description", "inputs", "outputs", "capabilities", "workflows", "labels", "installation_status",
            "deployment_status", "latest_execution", "latest_execution_status", "latest_execution_workflow_id",
            "latest_execution_total_operations", "latest_execution_finished_operations", "unavailable_instances",
            "drifted_instances", "environment_type", "sub_environments_count", "sub_environments_status",
            "sub_services_count", "sub_services_status", "policy_triggers", "policy_types", "groups", "scaling_groups",
            "site_name", "created_at", "updated_at");
    public static final List<String> NODE_FIELDS = withOwnership("id", "deployment_id", "blueprint_id", "type",
            "type_hierarchy", "properties", "operations", "relationships", "host_id", "number_of_instances",
            "deploy_number_of_instances", "planned_number_of_instances", "actual_number_of_instances",
            "min_number_of_instances", "max_number_of_instances", "plugins", "plugins_to_install", "created_at");
    public static final List<String> INSTANCE_FIELDS = withOwnership("id", "node_id", "deployment_id", "state",
            "runtime_properties", "relationships", "host_id", "version", "index", "scaling_groups",
            "system_properties", "has_configuration_drift", "is_status_check_ok", "created_at");

    private DeploymentWire() {
    }

    /** {@code latest} is the deployment's most recent execution (its create one at first), or null. */
    public static Map<String, Object> deployment(Deployment d, Execution latest, List<Label> labels,
                                                 DeploymentStatus status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("display_name", d.displayName());
        out.put("blueprint_id", d.blueprintId());
        out.put("description", d.description());
        out.put("inputs", d.inputs());
        out.put("outputs", d.outputs());
        out.put("capabilities", d.capabilities());
        out.put("workflows", workflows(d.workflows()));
        out.put("labels", LabelWire.render(labels));
        out.put("installation_status", d.installationStatus());
        out.put("deployment_status", status.status());
        out.put("latest_execution", latest == null ? null : latest.id());
        out.put("latest_execution_status", latest == null ? null : latestStatus(latest.status()));
        out.put("latest_execution_workflow_id", latest == null ? null : latest.workflowId());
        out.put("latest_execution_total_operations", latest == null ? null : latest.totalOperations());
        out.put("latest_execution_finished_operations", latest == null ? null : latest.finishedOperations());
        // Cloudify counts instances whose status check failed or which drifted; Steward runs neither check.
        out.put("unavailable_instances", 0);
        out.put("drifted_instances", 0);
        out.put("environment_type", status.environmentType());
        out.put("sub_environments_count", status.subEnvironmentsCount());
        out.put("sub_environments_status", status.subEnvironmentsStatus());
        out.put("sub_services_count", status.subServicesCount());
        out.put("sub_services_status", status.subServicesStatus());
        out.put("policy_triggers", Map.of());
        out.put("policy_types", Map.of());
        out.put("groups", Map.of());
        out.put("scaling_groups", d.scalingGroups());
        out.put("site_name", d.siteName());
        out.put("created_at", Timestamps.format(d.createdAt()));
        out.put("updated_at", Timestamps.format(d.updatedAt()));
        Ownership.put(out, d.tenantName(), d.createdBy(), d.visibility().wire());
        return out;
    }

    /** Cloudify's summary of the latest execution: its end state (terminated shows as completed) or in_progress. */
    private static String latestStatus(ExecutionStatus status) {
        return status.isEnd() ? status.display() : "in_progress";
    }

    /** Cloudify lists a deployment's workflows as {@code [{name, plugin, operation, parameters, …}]}. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> workflows(Map<String, Object> workflows) {
        List<Map<String, Object>> out = new ArrayList<>();
        workflows.forEach((name, raw) -> {
            Map<String, Object> definition = (Map<String, Object>) raw;
            Map<String, Object> workflow = new LinkedHashMap<>();
            workflow.put("name", name);
            workflow.put("plugin", definition.get("plugin"));
            workflow.put("operation", definition.get("operation"));
            workflow.put("parameters", definition.getOrDefault("parameters", Map.of()));
            workflow.put("is_cascading", false);
            workflow.put("is_available", true);
            workflow.put("availability_rules", null);
            out.add(workflow);
        });
        return out;
    }

    public static Map<String, Object> node(Node n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", n.id());
        out.put("deployment_id", n.deploymentId());
        out.put("blueprint_id", n.blueprintId());
        out.put("type", n.type());
        out.put("type_hierarchy", n.typeHierarchy());
        out.put("properties", n.properties());
        out.put("operations", n.operations());
        out.put("relationships", n.relationships());
        out.put("host_id", n.hostId());
        out.put("number_of_instances", n.numberOfInstances());
        out.put("deploy_number_of_instances", n.deployNumberOfInstances());
        out.put("planned_number_of_instances", n.numberOfInstances());
        out.put("actual_number_of_instances", n.numberOfInstances());
        out.put("min_number_of_instances", n.minNumberOfInstances());
        out.put("max_number_of_instances", n.maxNumberOfInstances());
        out.put("plugins", List.of());
        out.put("plugins_to_install", null);
        out.put("created_at", Timestamps.format(n.createdAt()));
        Ownership.put(out, n.tenantName(), n.createdBy(), n.visibility());
        return out;
    }

    public static Map<String, Object> instance(NodeInstance i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", i.id());
        out.put("node_id", i.nodeId());
        out.put("deployment_id", i.deploymentId());
        out.put("state", i.state());
        out.put("runtime_properties", i.runtimeProperties());
        out.put("relationships", i.relationships());
        out.put("host_id", i.hostId());
        out.put("version", i.version());
        out.put("index", i.index());
        out.put("scaling_groups", List.of());
        out.put("system_properties", Map.of());
        out.put("has_configuration_drift", false);
        out.put("is_status_check_ok", true);
        out.put("created_at", Timestamps.format(i.createdAt()));
        Ownership.put(out, i.tenantName(), i.createdBy(), i.visibility());
        return out;
    }

    private static List<String> withOwnership(String... fields) {
        List<String> all = new ArrayList<>(List.of(fields));
        all.addAll(Ownership.FIELDS);
        return List.copyOf(all);
    }
}
