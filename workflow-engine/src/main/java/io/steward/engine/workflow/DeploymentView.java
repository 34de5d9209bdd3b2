package io.steward.engine.workflow;

import io.steward.engine.deployment.Node;
import io.steward.engine.deployment.NodeInstance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A deployment's nodes and instances as a workflow sees them when it is planned. */
public record DeploymentView(Map<String, Node> nodes, Map<String, NodeInstance> instances) {

    public DeploymentView {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
    }

    public static DeploymentView of(List<Node> nodes, List<NodeInstance> instances) {
        Map<String, Node> byNode = new LinkedHashMap<>();
        nodes.forEach(n -> byNode.put(n.id(), n));
        Map<String, NodeInstance> byInstance = new LinkedHashMap<>();
        instances.forEach(i -> byInstance.put(i.id(), i));
        return new DeploymentView(byNode, byInstance);
    }

    public Node nodeOf(NodeInstance instance) {
        return nodes.get(instance.nodeId());
    }

    /** The node's operation definition (kind, implementation, inputs, retries), if it declares one. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> operation(String nodeId, String operation) {
        Node node = nodes.get(nodeId);
        return node == null ? Optional.empty()
                : Optional.ofNullable((Map<String, Object>) node.operations().get(operation));
    }

    /** A relationship operation of {@code source}'s relationship of {@code type} to {@code targetNode}. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> relationshipOperation(String sourceNode, String targetNode, String type,
                                                               Task.Side side, String operation) {
        Node node = nodes.get(sourceNode);
        if (node == null) {
            return Optional.empty();
        }
        String key = side == Task.Side.SOURCE ? "source_operations" : "target_operations";
        return node.relationships().stream().map(r -> (Map<String, Object>) r)
                .filter(r -> targetNode.equals(r.get("target_id")) && type.equals(r.get("type")))
                .map(r -> (Map<String, Object>) ((Map<String, Object>) r.getOrDefault(key, Map.of())).get(operation))
                .filter(op -> op != null)
                .findFirst();
    }

    /** True when the operation exists and does something (Cloudify skips undefined operations as no-ops). */
    public static boolean runs(Optional<Map<String, Object>> operation) {
        return operation.map(op -> !"noop".equals(op.get("kind"))).orElse(false);
    }
}
