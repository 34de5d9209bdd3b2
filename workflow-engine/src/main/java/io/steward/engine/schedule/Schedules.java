package io.steward.engine.schedule;

import io.steward.engine.blueprint.BlueprintService;
import io.steward.engine.deployment.DeploymentService;
import io.steward.engine.deployment.DeploymentWithBlueprint;
import io.steward.engine.execution.StartCommand;
import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Cloudify's execution schedules: create, update (enable, disable), get, list, delete. A schedule belongs to its
 * deployment (ids are unique per deployment) and takes the deployment's visibility.
 */
@Singleton
public class Schedules {
    /** Cloudify's {@code all_next_occurrences} shows at most this many. */
    public static final int PREVIEW_LIMIT = 1000;

    private final ScheduleStore store;
    private final DeploymentService deployments;
    private final BlueprintService blueprints;
    private final TenantTables tables;
    private final Clock clock;

    Schedules(ScheduleStore store, DeploymentService deployments, BlueprintService blueprints, TenantTables tables,
              Clock clock) {
        this.store = store;
        this.deployments = deployments;
        this.blueprints = blueprints;
        this.tables = tables;
        this.clock = clock;
    }

    public Schedule create(String deploymentId, String id, ScheduleCommand command) {
        CallerScope.current().require(Permission.EXECUTION_START);
        EngineLengths.SCHEDULE_ID.require(id);
        requireDeploymentId(deploymentId);
        if (command.workflowId() == null) {
            throw new InvalidInputException("workflow_id is required");
        }
        if (command.since() == null) {
            throw new InvalidInputException("since is required");
        }
        ScheduleRule rule = ScheduleRule.of(command.recurrence(), command.count(), command.weekdays(),
                command.rrule());
        return tables.inOneTransaction(() -> {
            DeploymentWithBlueprint target = deployments.refWithBlueprint(deploymentId);
            requireWorkflow(target, command.workflowId());
            if (store.find(deploymentId, id).isPresent()) {
                throw new ConflictException(Problem.ALREADY_EXISTS, "Execution schedule " + id
                        + " already exists on deployment " + deploymentId);
            }
            Instant now = clock.instant();
            Schedule.ExecutionArguments arguments = command.executionArguments() != null
                    ? command.executionArguments()
                    : new Schedule.ExecutionArguments(false, false, false, StartCommand.DEFAULT_WAIT_AFTER_FAIL);
            Schedule schedule = checked(new Schedule(target.deployment().tenantName(), id, deploymentId,
                    target.deployment().visibility().wire(), CallerScope.current().username(), now,
                    command.workflowId(), command.since(), command.until(), rule, orZero(command.slip()),
                    Boolean.TRUE.equals(command.stopOnFail()), command.enabled() == null || command.enabled(),
                    command.parameters() == null ? Map.of() : command.parameters(), arguments, null, null), now);
            store.insert(schedule);
            return schedule;
        });
    }

    /** Parts left out keep their stored values; the next occurrence is computed again from now. */
    public Schedule update(String deploymentId, String id, ScheduleCommand command) {
        CallerScope.current().require(Permission.EXECUTION_START);
        return tables.inOneTransaction(() -> {
            Schedule old = get(deploymentId, id);
            String workflowId = command.workflowId() != null ? command.workflowId() : old.workflowId();
            if (command.workflowId() != null) {
                requireWorkflow(deployments.refWithBlueprint(deploymentId), workflowId);
            }
            ScheduleRule rule = old.rule();
            if (command.changesRule()) {
                boolean toRrule = command.rrule() != null;
                rule = ScheduleRule.of(toRrule ? null : pick(command.recurrence(), old.rule().recurrence()),
                        toRrule ? command.count() : pick(command.count(), old.rule().count()),
                        toRrule ? null : pick(command.weekdays(), old.rule().weekdays()),
                        pick(command.rrule(), command.recurrence() != null ? null : old.rule().rrule()));
            }
            Instant now = clock.instant();
            // Turned on again, it starts afresh: the failure that turned a stop_on_fail schedule off is forgotten.
            boolean reenabled = Boolean.TRUE.equals(command.enabled()) && !old.enabled();
            // From just after now: an occurrence that fired at this very instant does not come back.
            Schedule schedule = checked(new Schedule(old.tenantName(), old.id(), old.deploymentId(),
                    old.visibility(), old.createdBy(), old.createdAt(), workflowId, pick(command.since(), old.since()),
                    pick(command.until(), old.until()), rule, pick(command.slip(), old.slip()),
                    pick(command.stopOnFail(), old.stopOnFail()), pick(command.enabled(), old.enabled()),
                    pick(command.parameters(), old.parameters()),
                    pick(command.executionArguments(), old.executionArguments()), null,
                    reenabled ? null : old.latestExecution()), now.plusMillis(1));
            store.update(schedule);
            return schedule;
        });
    }

    public Schedule get(String deploymentId, String id) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        requireDeploymentId(deploymentId);
        return store.find(deploymentId, id).orElseThrow(() -> new NotFoundException("Execution schedule", id));
    }

    public Page<Schedule> list(ListQuery query) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        return store.list(query);
    }

    public void delete(String deploymentId, String id) {
        CallerScope.current().require(Permission.EXECUTION_START);
        get(deploymentId, id);
        store.delete(deploymentId, id);
    }

    /** The occurrences still to come, for {@code all_next_occurrences}. */
    public List<Instant> upcoming(Schedule schedule) {
        if (schedule.nextOccurrence() == null) {
            return List.of();
        }
        return schedule.rule().occurrences(schedule.since(), schedule.until(), schedule.nextOccurrence(),
                PREVIEW_LIMIT);
    }

    /** Refuses an until before since; fills in the next occurrence at or after {@code from}. */
    private static Schedule checked(Schedule s, Instant from) {
        if (s.until() != null && s.until().isBefore(s.since())) {
            throw new InvalidInputException("until (" + s.until() + ") is before since (" + s.since() + ")");
        }
        if (s.slip() < 0) {
            throw new InvalidInputException("slip must be a non-negative number of minutes, got " + s.slip());
        }
        Instant next = s.rule().firstAtOrAfter(s.since(), s.until(), from);
        return new Schedule(s.tenantName(), s.id(), s.deploymentId(), s.visibility(), s.createdBy(), s.createdAt(),
                s.workflowId(), s.since(), s.until(), s.rule(), s.slip(), s.stopOnFail(), s.enabled(),
                s.parameters(), s.executionArguments(), next, s.latestExecution());
    }

    private void requireWorkflow(DeploymentWithBlueprint target, String workflowId) {
        EngineLengths.SCHEDULE_WORKFLOW.require(workflowId);
        if (blueprints.plan(target.blueprint()).workflow(workflowId).isEmpty()) {
            throw new InvalidInputException(Problem.NONEXISTENT_WORKFLOW, "Workflow " + workflowId
                    + " does not exist in the deployment " + target.deployment().id());
        }
    }

    private static void requireDeploymentId(String deploymentId) {
        if (deploymentId == null || deploymentId.isEmpty()) {
            throw new InvalidInputException("deployment_id is required");
        }
        EngineLengths.DEPLOYMENT_ID.require(deploymentId);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static <T> T pick(T given, T old) {
        return given != null ? given : old;
    }
}
