package io.steward.engine.workflow;

import io.steward.engine.deployment.NodeInstance;
import io.steward.engine.deployment.Scaling;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Cloudify's {@code scale} workflow ({@code scale_entity}): {@code delta > 0} adds instances of
 * {@code scalable_entity_name} (a node, or a scaling group: whole copies of its members) and installs them; {@code delta < 0} uninstalls the newest instances (or
 * {@code include_instances}, never {@code exclude_instances}) and removes them. Instances change when the graph is
 * planned, so a resumed scale reuses its stored graph and never scales twice.
 */
public final class ScaleWorkflow {
    public static final String FUNCTION = "scale_entity";

    private ScaleWorkflow() {
    }

    public static List<Task> plan(Map<String, Object> parameters, String deploymentId, Scaling scaling,
                                  Supplier<DeploymentView> view) {
        String node = (String) parameters.get("scalable_entity_name");
        int delta = parameters.get("delta") instanceof Number n ? n.intValue() : 1;
        if (node == null || node.isBlank()) {
            throw new InvalidInputException(Problem.ILLEGAL_WORKFLOW_PARAMETERS, "scalable_entity_name is required");
        }
        TaskGraphBuilder graph = new TaskGraphBuilder(view.get());
        boolean group = scaling.isScalingGroup(deploymentId, node);
        if (delta > 0) {
            List<String> added = (group ? scaling.growGroup(deploymentId, node, delta)
                    : scaling.grow(deploymentId, node, delta)).stream().map(NodeInstance::id).toList();
            DeploymentView fresh = view.get();
            graph = new TaskGraphBuilder(fresh);
            Lifecycle.install(graph, fresh.instances().values().stream().filter(i -> added.contains(i.id())).toList());
        } else if (delta < 0) {
            List<String> include = strings(parameters.get("include_instances"));
            List<String> exclude = strings(parameters.get("exclude_instances"));
            List<NodeInstance> doomed = group
                    ? scaling.shrinkGroupCandidates(deploymentId, node, -delta, include, exclude)
                    : scaling.shrinkCandidates(deploymentId, node, -delta, include, exclude);
            Lifecycle.uninstall(graph, doomed, true);
        }
        return graph.tasks();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
