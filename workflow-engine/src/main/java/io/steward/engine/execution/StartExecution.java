package io.steward.engine.execution;

import io.micronaut.context.annotation.Value;
import io.steward.engine.blueprint.BlueprintService;
import io.steward.engine.blueprint.InputResolver;
import io.steward.engine.blueprint.WorkflowDefinition;
import io.steward.engine.deployment.DeploymentRef;
import io.steward.engine.deployment.DeploymentService;
import io.steward.engine.deployment.DeploymentWithBlueprint;
import io.steward.engine.deployment.Scaling;
import io.steward.engine.event.EventContext;
import io.steward.engine.event.EventLog;
import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.scope.TenantTables;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Starts an execution: checks the workflow and its parameters, then stores it as {@code pending} (the runner picks it
 * up), {@code queued} (the deployment is busy and the caller asked to queue, or the global cap of running executions
 * is reached) or {@code scheduled}. A busy deployment without {@code force} or {@code queue} is refused.
 */
@Singleton
public class StartExecution {
    private final ExecutionStore store;
    private final DeploymentService deployments;
    private final BlueprintService blueprints;
    private final InputResolver parameters;
    private final TenantTables tables;
    private final EventLog events;
    private final ExecutionSignals signals;
    private final Clock clock;
    private final int maxRunning;
    private final Scaling scaling;
    private final MaintenanceMode maintenance;
    private final TenantCaps tenantCaps;

    StartExecution(ExecutionStore store, DeploymentService deployments, BlueprintService blueprints,
                   InputResolver parameters, TenantTables tables, EventLog events,
                   ExecutionSignals signals, Clock clock, Scaling scaling,
                   @Value("${steward.engine.max-running-executions:20}") int maxRunning,
                   MaintenanceMode maintenance, TenantCaps tenantCaps) {
        this.maintenance = maintenance;
        this.tenantCaps = tenantCaps;
        this.store = store;
        this.deployments = deployments;
        this.blueprints = blueprints;
        this.parameters = parameters;
        this.tables = tables;
        this.events = events;
        this.signals = signals;
        this.clock = clock;
        this.maxRunning = maxRunning;
        this.scaling = scaling;
    }

    public Execution start(StartCommand command) {
        Execution execution = insert(command, null);
        signals.workAvailable();
        return execution;
    }

    /**
     * Stores {@code command} as a {@code queued} member of the execution group {@code groupId}, in the caller's
     * transaction: the queue starts it when its deployment, the global cap and the group's concurrency allow.
     */
    public Execution queueInGroup(StartCommand command, String groupId) {
        return insert(command, groupId);
    }

    private Execution insert(StartCommand command, String groupId) {
        Caller caller = CallerScope.current();
        caller.require(Permission.EXECUTION_START);
        maintenance.refuseNewExecutions();
        if (command.deploymentId() == null || command.deploymentId().isEmpty()) {
            throw new InvalidInputException("deployment_id is required: Steward runs no system workflows from the API");
        }
        EngineLengths.DEPLOYMENT_ID.require(command.deploymentId());
        EngineLengths.WORKFLOW_REF.require(command.workflowId());
        // One transaction for the reads and the writes: a start costs one commit and one pooled connection.
        return tables.inOneTransaction(() -> {
            DeploymentWithBlueprint target = deployments.refWithBlueprint(command.deploymentId());
            DeploymentRef deployment = target.deployment();
            WorkflowDefinition workflow = workflowOf(target, command.workflowId());
            Map<String, Object> resolved = parameters.resolveWorkflowParameters(workflow, command.parameters(),
                    command.allowCustomParameters());
            checkScale(workflow, deployment.id(), resolved);
            Instant now = clock.instant();
            if (command.scheduledTime() != null && !command.scheduledTime().isAfter(now)) {
                throw new InvalidInputException("scheduled_time must be in the future, got "
                        + command.scheduledTime());
            }
            if (!command.force() && groupId == null) {
                // Starts on one deployment take turns, so two of them never both see it idle. A forced start runs
                // beside the others whatever they do, so it need not wait for the lock. A group member is queued
                // whatever it sees: the queue locks the deployment before starting it.
                tables.lock("deployments", "id = ?", List.of(deployment.id()));
            }
            ExecutionStatus status = groupId == null ? initialStatus(command, deployment) : ExecutionStatus.QUEUED;
            Execution created = new Execution(UUID.randomUUID().toString(), deployment.tenantName(),
                    deployment.visibility(), caller.username(), now, null, null, command.scheduledTime(),
                    deployment.id(), deployment.blueprintId(), command.workflowId(), status, "", resolved, false,
                    command.dryRun(), false, command.allowCustomParameters(), command.waitAfterFailSeconds(),
                    null, null, groupId);
            // A queued start's event goes in the same round trip as the execution and its history.
            store.insert(created, command.force(), groupId, status != ExecutionStatus.QUEUED ? List.of()
                    : List.of(events.eventRow(created.eventContext(), "workflow_queued",
                            "'" + created.workflowId() + "' workflow execution was queued")));
            return created;
        });
    }

    /** A scale that would grow the deployment over its instance limit is refused now, not when it runs. */
    private void checkScale(WorkflowDefinition workflow, String deploymentId, Map<String, Object> resolved) {
        if (workflow.builtinFunction().equals("scale_entity")
                && resolved.get("scalable_entity_name") instanceof String node
                && resolved.get("delta") instanceof Number delta) {
            scaling.checkGrowth(deploymentId, node, delta.longValue());
        }
    }

    /** The deployment's workflows are its blueprint's (copied when it was made), so the cached plan answers. */
    private WorkflowDefinition workflowOf(DeploymentWithBlueprint target, String workflowId) {
        return blueprints.plan(target.blueprint()).workflow(workflowId == null ? "" : workflowId)
                .orElseThrow(() -> new InvalidInputException(Problem.NONEXISTENT_WORKFLOW, "Workflow " + workflowId
                        + " does not exist in the deployment " + target.deployment().id()));
    }

    private ExecutionStatus initialStatus(StartCommand command, DeploymentRef deployment) {
        if (command.scheduledTime() != null) {
            return ExecutionStatus.SCHEDULED;
        }
        if (!command.force()) {
            List<Execution> busy = store.ofDeployment(deployment.id(), ExecutionQueue.BLOCKING);
            if (!busy.isEmpty()) {
                if (command.queue()) {
                    return ExecutionStatus.QUEUED;
                }
                throw new ConflictException(Problem.EXECUTION_ALREADY_RUNNING, "The following executions are"
                        + " currently running for this deployment: " + busy.stream()
                        .map(e -> "<Execution id=`" + e.id() + "` status=`" + e.status().wire() + "`>")
                        .collect(Collectors.joining(", ", "[", "]"))
                        + ". To execute this workflow anyway, pass \"force=true\" as a query parameter to this request");
            }
        }
        // Counting stops at the cap: whether it is reached is all a start needs, however many executions are active.
        if (tables.countWhereAcrossTenants(ExecutionStore.TABLE, ExecutionQueue.activeCondition(), List.of(),
                maxRunning) >= maxRunning) {
            return ExecutionStatus.QUEUED;
        }
        // The tenant's own cap, counted in its tenant. Two starts at once may both pass (no lock here): the claim
        // checks the cap again under the cluster lock, so no more than the cap ever run.
        int tenantCap = tenantCaps.of(deployment.tenantName());
        return tenantCap > 0 && tables.count(ExecutionStore.TABLE, ExecutionQueue.activeCondition(), List.of())
                >= tenantCap ? ExecutionStatus.QUEUED : ExecutionStatus.PENDING;
    }
}
