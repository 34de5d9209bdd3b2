package io.steward.engine.workflow;

import io.steward.engine.deployment.NodeInstance;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Cloudify's workflow filters: {@code node_ids}, {@code node_instance_ids} (and heal's {@code node_instance_id}),
 * {@code type_names}; an empty filter keeps everything.
 */
record InstanceFilter(List<String> nodeIds, List<String> instanceIds, List<String> typeNames, DeploymentView view) {

    static InstanceFilter of(Map<String, Object> parameters, DeploymentView view) {
        List<String> instanceIds = new java.util.ArrayList<>(strings(parameters.get("node_instance_ids")));
        // heal names a single instance.
        instanceIds.addAll(strings(parameters.get("node_instance_id")));
        return new InstanceFilter(strings(parameters.get("node_ids")), instanceIds,
                strings(parameters.get("type_names")), view);
    }

    List<NodeInstance> apply(Collection<NodeInstance> instances, Predicate<NodeInstance> state) {
        return instances.stream()
                .filter(i -> nodeIds.isEmpty() || nodeIds.contains(i.nodeId()))
                .filter(i -> instanceIds.isEmpty() || instanceIds.contains(i.id()))
                .filter(i -> typeNames.isEmpty() || view.nodeOf(i).typeHierarchy().stream().anyMatch(typeNames::contains))
                .filter(state)
                .toList();
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof String text && !text.isBlank()) {
            return List.of(text);
        }
        return List.of();
    }
}
