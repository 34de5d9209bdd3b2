package io.steward.engine.execution;

import io.steward.engine.event.EventLog;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Executions whose one operation is a job on a remote platform: a module above the engine (dispatch) submits the
 * job and then tracks it from a poller of its own, so the execution is parked without a thread while the job runs.
 * Such an execution is started at once ({@code pending → started} in its creating transaction) and has no deployment;
 * the engine's runner never claims, takes over, ends the cancels of, or counts against the global cap an execution
 * matching {@link #NOT_REMOTE}'s negation: its driver does all of that. Cancel, force-cancel and kill through the
 * executions API move it to a cancelling status as for any execution; the driver sees that, cancels the remote job,
 * and ends it {@code cancelled}.
 */
@Singleton
public class RemoteJobExecutions {
    /** The workflow id every remote-job execution carries. */
    public static final String WORKFLOW = "remote_job";
    /**
     * An SQL condition on the executions table that leaves remote-job executions out: Cloudify workflows always run on
     * a deployment, so a deployment's own workflow that happens to be called {@value #WORKFLOW} is not left out.
     */
    public static final String NOT_REMOTE = "NOT (workflow_id = '" + WORKFLOW + "' AND deployment_id IS NULL)";

    /** How the remote job ended. */
    public enum Ending { SUCCEEDED, FAILED }

    private final ExecutionStore store;
    private final EventLog events;
    private final TenantTables tables;
    private final Clock clock;

    RemoteJobExecutions(ExecutionStore store, EventLog events, TenantTables tables, Clock clock) {
        this.store = store;
        this.events = events;
        this.tables = tables;
        this.clock = clock;
    }

    /**
     * A started remote-job execution of the bound caller's, not yet written: {@link #record} writes it, with the rows
     * describing its job. It is {@code started} from the first: nothing claims it.
     */
    public Execution newStarted(Map<String, Object> parameters, Visibility visibility) {
        Caller caller = CallerScope.current();
        caller.require(io.steward.tenancy.scope.Permission.EXECUTION_START);
        Instant now = clock.instant();
        return new Execution(UUID.randomUUID().toString(), caller.tenant(), visibility, caller.username(), now, now,
                null, null, null, null, WORKFLOW, ExecutionStatus.STARTED, "", parameters, false, false, false, false,
                0, 1, 0, null);
    }

    /**
     * Writes {@code started} ({@link #newStarted}) with its history and start event, and {@code describing} (the rows
     * describing its job, and their events: {@link #eventRow}), in one round trip inside the caller's transaction.
     * Returns the numbers the database gave the describing rows that ask for one.
     */
    public List<Long> record(Execution started, List<TenantTables.NewRow> describing) {
        if (started.status() != ExecutionStatus.STARTED || !WORKFLOW.equals(started.workflowId())) {
            throw new IllegalArgumentException("Execution " + started.id() + " is not a new remote job's");
        }
        List<TenantTables.NewRow> alongside = new ArrayList<>(1 + describing.size());
        alongside.add(events.eventRow(started.eventContext(), "workflow_started",
                "Starting '" + WORKFLOW + "' workflow execution"));
        alongside.addAll(describing);
        return store.insert(started, true, null, alongside);
    }

    /** The row of an event of the remote job, for {@link #start}'s {@code describedBy}. */
    public TenantTables.NewRow eventRow(Execution execution, String type, String message) {
        return events.eventRow(execution.eventContext(), type, message);
    }

    /** Runs {@code work} in one transaction of the bound caller's: a start and the row describing its job. */
    public <T> T inOneTransaction(java.util.function.Supplier<T> work) {
        return tables.inOneTransaction(work);
    }

    public Optional<Execution> find(String id) {
        return store.find(id);
    }

    /** An event of the remote job (submitted, a status change, results), seen by whoever sees the execution. */
    public void event(Execution execution, String type, String message) {
        events.event(execution.eventContext(), type, message);
    }

    /**
     * Ends the execution as its remote job ended. When a cancel was requested meanwhile it ends {@code cancelled},
     * as any run that ends during a cancel does. False when it had already ended.
     */
    public boolean end(String id, Ending ending, String error) {
        Optional<Execution> found = store.find(id);
        if (found.isEmpty() || found.get().status().isEnd()) {
            return false;
        }
        Execution execution = found.get();
        ExecutionStatus from = execution.status();
        boolean cancelling = from == ExecutionStatus.CANCELLING || from == ExecutionStatus.FORCE_CANCELLING
                || from == ExecutionStatus.KILL_CANCELLING;
        ExecutionEvent event = cancelling ? ExecutionEvent.STOPPED_AFTER_CANCEL
                : from == ExecutionStatus.PENDING ? ExecutionEvent.FAILED
                : ending == Ending.SUCCEEDED ? ExecutionEvent.SUCCEEDED : ExecutionEvent.FAILED;
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("ended_at", clock.instant());
        changes.put("finished_operations", 1);
        if (event == ExecutionEvent.FAILED && error != null) {
            changes.put("error", error);
        }
        if (!store.applyFrom(id, from, event, changes)) {
            return false;
        }
        String name = "'" + WORKFLOW + "' workflow execution";
        switch (event) {
            case STOPPED_AFTER_CANCEL -> events.event(execution.eventContext(), "workflow_cancelled", name + " cancelled");
            case SUCCEEDED -> events.event(execution.eventContext(), "workflow_succeeded", name + " succeeded");
            default -> events.failure(execution.eventContext(), "workflow_failed", name + " failed: " + error,
                    "RemoteJobError", error);
        }
        return true;
    }
}
