package io.steward.engine.execution;

import io.steward.engine.event.EventLog;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.ListQuery;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The executions Cloudify records for work Steward does within the request (a blueprint's parse, a deployment's
 * create): ordinary rows of the executions table that clients find and wait on, recorded already ended, inside the
 * caller's transaction. They go {@code pending → started → terminated} through {@link ExecutionTransitions} in that
 * one transaction, so no runner ever sees them pending and the global cap never counts them.
 */
@Singleton
public class SystemExecutions {
    public static final String UPLOAD_BLUEPRINT = "upload_blueprint";
    public static final String CREATE_DEPLOYMENT_ENVIRONMENT = "create_deployment_environment";
    public static final String DELETE_DEPLOYMENT_ENVIRONMENT = "delete_deployment_environment";

    private static final java.util.Set<String> RECORDED = java.util.Set.of(UPLOAD_BLUEPRINT,
            CREATE_DEPLOYMENT_ENVIRONMENT, DELETE_DEPLOYMENT_ENVIRONMENT);

    private final ExecutionStore store;
    private final EventLog events;
    private final TenantTables tables;
    private final Clock clock;

    SystemExecutions(ExecutionStore store, EventLog events, TenantTables tables, Clock clock) {
        this.store = store;
        this.events = events;
        this.tables = tables;
        this.clock = clock;
    }

    /** Whether executions of {@code workflowId} are records of work done within a request, never run by a runner. */
    public static boolean isRecorded(String workflowId) {
        return RECORDED.contains(workflowId);
    }

    /** Records a run of {@code workflowId} that succeeded just now, with its start and success events. */
    public Execution recordSucceeded(String workflowId, String deploymentId, String blueprintId,
                                     Visibility visibility, Map<String, Object> parameters) {
        return record(workflowId, deploymentId, blueprintId, visibility, parameters, null);
    }

    /**
     * Records a run of {@code workflowId} that failed just now with {@code error}, with its start and failure events:
     * what Cloudify's clients wait on and then read the error from.
     */
    public Execution recordFailed(String workflowId, String deploymentId, String blueprintId,
                                  Visibility visibility, Map<String, Object> parameters, String error) {
        return record(workflowId, deploymentId, blueprintId, visibility, parameters, error);
    }

    private Execution record(String workflowId, String deploymentId, String blueprintId, Visibility visibility,
                             Map<String, Object> parameters, String error) {
        Caller caller = CallerScope.current();
        Instant now = clock.instant();
        // Cloudify flags none of these as a system workflow: they show in default lists, and the CLI looks them up there.
        Execution created = new Execution(UUID.randomUUID().toString(), caller.tenant(), visibility,
                caller.username(), now, null, null, null, deploymentId, blueprintId, workflowId,
                ExecutionStatus.PENDING, "", parameters, false, false, false, false, 0, null, null, null);
        String name = "'" + workflowId + "' workflow execution";
        return tables.inOneTransaction(() -> {
            store.insert(created, false);
            require(store.applyFrom(created.id(), ExecutionStatus.PENDING, ExecutionEvent.STARTED,
                    Map.of("started_at", now)), created);
            events.event(created.eventContext(), "workflow_started", "Starting " + name);
            Map<String, Object> end = new LinkedHashMap<>(Map.of("ended_at", clock.instant(), "total_operations", 0,
                    "finished_operations", 0));
            if (error == null) {
                require(store.applyFrom(created.id(), ExecutionStatus.STARTED, ExecutionEvent.SUCCEEDED, end), created);
                events.event(created.eventContext(), "workflow_succeeded", name + " succeeded");
            } else {
                end.put("error", error);
                events.failure(created.eventContext(), "workflow_failed", name + " failed: " + error,
                        "WorkflowFailed", error);
                require(store.applyFrom(created.id(), ExecutionStatus.STARTED, ExecutionEvent.FAILED, end), created);
            }
            return store.find(created.id()).orElseThrow();
        });
    }

    /** A record left {@code started} would block every start on its deployment: its transaction fails instead. */
    private static void require(boolean moved, Execution created) {
        if (!moved) {
            throw new IllegalStateException("Recorded execution " + created.id() + " of " + created.workflowId()
                    + " did not move as recorded");
        }
    }

    /** The latest execution of {@code workflowId} for a blueprint (no deployment), as the caller sees it. */
    public Optional<Execution> latestOfBlueprint(String workflowId, String blueprintId) {
        return store.findWhere("workflow_id = ? AND blueprint_id = ? AND deployment_id IS NULL",
                List.of(workflowId, blueprintId)).stream().max(Comparator.comparing(Execution::createdAt));
    }

    /** As {@link #latestOfBlueprint} for several blueprints at once, by blueprint id. */
    public Map<String, Execution> latestOfBlueprints(String workflowId, List<String> blueprintIds) {
        if (blueprintIds.isEmpty()) {
            return Map.of();
        }
        List<Object> params = new ArrayList<>(List.of(workflowId));
        params.addAll(blueprintIds);
        String marks = String.join(", ", Collections.nCopies(blueprintIds.size(), "?"));
        return store.findWhere("workflow_id = ? AND deployment_id IS NULL AND blueprint_id IN (" + marks + ")",
                params).stream().collect(Collectors.toMap(Execution::blueprintId, Function.identity(),
                BinaryOperator.maxBy(Comparator.comparing(Execution::createdAt))));
    }

    /**
     * Deletes a blueprint's upload executions with their history, as Cloudify's cascade does with the row, and the
     * delete records its deleted deployments left (no deployment of it exists when it is deleted).
     */
    public void deleteOfBlueprint(String blueprintId) {
        store.delete(store.findWhere("blueprint_id = ? AND ((workflow_id = ? AND deployment_id IS NULL)"
                        + " OR workflow_id = ?)", List.of(blueprintId, UPLOAD_BLUEPRINT, DELETE_DEPLOYMENT_ENVIRONMENT))
                .stream().map(Execution::id).toList());
    }

    /** Deletes the delete_deployment_environment record a deleted deployment of this id left behind. */
    public void deleteOfDeletedDeployment(String deploymentId) {
        store.delete(store.findWhere("workflow_id = ? AND deployment_id = ?",
                List.of(DELETE_DEPLOYMENT_ENVIRONMENT, deploymentId)).stream().map(Execution::id).toList());
    }

    /** The latest execution of a deployment, any workflow, as the caller sees it. */
    public Optional<Execution> latestOfDeployment(String deploymentId) {
        ListQuery latest = new ListQuery(Map.of("deployment_id", List.of(deploymentId)),
                List.of(new ListQuery.SortKey("created_at", true)), 1, 0, false);
        return store.list(latest).items().stream().findFirst();
    }
}
