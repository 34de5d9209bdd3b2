package io.steward.engine.workflow;

import io.steward.engine.deployment.NodeInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds task graphs: a chain of tasks per node instance (each after the one before), and dependencies between the
 * chains. Operations a node does not define are left out, as Cloudify replaces them with "nothing to do".
 */
final class TaskGraphBuilder {
    static final String LIFECYCLE = "cloudify.interfaces.lifecycle.";
    static final String RELATIONSHIP = "cloudify.interfaces.relationship_lifecycle.";

    private final DeploymentView view;
    private final List<Task> tasks = new ArrayList<>();
    private final Map<String, List<Task>> chains = new LinkedHashMap<>();

    TaskGraphBuilder(DeploymentView view) {
        this.view = view;
    }

    /** Starts (or continues) the chain of {@code instance}. */
    Chain chain(NodeInstance instance) {
        return new Chain(instance);
    }

    /** The chain of {@code later} starts only after the whole chain of {@code earlier} has finished. */
    void order(String earlierInstance, String laterInstance) {
        List<Task> earlier = chains.get(earlierInstance);
        List<Task> later = chains.get(laterInstance);
        if (earlier == null || later == null || earlier.isEmpty() || later.isEmpty()) {
            return;
        }
        Task first = later.get(0);
        List<String> deps = new ArrayList<>(first.dependsOn());
        deps.add(earlier.get(earlier.size() - 1).id());
        replace(first, first.after(deps));
    }

    /** Every chain of {@code later} starts after every chain of {@code earlier} (reinstall: uninstall, then install). */
    void orderAll(List<String> earlierTasks, List<Task> laterTasks) {
        for (Task task : laterTasks) {
            if (task.dependsOn().isEmpty()) {
                replace(task, task.after(earlierTasks));
            }
        }
    }

    List<Task> tasks() {
        return List.copyOf(tasks);
    }

    private void replace(Task old, Task updated) {
        tasks.set(tasks.indexOf(old), updated);
        chains.values().forEach(chain -> {
            int i = chain.indexOf(old);
            if (i >= 0) {
                chain.set(i, updated);
            }
        });
    }

    /** {@code t00001}, {@code t00002}, …: padded by hand, as String.format cost 1 % of a one-task execution's CPU. */
    private String nextId() {
        String number = Integer.toString(tasks.size() + 1);
        return "t" + "0".repeat(Math.max(0, 5 - number.length())) + number;
    }

    /** Appends tasks to one instance's chain, each depending on the previous one. */
    final class Chain {
        private final NodeInstance instance;
        private final List<Task> chain;

        private Chain(NodeInstance instance) {
            this.instance = instance;
            this.chain = chains.computeIfAbsent(instance.id(), k -> new ArrayList<>());
        }

        Chain state(String state) {
            return add(Task.setState(nextId(), instance.id(), instance.nodeId(), state));
        }

        Chain operation(String operation) {
            if (DeploymentView.runs(view.operation(instance.nodeId(), operation))) {
                add(Task.operation(nextId(), instance.id(), instance.nodeId(), operation));
            }
            return this;
        }

        /** The relationship operation on both ends of every relationship of this instance. */
        Chain relationships(String operation) {
            for (Map<String, Object> link : instance.relationships()) {
                String target = (String) link.get("target_id");
                String targetNode = (String) link.get("target_name");
                String type = (String) link.get("type");
                for (Task.Side side : List.of(Task.Side.SOURCE, Task.Side.TARGET)) {
                    if (DeploymentView.runs(view.relationshipOperation(instance.nodeId(), targetNode, type, side,
                            operation))) {
                        add(new Task(nextId(), Task.Kind.OPERATION, instance.id(), instance.nodeId(), operation, null,
                                target, side, List.of()));
                    }
                }
            }
            return this;
        }

        /** Deletes the instance once everything before it in the chain succeeded. */
        Chain remove() {
            return add(new Task(nextId(), Task.Kind.REMOVE_INSTANCE, instance.id(), instance.nodeId(), null, null,
                    null, Task.Side.NONE, List.of()));
        }

        private Chain add(Task task) {
            Task linked = chain.isEmpty() ? task : task.after(List.of(chain.get(chain.size() - 1).id()));
            chain.add(linked);
            tasks.add(linked);
            return this;
        }
    }
}
