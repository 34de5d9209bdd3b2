package io.steward.engine.event;

import io.steward.tenancy.scope.Visibility;

import java.util.Objects;

/**
 * Where an event happened: the execution and, when it concerns one, the node instance and operation. Built with
 * named steps so callers never pass a row of nulls.
 *
 * <p>{@code visibility} and {@code owner} are the execution's visibility and creator: an event is stored with them,
 * so the read scope of {@code TenantTables} shows it to exactly those who see its execution (a private deployment's
 * events stay with its executions' creators and the tenant's managers, whatever the filter).
 */
public record EventContext(String executionId, String deploymentId, String blueprintId, String workflowId,
                           String nodeId, String nodeInstanceId, String operation, String sourceId,
                           String targetId, Visibility visibility, String owner) {

    public EventContext {
        Objects.requireNonNull(visibility, "an event's visibility is its execution's");
        Objects.requireNonNull(owner, "an event's owner is its execution's creator");
    }

    public static EventContext ofExecution(String executionId, String deploymentId, String blueprintId,
                                           String workflowId, Visibility visibility, String owner) {
        return new EventContext(executionId, deploymentId, blueprintId, workflowId, null, null, null, null, null,
                visibility, owner);
    }

    public EventContext withNodeInstance(String nodeId, String nodeInstanceId) {
        return new EventContext(executionId, deploymentId, blueprintId, workflowId, nodeId, nodeInstanceId,
                operation, sourceId, targetId, visibility, owner);
    }

    public EventContext withOperation(String operation) {
        return new EventContext(executionId, deploymentId, blueprintId, workflowId, nodeId, nodeInstanceId,
                operation, sourceId, targetId, visibility, owner);
    }

    public EventContext withRelationship(String sourceInstanceId, String targetInstanceId) {
        return new EventContext(executionId, deploymentId, blueprintId, workflowId, nodeId, nodeInstanceId,
                operation, sourceInstanceId, targetInstanceId, visibility, owner);
    }
}
