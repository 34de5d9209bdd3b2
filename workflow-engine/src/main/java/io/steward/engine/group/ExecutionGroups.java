package io.steward.engine.group;

import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionActions;
import io.steward.engine.execution.ExecutionQueue;
import io.steward.engine.execution.ExecutionSignals;
import io.steward.engine.execution.ExecutionStatus;
import io.steward.engine.execution.ExecutionStore;
import io.steward.engine.execution.StartCommand;
import io.steward.engine.execution.StartExecution;
import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.error.StewardException;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.store.TableSpec;
import io.steward.tenancy.store.TableSpec.Column;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Execution groups: start one workflow over a deployment group, read progress, stop the whole group, change its
 * concurrency. Every member is stored {@code queued} with the group's id; {@link ExecutionQueue} starts members only
 * while the group has room, so {@code concurrency} holds across the servers of a cluster.
 */
@Singleton
public class ExecutionGroups {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionGroups.class);
    static final String TABLE = "execution_groups";
    private static final TableSpec SPEC = new TableSpec(TABLE, "id", specColumns());

    private final TenantTables tables;
    private final DeploymentGroups deploymentGroups;
    private final StartExecution starter;
    private final ExecutionStore executions;
    private final ExecutionActions actions;
    private final ExecutionQueue queue;
    private final ExecutionSignals signals;
    private final Clock clock;

    ExecutionGroups(TenantTables tables, DeploymentGroups deploymentGroups, StartExecution starter,
                    ExecutionStore executions, ExecutionActions actions, ExecutionQueue queue,
                    ExecutionSignals signals, Clock clock) {
        this.tables = tables;
        this.deploymentGroups = deploymentGroups;
        this.starter = starter;
        this.executions = executions;
        this.actions = actions;
        this.queue = queue;
        this.signals = signals;
        this.clock = clock;
    }

    private static Map<String, Column> specColumns() {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (String text : List.of("id", "created_by", "tenant_name", "visibility", "workflow_id",
                "deployment_group_id")) {
            columns.put(text, Column.text(text));
        }
        columns.put("concurrency", Column.number("concurrency"));
        columns.put("fail_fast", Column.bool("fail_fast"));
        columns.put("created_at", Column.time("created_at"));
        return columns;
    }

    /** The actions of Cloudify's {@code POST /execution-groups/<id>}: three stops and two resumes. */
    public enum Action {
        CANCEL("cancel", ExecutionActions.Action.CANCEL), FORCE_CANCEL("force-cancel",
                ExecutionActions.Action.FORCE_CANCEL), KILL("kill", ExecutionActions.Action.KILL),
        RESUME("resume", ExecutionActions.Action.RESUME),
        FORCE_RESUME("force-resume", ExecutionActions.Action.FORCE_RESUME);

        private final String wire;
        private final ExecutionActions.Action memberAction;

        Action(String wire, ExecutionActions.Action memberAction) {
            this.wire = wire;
            this.memberAction = memberAction;
        }

        public static Action of(String value) {
            for (Action action : values()) {
                if (action.wire.equals(value)) {
                    return action;
                }
            }
            throw new InvalidInputException("Invalid action: " + value + ", Valid action values are: "
                    + List.of("cancel", "force-cancel", "kill", "resume", "force-resume"));
        }
    }

    /**
     * Queues one execution per member deployment that has the workflow (the others are skipped and logged), all in
     * one transaction, then lets the queue start the first {@code concurrency} of them.
     */
    public ExecutionGroup start(ExecutionGroupStart request) {
        Caller caller = CallerScope.current();
        caller.require(Permission.EXECUTION_START);
        if (request.concurrency() < 0) {
            throw new InvalidInputException("concurrency must be a non-negative integer, got "
                    + request.concurrency());
        }
        EngineLengths.DEPLOYMENT_GROUP_REF.require(request.deploymentGroupId());
        EngineLengths.GROUP_WORKFLOW.require(request.workflowId());
        String id = UUID.randomUUID().toString();
        tables.inOneTransaction(() -> {
            DeploymentGroup group = deploymentGroups.get(request.deploymentGroupId());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("visibility", Visibility.TENANT.wire());
            row.put("created_by", caller.username());
            row.put("created_at", clock.instant());
            row.put("workflow_id", request.workflowId());
            row.put("deployment_group_id", group.id());
            row.put("concurrency", request.concurrency());
            row.put("fail_fast", request.failFast());
            tables.insert(TABLE, row);
            for (String deployment : group.deploymentIds()) {
                Map<String, Object> parameters = new HashMap<>(request.defaultParameters());
                parameters.putAll(request.parameters().getOrDefault(deployment, Map.of()));
                try {
                    starter.queueInGroup(new StartCommand(deployment, request.workflowId(), parameters, false,
                            request.force(), false, true, null, StartCommand.DEFAULT_WAIT_AFTER_FAIL), id);
                } catch (InvalidInputException e) {
                    if (e.problem() != Problem.NONEXISTENT_WORKFLOW) {
                        throw e;
                    }
                    LOG.info("Execution group {}: deployment {} has no workflow {}, skipped", id, deployment,
                            request.workflowId());
                } catch (NotFoundException e) {
                    // A member deleted since it joined the group.
                    LOG.info("Execution group {}: deployment {} no longer exists, skipped", id, deployment);
                }
            }
        });
        queue.dequeue();
        signals.workAvailable();
        return get(id);
    }

    public ExecutionGroup get(String id) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        ExecutionGroup group = tables.findById(TABLE, id, rs -> map(rs, List.of()))
                .orElseThrow(() -> new NotFoundException("Execution group", id));
        return withMembers(group);
    }

    /** One page of groups; with {@code withMembers} each also carries its members (for status and ids). */
    public Page<ExecutionGroup> list(ListQuery query, boolean withMembers) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        Page<ExecutionGroup> page = tables.list(SPEC, query, rs -> map(rs, List.of()));
        return withMembers ? new Page<>(page.items().stream().map(this::withMembers).toList(), page.total()) : page;
    }

    /**
     * Stops every member that has not ended: queued ones first (they end {@code cancelled} at once and so can no
     * longer take the room the running ones leave), then the active ones.
     */
    public ExecutionGroup act(String id, Action action) {
        CallerScope.current().require(Permission.EXECUTION_CANCEL);
        ExecutionGroup group = get(id);
        if (action == Action.RESUME || action == Action.FORCE_RESUME) {
            return resume(group);
        }
        List<Execution> waiting = group.members().stream().filter(m -> m.status() == ExecutionStatus.QUEUED
                || m.status() == ExecutionStatus.SCHEDULED).toList();
        List<Execution> active = group.members().stream().filter(m -> ExecutionStatus.ACTIVE.contains(m.status()))
                .toList();
        for (Execution member : waiting) {
            stopMember(member, action);
        }
        for (Execution member : active) {
            stopMember(member, action);
        }
        // A member that started between the read and the cancels of the waiting ones is stopped too.
        for (Execution member : get(id).members()) {
            if (member.status() == ExecutionStatus.PENDING || member.status() == ExecutionStatus.STARTED) {
                stopMember(member, action);
            }
        }
        return get(id);
    }

    /**
     * Cloudify's group resume: failed and cancelled members run again, through the queue, so no more than
     * {@code concurrency} of them run at once; the others are left as they are.
     */
    private ExecutionGroup resume(ExecutionGroup group) {
        for (Execution member : group.members()) {
            if (member.status() == ExecutionStatus.FAILED || member.status() == ExecutionStatus.CANCELLED) {
                if (!actions.requeueInGroup(member.id(), member.status())) {
                    LOG.debug("Execution group member {} moved meanwhile, not resumed", member.id());
                }
            }
        }
        queue.dequeue();
        signals.workAvailable();
        return get(group.id());
    }

    private void stopMember(Execution member, Action action) {
        try {
            actions.act(member.id(), action.memberAction);
        } catch (StewardException e) {
            // It moved on meanwhile (ended, or already cancelling): nothing to stop.
            LOG.debug("Execution group member {} not stopped: {}", member.id(), e.getMessage());
        }
    }

    /** Changes the group's concurrency; a larger one lets waiting members start now. */
    public ExecutionGroup setConcurrency(String id, int concurrency) {
        CallerScope.current().require(Permission.EXECUTION_START);
        if (concurrency < 0) {
            throw new InvalidInputException("concurrency must be a non-negative integer, got " + concurrency);
        }
        get(id);
        tables.update(TABLE, id, Map.of("concurrency", concurrency));
        queue.dequeue();
        signals.workAvailable();
        return get(id);
    }

    /**
     * Sets the success and failure target groups (null leaves one as it is). Members that already ended
     * {@code terminated} (or {@code failed}) join the target now; the others join when they end.
     */
    public ExecutionGroup setTargets(String id, String successGroupId, String failureGroupId) {
        CallerScope.current().require(Permission.EXECUTION_START);
        Map<String, Object> values = new LinkedHashMap<>();
        if (successGroupId != null) {
            values.put("success_group_id", deploymentGroups.get(successGroupId).id());
        }
        if (failureGroupId != null) {
            values.put("failure_group_id", deploymentGroups.get(failureGroupId).id());
        }
        ExecutionGroup group = get(id);
        if (!values.isEmpty()) {
            tables.update(TABLE, id, values);
        }
        for (Execution member : group.members()) {
            if (successGroupId != null && member.status() == ExecutionStatus.TERMINATED) {
                deploymentGroups.addIfPresent(successGroupId, member.deploymentId());
            } else if (failureGroupId != null && member.status() == ExecutionStatus.FAILED) {
                deploymentGroups.addIfPresent(failureGroupId, member.deploymentId());
            }
        }
        return get(id);
    }

    private ExecutionGroup withMembers(ExecutionGroup group) {
        return new ExecutionGroup(group.id(), group.tenantName(), group.visibility(), group.createdBy(),
                group.createdAt(), group.workflowId(), group.deploymentGroupId(), group.concurrency(),
                group.successGroupId(), group.failureGroupId(), group.failFast(), executions.ofGroup(group.id()));
    }

    private static ExecutionGroup map(ResultSet rs, List<Execution> members) throws SQLException {
        return new ExecutionGroup(rs.getString("id"), rs.getString("tenant_name"),
                Visibility.of(rs.getString("visibility")), rs.getString("created_by"), Sql.instant(rs, "created_at"),
                rs.getString("workflow_id"), rs.getString("deployment_group_id"), rs.getInt("concurrency"),
                rs.getString("success_group_id"), rs.getString("failure_group_id"), rs.getBoolean("fail_fast"),
                members);
    }
}
