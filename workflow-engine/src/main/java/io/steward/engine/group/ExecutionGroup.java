package io.steward.engine.group;

import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionStatus;
import io.steward.tenancy.scope.Visibility;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One workflow over every member of a deployment group, at most {@code concurrency} members active at once, with
 * its members (ordinary executions) as they stand. With {@code failFast} a failed member cancels the queued ones.
 */
public record ExecutionGroup(String id, String tenantName, Visibility visibility, String createdBy,
                             Instant createdAt, String workflowId, String deploymentGroupId, int concurrency,
                             String successGroupId, String failureGroupId, boolean failFast,
                             List<Execution> members) {
    private static final Set<ExecutionStatus> NOT_YET_RUN = Set.of(ExecutionStatus.PENDING, ExecutionStatus.QUEUED,
            ExecutionStatus.SCHEDULED);

    /**
     * Cloudify's derived status: none without members; {@code pending} when all are; {@code queued} when none has
     * run yet; when all ended, {@code failed} if any failed, else {@code terminated} (cancelled ones count as
     * success); otherwise {@code started}.
     */
    public ExecutionStatus status() {
        if (members.isEmpty()) {
            return null;
        }
        if (members.stream().allMatch(m -> m.status() == ExecutionStatus.PENDING)) {
            return ExecutionStatus.PENDING;
        }
        if (members.stream().allMatch(m -> NOT_YET_RUN.contains(m.status()))) {
            return ExecutionStatus.QUEUED;
        }
        if (members.stream().allMatch(m -> m.status().isEnd())) {
            return members.stream().anyMatch(m -> m.status() == ExecutionStatus.FAILED) ? ExecutionStatus.FAILED
                    : ExecutionStatus.TERMINATED;
        }
        return ExecutionStatus.STARTED;
    }

    public List<String> executionIds() {
        return members.stream().map(Execution::id).toList();
    }
}
