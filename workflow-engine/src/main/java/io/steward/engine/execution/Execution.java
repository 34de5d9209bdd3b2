package io.steward.engine.execution;

import io.steward.engine.event.EventContext;
import io.steward.tenancy.scope.Visibility;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a workflow on a deployment; {@code executionGroupId} names the execution group it belongs to (null:
 * none; also null when it was read without that column). Its status changes only through {@link ExecutionTransitions}, applied as a
 * compare-and-set in the database by {@link ExecutionStore#transition}.
 */
public record Execution(String id, String tenantName, Visibility visibility, String createdBy, Instant createdAt,
                        Instant startedAt, Instant endedAt, Instant scheduledFor, String deploymentId,
                        String blueprintId, String workflowId, ExecutionStatus status, String error,
                        Map<String, Object> parameters, boolean systemWorkflow, boolean dryRun, boolean resume,
                        boolean allowCustomParameters, int waitAfterFailSeconds, Integer totalOperations,
                        Integer finishedOperations, String executionGroupId) {

    /** Where this execution's events happen; they are seen by whoever sees the execution. */
    public EventContext eventContext() {
        return EventContext.ofExecution(id, deploymentId, blueprintId, workflowId, visibility, createdBy);
    }
}
