package io.steward.engine.group;

import io.steward.engine.event.EventLog;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionEvent;
import io.steward.engine.execution.ExecutionStatus;
import io.steward.engine.execution.ExecutionStore;
import io.steward.tenancy.scope.TenantTables;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a member's end does to its execution group: a member that ends {@code terminated} (or {@code failed}) adds its
 * deployment to the group's success (or failure) group, cancelled members join neither; and a failed member of a
 * {@code fail_fast} group cancels the members still queued, so the group ends {@code failed} without running them.
 */
@Singleton
public class GroupTargets {
    private final TenantTables tables;
    private final ExecutionStore executions;
    private final DeploymentGroups deploymentGroups;
    private final EventLog events;
    private final Clock clock;

    GroupTargets(TenantTables tables, ExecutionStore executions, DeploymentGroups deploymentGroups, EventLog events,
                 Clock clock) {
        this.tables = tables;
        this.executions = executions;
        this.deploymentGroups = deploymentGroups;
        this.events = events;
        this.clock = clock;
    }

    /** Called in the commit that ends {@code execution}: it joins its group's target, if it has one. */
    public void memberEnded(Execution execution, boolean succeeded) {
        // The run's execution was read whole when it was claimed: its group is known without a read.
        Optional<String> group = Optional.ofNullable(execution.executionGroupId());
        group.flatMap(g -> target(g, succeeded))
                .ifPresent(target -> deploymentGroups.addIfPresent(target, execution.deploymentId()));
        if (!succeeded && group.isPresent() && failsFast(group.get())) {
            cancelQueued(group.get(), execution);
        }
    }

    private boolean failsFast(String executionGroupId) {
        return tables.findById(ExecutionGroups.TABLE, executionGroupId, rs -> rs.getBoolean("fail_fast"))
                .orElse(false);
    }

    /**
     * A compare-and-set from {@code queued} for each: one another server dequeued meanwhile runs to its end (it had
     * room in the group, so concurrency still holds).
     */
    private void cancelQueued(String executionGroupId, Execution failed) {
        for (Execution member : executions.ofGroup(executionGroupId)) {
            if (member.status() != ExecutionStatus.QUEUED) {
                continue;
            }
            if (executions.applyFrom(member.id(), ExecutionStatus.QUEUED, ExecutionEvent.CANCEL_REQUESTED,
                    Map.of("ended_at", clock.instant(), "error", ""))) {
                events.event(member.eventContext(), "workflow_cancelled", "'" + member.workflowId()
                        + "' workflow execution cancelled: execution group " + executionGroupId
                        + " fails fast and member " + failed.id() + " failed");
            }
        }
    }

    private Optional<String> target(String executionGroupId, boolean succeeded) {
        return tables.findById(ExecutionGroups.TABLE, executionGroupId,
                rs -> Optional.ofNullable(rs.getString(succeeded ? "success_group_id" : "failure_group_id")))
                .flatMap(target -> target);
    }
}
