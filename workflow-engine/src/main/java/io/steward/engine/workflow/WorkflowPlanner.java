package io.steward.engine.workflow;

import io.steward.engine.blueprint.WorkflowDefinition;
import io.steward.engine.blueprint.WorkflowKind;
import io.steward.engine.blueprint.WorkflowStep;
import io.steward.engine.deployment.NodeInstance;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns a workflow and its parameters into a task graph over a deployment's instances. Built-in workflows follow
 * Cloudify: install, uninstall, reinstall, start, stop, restart, execute_operation, heal. A custom
 * {@code steward.sequence} workflow runs its steps in order on every instance of each step's node; a custom script
 * workflow runs its script once, with the parameters as inputs.
 */
public final class WorkflowPlanner {
    private static final String START = TaskGraphBuilder.LIFECYCLE + "start";
    private static final String STOP = TaskGraphBuilder.LIFECYCLE + "stop";

    private WorkflowPlanner() {
    }

    public static List<Task> plan(WorkflowDefinition workflow, Map<String, Object> parameters, DeploymentView view) {
        TaskGraphBuilder graph = new TaskGraphBuilder(view);
        InstanceFilter filter = InstanceFilter.of(parameters, view);
        if (workflow.kind() == WorkflowKind.SEQUENCE) {
            sequence(graph, workflow.steps(), view);
        } else if (workflow.kind() == WorkflowKind.SCRIPT) {
            return List.of(new Task("t00001", Task.Kind.OPERATION, null, null, workflow.mapping(), null, null,
                    Task.Side.NONE, List.of()));
        } else {
            builtin(graph, workflow.builtinFunction(), parameters, filter, view);
        }
        return graph.tasks();
    }

    private static void builtin(TaskGraphBuilder graph, String function, Map<String, Object> parameters,
                                InstanceFilter filter, DeploymentView view) {
        Collection<NodeInstance> all = view.instances().values();
        switch (function) {
            case "install" -> Lifecycle.install(graph, filter.apply(all, i -> !"started".equals(i.state())));
            case "uninstall" -> Lifecycle.uninstall(graph, filter.apply(all, NodeInstance::isLive));
            case "reinstall" -> reinstall(graph, filter.apply(all, i -> true));
            case "start" -> operationOnAll(graph, filter.apply(all, i -> true), START, true, false);
            case "stop" -> operationOnAll(graph, filter.apply(all, i -> true), STOP, true, true);
            case "restart" -> {
                List<NodeInstance> chosen = filter.apply(all, i -> true);
                operationOnAll(graph, chosen, STOP, true, true);
                operationOnAll(graph, chosen, START, true, false);
            }
            case "execute_operation" -> operationOnAll(graph, filter.apply(all, i -> true),
                    (String) parameters.get("operation"), Boolean.TRUE.equals(parameters.get("run_by_dependency_order")),
                    false);
            case "auto_heal_reinstall_node_subgraph" -> reinstall(graph, filter.apply(all, i -> true));
            default -> throw new InvalidInputException(Problem.NONEXISTENT_WORKFLOW,
                    "Steward does not run the built-in workflow function '" + function + "'");
        }
    }

    private static void reinstall(TaskGraphBuilder graph, List<NodeInstance> instances) {
        Lifecycle.uninstall(graph, instances.stream().filter(NodeInstance::isLive).toList());
        List<String> uninstallTasks = graph.tasks().stream().map(Task::id).toList();
        int before = graph.tasks().size();
        Lifecycle.install(graph, instances);
        graph.orderAll(uninstallTasks, graph.tasks().subList(before, graph.tasks().size()));
    }

    /** One operation on every chosen instance; in dependency order when asked (reversed for stop). */
    private static void operationOnAll(TaskGraphBuilder graph, List<NodeInstance> instances, String operation,
                                       boolean byDependencyOrder, boolean reversed) {
        List<String> before = graph.tasks().stream().map(Task::id).toList();
        int first = graph.tasks().size();
        TaskGraphBuilder.Chain[] chains = new TaskGraphBuilder.Chain[instances.size()];
        for (int i = 0; i < instances.size(); i++) {
            chains[i] = graph.chain(instances.get(i));
            chains[i].operation(operation);
        }
        if (byDependencyOrder) {
            Lifecycle.forEachRelationship(instances, (source, target) -> {
                if (reversed) {
                    graph.order(source, target);
                } else {
                    graph.order(target, source);
                }
            });
        }
        graph.orderAll(before, new ArrayList<>(graph.tasks().subList(first, graph.tasks().size())));
    }

    private static void sequence(TaskGraphBuilder graph, List<WorkflowStep> steps, DeploymentView view) {
        for (WorkflowStep step : steps) {
            List<String> before = graph.tasks().stream().map(Task::id).toList();
            int first = graph.tasks().size();
            view.instances().values().stream().filter(i -> i.nodeId().equals(step.node()))
                    .forEach(i -> graph.chain(i).operation(step.operation()));
            graph.orderAll(before, new ArrayList<>(graph.tasks().subList(first, graph.tasks().size())));
        }
    }
}
