package io.steward.engine.workflow;

import io.steward.engine.deployment.NodeInstance;

import java.util.List;
import java.util.Map;

import static io.steward.engine.workflow.TaskGraphBuilder.LIFECYCLE;
import static io.steward.engine.workflow.TaskGraphBuilder.RELATIONSHIP;

/**
 * Cloudify's install and uninstall subgraphs. Install: each instance goes initializing → creating → created →
 * configuring → configured → starting → started, running its lifecycle and relationship operations on the way, after
 * every instance it has a relationship to. Uninstall: the reverse, dependents first.
 */
final class Lifecycle {
    private Lifecycle() {
    }

    static void install(TaskGraphBuilder graph, List<NodeInstance> instances) {
        for (NodeInstance instance : instances) {
            graph.chain(instance)
                    .state("initializing")
                    .operation("cloudify.interfaces.validation.create")
                    .operation(LIFECYCLE + "precreate")
                    .state("creating").operation(LIFECYCLE + "create").state("created")
                    .relationships(RELATIONSHIP + "preconfigure")
                    .state("configuring").operation(LIFECYCLE + "configure").state("configured")
                    .relationships(RELATIONSHIP + "postconfigure")
                    .state("starting").operation(LIFECYCLE + "start")
                    .operation(LIFECYCLE + "poststart")
                    .operation("cloudify.interfaces.monitoring.start")
                    .relationships(RELATIONSHIP + "establish")
                    .state("started");
        }
        forEachRelationship(instances, (source, target) -> graph.order(target, source));
    }

    static void uninstall(TaskGraphBuilder graph, List<NodeInstance> instances) {
        uninstall(graph, instances, false);
    }

    /** Uninstall; with {@code remove}, each instance is also deleted at the end of its chain (scaling down). */
    static void uninstall(TaskGraphBuilder graph, List<NodeInstance> instances, boolean remove) {
        for (NodeInstance instance : instances) {
            var chain = graph.chain(instance)
                    .state("stopping")
                    .operation("cloudify.interfaces.validation.delete")
                    .operation("cloudify.interfaces.monitoring.stop")
                    .operation(LIFECYCLE + "prestop")
                    .operation(LIFECYCLE + "stop").state("stopped")
                    .relationships(RELATIONSHIP + "unlink")
                    .state("deleting").operation(LIFECYCLE + "delete")
                    .operation(LIFECYCLE + "postdelete")
                    .state("deleted");
            if (remove) {
                chain.remove();
            }
        }
        forEachRelationship(instances, (source, target) -> graph.order(source, target));
    }

    /** Calls {@code action(source, target)} for every relationship between two of {@code instances}. */
    static void forEachRelationship(List<NodeInstance> instances, java.util.function.BiConsumer<String, String> action) {
        List<String> ids = instances.stream().map(NodeInstance::id).toList();
        for (NodeInstance instance : instances) {
            for (Map<String, Object> link : instance.relationships()) {
                String target = (String) link.get("target_id");
                if (ids.contains(target)) {
                    action.accept(instance.id(), target);
                }
            }
        }
    }
}
