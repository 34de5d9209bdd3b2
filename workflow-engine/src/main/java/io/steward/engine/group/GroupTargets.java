package io.steward.engine.group;

import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionStore;
import io.steward.tenancy.scope.TenantTables;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * An execution group's success and failure target groups: a member that ends {@code terminated} (or {@code failed})
 * adds its deployment to the group's success (or failure) group. Cancelled members join neither.
 */
@Singleton
public class GroupTargets {
    private final TenantTables tables;
    private final ExecutionStore executions;
    private final DeploymentGroups deploymentGroups;

    GroupTargets(TenantTables tables, ExecutionStore executions, DeploymentGroups deploymentGroups) {
        this.tables = tables;
        this.executions = executions;
        this.deploymentGroups = deploymentGroups;
    }

    /** Called in the commit that ends {@code execution}: it joins its group's target, if it has one. */
    public void memberEnded(Execution execution, boolean succeeded) {
        executions.groupOf(execution.id()).flatMap(group -> target(group, succeeded))
                .ifPresent(target -> deploymentGroups.addIfPresent(target, execution.deploymentId()));
    }

    private Optional<String> target(String executionGroupId, boolean succeeded) {
        return tables.findById(ExecutionGroups.TABLE, executionGroupId,
                rs -> Optional.ofNullable(rs.getString(succeeded ? "success_group_id" : "failure_group_id")))
                .flatMap(target -> target);
    }
}
