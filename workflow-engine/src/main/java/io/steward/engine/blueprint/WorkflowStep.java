package io.steward.engine.blueprint;

/**
 * One step of a {@code steward.sequence} workflow: run {@code operation} on every instance of {@code node}.
 *
 * @param operation a full operation name the node has, e.g. {@code cloudify.interfaces.lifecycle.configure}
 */
public record WorkflowStep(String node, String operation) {
}
