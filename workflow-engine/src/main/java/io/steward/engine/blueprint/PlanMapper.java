package io.steward.engine.blueprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link BlueprintPlan} as plain data in the shape of Cloudify's blueprint {@code plan}: top-level
 * {@code description, inputs, nodes, workflows, outputs, capabilities}; each node has {@code id, name, type,
 * type_hierarchy, properties, operations, relationships, instances, capabilities}. As in Cloudify,
 * {@code type_hierarchy} lists the root type first and the node's own type last (the records hold the reverse).
 * Workflows carry Cloudify's {@code plugin}/{@code operation} split next to Steward's {@code kind}.
 */
final class PlanMapper {
    private PlanMapper() {
    }

    static Map<String, Object> toMap(BlueprintPlan plan) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("description", plan.description());
        map.put("inputs", mapValues(plan.inputs(), PlanMapper::schema));
        map.put("nodes", plan.nodeTemplates().stream().map(PlanMapper::node).toList());
        map.put("workflows", mapValues(plan.workflows(), PlanMapper::workflow));
        map.put("outputs", mapValues(plan.outputs(), PlanMapper::output));
        map.put("capabilities", mapValues(plan.capabilities(), PlanMapper::output));
        map.put("labels", mapValues(plan.labels(), values -> Map.of("values", values)));
        map.put("blueprint_labels", mapValues(plan.blueprintLabels(), values -> Map.of("values", values)));
        map.put("groups", mapValues(plan.groups(), members -> Map.of("members", members)));
        map.put("scaling_groups", mapValues(plan.scalingGroups(), PlanMapper::scalingGroup));
        return Collections.unmodifiableMap(map);
    }

    /** Cloudify's plan shape: {@code {members, properties: {default, min, max, current, planned instances}}}. */
    private static Map<String, Object> scalingGroup(ScalingGroup group) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("default_instances", group.defaultInstances());
        properties.put("min_instances", group.minInstances());
        properties.put("max_instances", group.maxInstances());
        properties.put("current_instances", group.defaultInstances());
        properties.put("planned_instances", group.defaultInstances());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("members", group.members());
        map.put("properties", properties);
        return map;
    }

    private static Map<String, Object> node(NodeTemplate node) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", node.id());
        map.put("name", node.id());
        map.put("type", node.type());
        map.put("type_hierarchy", rootFirst(node.typeHierarchy()));
        map.put("properties", node.properties());
        map.put("operations", mapValues(node.operations(), PlanMapper::operation));
        map.put("relationships", node.relationships().stream().map(PlanMapper::relationship).toList());
        map.put("instances", Map.of("deploy", node.defaultInstances()));
        Map<String, Object> scalable = new LinkedHashMap<>();
        scalable.put("default_instances", node.defaultInstances());
        scalable.put("min_instances", node.minInstances());
        scalable.put("max_instances", node.maxInstances());
        scalable.put("current_instances", node.defaultInstances());
        scalable.put("planned_instances", node.defaultInstances());
        map.put("capabilities", Map.of("scalable", Map.of("properties", scalable)));
        node.containedIn().ifPresent(host -> map.put("contained_in", host));
        map.put("depends_on", node.dependsOn());
        return map;
    }

    private static Map<String, Object> relationship(Relationship relationship) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", relationship.type());
        map.put("type_hierarchy", rootFirst(relationship.typeHierarchy()));
        map.put("target_id", relationship.targetId());
        map.put("properties", relationship.properties());
        map.put("source_operations", mapValues(relationship.sourceOperations(), PlanMapper::operation));
        map.put("target_operations", mapValues(relationship.targetOperations(), PlanMapper::operation));
        return map;
    }

    private static Map<String, Object> operation(Operation operation) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("implementation", operation.implementation());
        map.put("kind", operation.kind().name().toLowerCase(java.util.Locale.ROOT));
        map.put("inputs", operation.inputs());
        map.put("executor", operation.executor());
        map.put("max_retries", operation.maxRetries());
        map.put("retry_interval", operation.retryIntervalSeconds());
        map.put("timeout", operation.timeoutSeconds());
        return map;
    }

    private static Map<String, Object> workflow(WorkflowDefinition workflow) {
        Map<String, Object> map = new LinkedHashMap<>();
        boolean builtin = workflow.builtin();
        map.put("plugin", builtin ? "default_workflows" : "steward");
        map.put("operation", builtin ? "cloudify.plugins.workflows." + workflow.builtinFunction() : workflow.mapping());
        map.put("mapping", workflow.mapping());
        map.put("kind", workflow.kind().name().toLowerCase(java.util.Locale.ROOT));
        map.put("parameters", mapValues(workflow.parameters(), PlanMapper::schema));
        if (!workflow.steps().isEmpty()) {
            map.put("steps", workflow.steps().stream()
                    .map(step -> Map.<String, Object>of("node", step.node(), "operation", step.operation())).toList());
        }
        return map;
    }

    static Map<String, Object> schema(ValueSchema schema) {
        Map<String, Object> map = new LinkedHashMap<>();
        schema.type().ifPresent(type -> map.put("type", type.dslName()));
        if (schema.hasDefault()) {
            map.put("default", schema.defaultValue());
        }
        if (schema.description() != null) {
            map.put("description", schema.description());
        }
        map.put("required", schema.required());
        if (!schema.constraints().isEmpty()) {
            List<Object> constraints = new ArrayList<>();
            schema.constraints().forEach(c -> constraints.add(Collections.singletonMap(c.operator().dslName(),
                    c.argument())));
            map.put("constraints", constraints);
        }
        return map;
    }

    private static Map<String, Object> output(Output output) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("value", output.value());
        if (output.description() != null) {
            map.put("description", output.description());
        }
        return map;
    }

    private static List<String> rootFirst(List<String> hierarchy) {
        List<String> reversed = new ArrayList<>(hierarchy);
        Collections.reverse(reversed);
        return List.copyOf(reversed);
    }

    private static <V> Map<String, Object> mapValues(Map<String, V> source,
                                                     java.util.function.Function<V, Object> render) {
        Map<String, Object> map = new LinkedHashMap<>();
        source.forEach((key, value) -> map.put(key, render.apply(value)));
        return map;
    }
}
