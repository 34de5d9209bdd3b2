package io.steward.engine.event;

/**
 * Where an event happened: the execution and, when it concerns one, the node instance and operation. Built with
 * named steps so callers never pass a row of nulls.
 */
public record EventContext(String executionId, String deploymentId, String blueprintId, String workflowId,
                           String nodeId, String nodeInstanceId, String operation, String sourceId,
                           String targetId) {

    public static EventContext ofExecution(String executionId, String deploymentId, String blueprintId,
                                           String workflowId) {
        return new EventContext(executionId, deploymentId, blueprintId, workflowId, null, null, null, null, null);
    }

    public EventContext withNodeInstance(String nodeId, String nodeInstanceId) {
        return new EventContext(executionId, deploymentId, blueprintId, workflowId, nodeId, nodeInstanceId,
                operation, sourceId, targetId);
    }

    public EventContext withOperation(String operation) {
        return new EventContext(executionId, deploymentId, blueprintId, workflowId, nodeId, nodeInstanceId,
                operation, sourceId, targetId);
    }

    public EventContext withRelationship(String sourceInstanceId, String targetInstanceId) {
        return new EventContext(executionId, deploymentId, blueprintId, workflowId, nodeId, nodeInstanceId,
                operation, sourceInstanceId, targetInstanceId);
    }
}
