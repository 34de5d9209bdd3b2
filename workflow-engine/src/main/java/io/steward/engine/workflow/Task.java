package io.steward.engine.workflow;

import java.util.List;

/**
 * One step of a workflow's task graph: either set a node instance's state ({@link Kind#SET_STATE}), or run an
 * operation ({@link Kind#OPERATION}) on a node instance, on one side of a relationship, or (for a script workflow)
 * on no instance at all. A task starts when every task in {@code dependsOn} has succeeded.
 *
 * @param relationshipTarget for a relationship operation, the target instance; {@code side} says which end runs it
 */
public record Task(String id, Kind kind, String nodeInstanceId, String nodeId, String operation, String state,
                   String relationshipTarget, Side side, List<String> dependsOn) {

    public Task {
        dependsOn = List.copyOf(dependsOn);
    }

    /** What a task does; {@code REMOVE_INSTANCE} deletes an uninstalled instance when a scale shrinks its node. */
    public enum Kind { SET_STATE, OPERATION, REMOVE_INSTANCE }

    /** Which end of a relationship an operation runs on; {@code NONE} for node operations. */
    public enum Side { NONE, SOURCE, TARGET }

    static Task setState(String id, String instanceId, String nodeId, String state) {
        return new Task(id, Kind.SET_STATE, instanceId, nodeId, null, state, null, Side.NONE, List.of());
    }

    static Task operation(String id, String instanceId, String nodeId, String operation) {
        return new Task(id, Kind.OPERATION, instanceId, nodeId, operation, null, null, Side.NONE, List.of());
    }

    Task after(List<String> tasks) {
        return new Task(id, kind, nodeInstanceId, nodeId, operation, state, relationshipTarget, side, tasks);
    }

    public boolean isOperation() {
        return kind == Kind.OPERATION;
    }
}
