package io.steward.engine.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, validated blueprint: everything a deployment needs, with types resolved. Values that may contain
 * intrinsic function calls (properties, operation inputs, outputs) are kept raw; see {@link IntrinsicFunctions}.
 *
 * @param nodeTemplates in declaration order; {@link #topologicalOrder()} gives install order
 * @param workflows     Cloudify's default workflows plus the blueprint's, by name
 * @param labels          the {@code labels} section: what a deployment of it is labelled with, key to values
 * @param blueprintLabels the {@code blueprint_labels} section: the blueprint's own labels, key to values
 * @param groups        group name to its members (node templates or groups)
 * @param scalingGroups the groups a scaling policy targets; node templates' counts already include their factors
 */
public record BlueprintPlan(String description, Map<String, InputDefinition> inputs,
                            List<NodeTemplate> nodeTemplates, Map<String, WorkflowDefinition> workflows,
                            Map<String, Output> outputs, Map<String, Output> capabilities,
                            Map<String, List<String>> labels, Map<String, List<String>> blueprintLabels,
                            Map<String, List<String>> groups, Map<String, ScalingGroup> scalingGroups) {

    public BlueprintPlan {
        inputs = ordered(inputs);
        nodeTemplates = List.copyOf(nodeTemplates);
        workflows = ordered(workflows);
        outputs = ordered(outputs);
        capabilities = ordered(capabilities);
        labels = ordered(labels);
        blueprintLabels = ordered(blueprintLabels);
        groups = ordered(groups);
        scalingGroups = ordered(scalingGroups);
    }

    /** The node templates group {@code name} holds, through nested groups. */
    public java.util.Set<String> nodesOf(String name) {
        Map<String, NodeTemplate> byId = new LinkedHashMap<>();
        nodeTemplates.forEach(t -> byId.put(t.id(), t));
        return ScalingGroupParser.nodesOf(name, groups, byId);
    }

    public Optional<NodeTemplate> nodeTemplate(String id) {
        return nodeTemplates.stream().filter(node -> node.id().equals(id)).findFirst();
    }

    public Optional<WorkflowDefinition> workflow(String name) {
        return Optional.ofNullable(workflows.get(name));
    }

    /** Node templates with every relationship target before its source: the order install uses. */
    public List<NodeTemplate> topologicalOrder() {
        return NodeOrdering.topological(nodeTemplates);
    }

    /**
     * The plan as plain JSON-ready data (Maps, Lists, Strings, Numbers, Booleans, nulls), shaped like Cloudify's
     * blueprint {@code plan}; see {@link PlanMapper} for the exact keys.
     */
    public Map<String, Object> toMap() {
        return PlanMapper.toMap(this);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
