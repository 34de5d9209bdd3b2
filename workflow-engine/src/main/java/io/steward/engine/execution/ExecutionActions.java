package io.steward.engine.execution;

import io.steward.engine.event.EventLog;
import io.steward.engine.execution.ExecutionSignals.StopMode;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a caller can do to an existing execution: cancel, force-cancel, kill, resume, and Cloudify's status PATCH. */
@Singleton
public class ExecutionActions {
    private final ExecutionStore store;
    private final ExecutionQueue queue;
    private final ExecutionSignals signals;
    private final EventLog events;
    private final Clock clock;

    ExecutionActions(ExecutionStore store, ExecutionQueue queue, ExecutionSignals signals, EventLog events,
                     Clock clock) {
        this.store = store;
        this.queue = queue;
        this.signals = signals;
        this.events = events;
        this.clock = clock;
    }

    /** The actions of Cloudify's {@code POST /executions/<id>}. */
    public enum Action {
        CANCEL("cancel"), FORCE_CANCEL("force-cancel"), KILL("kill"), RESUME("resume"),
        FORCE_RESUME("force-resume"), REQUEUE("requeue");

        private final String wire;

        Action(String wire) {
            this.wire = wire;
        }

        public static Action of(String value) {
            return Arrays.stream(values()).filter(a -> a.wire.equals(value)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("Invalid action: " + value
                            + ", Valid action values are: " + Arrays.stream(values()).map(a -> a.wire).toList()));
        }
    }

    /**
     * Applies an action and returns the execution as it stands right after.
     * <ul>
     *   <li>{@code cancel}: a pending or started execution becomes {@code cancelling}; no new task starts, running
     *       tasks finish, then it ends {@code cancelled}. A queued or scheduled one is {@code cancelled} at once.</li>
     *   <li>{@code force-cancel}: {@code force_cancelling}; running operations get SIGTERM and the execution ends
     *       {@code cancelled} without waiting for them.</li>
     *   <li>{@code kill}: {@code kill_cancelling}; every running operation's process tree gets SIGTERM, then SIGKILL
     *       after the grace period; {@code cancelled} once nothing is left. On an ended execution the status stays
     *       and leftover processes are reaped.</li>
     *   <li>{@code resume}/{@code force-resume}: a failed or cancelled (or, plain resume, started) execution goes back
     *       to {@code pending}; tasks that already succeeded are not run again.</li>
     *   <li>{@code requeue}: as in Cloudify, the same as {@code cancel}.</li>
     * </ul>
     * Illegal moves raise the illegal-transition error (400 {@code illegal_action_error}, 409 for resume).
     */
    public Execution act(String id, Action action) {
        CallerScope.current().require(Permission.EXECUTION_CANCEL);
        Execution execution = store.find(id).orElseThrow(() -> new NotFoundException("Execution", id));
        return switch (action) {
            case CANCEL, REQUEUE -> stop(execution, ExecutionEvent.CANCEL_REQUESTED, StopMode.CANCEL);
            case FORCE_CANCEL -> stop(execution, ExecutionEvent.FORCE_CANCEL_REQUESTED, StopMode.FORCE);
            case KILL -> stop(execution, ExecutionEvent.KILL_REQUESTED, StopMode.KILL);
            case RESUME -> resume(execution, ExecutionEvent.RESUMED);
            case FORCE_RESUME -> resume(execution, ExecutionEvent.FORCE_RESUMED);
        };
    }

    private Execution stop(Execution execution, ExecutionEvent event, StopMode mode) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (event == ExecutionEvent.CANCEL_REQUESTED && !execution.status().isEnd()) {
            changes.put("error", "");
        }
        ExecutionStatus next = ExecutionTransitions.require(execution.id(), execution.status(), event);
        if (next == ExecutionStatus.CANCELLED) {
            changes.put("ended_at", clock.instant());
        }
        store.apply(execution.id(), event, changes);
        // The answer shows the status this action wrote, before the runner moves it on.
        Execution after = reload(execution.id());
        if (next == ExecutionStatus.CANCELLED && !execution.status().isEnd()) {
            events.event(execution.eventContext(), "workflow_cancelled",
                    "'" + execution.workflowId() + "' workflow execution cancelled");
            queue.dequeue();
            signals.workAvailable();
        } else {
            signals.stop(execution.id(), mode);
        }
        return after;
    }

    private Execution resume(Execution execution, ExecutionEvent event) {
        ExecutionTransitions.require(execution.id(), execution.status(), event);
        if (SystemExecutions.isRecorded(execution.workflowId())) {
            // Recorded already ended, with no run behind it: running it again is uploading or deleting again.
            throw new io.steward.tenancy.error.InvalidInputException(io.steward.tenancy.error.Problem.ILLEGAL_ACTION,
                    "Cannot resume execution `" + execution.id() + "`: Steward did its " + execution.workflowId()
                            + " within the request; repeat that request instead");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("resume", true);
        changes.put("ended_at", null);
        changes.put("error", "");
        store.apply(execution.id(), event, changes);
        Execution after = reload(execution.id());
        signals.workAvailable();
        return after;
    }

    /**
     * A failed or cancelled member of an execution group back in the queue, as on the group's resume; finished tasks
     * are skipped as on a plain resume. False when it moved meanwhile (a compare-and-set from {@code from}).
     */
    public boolean requeueInGroup(String id, ExecutionStatus from) {
        CallerScope.current().require(Permission.EXECUTION_CANCEL);
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("resume", true);
        changes.put("ended_at", null);
        changes.put("error", "");
        return store.applyFrom(id, from, ExecutionEvent.RESUMED_IN_GROUP, changes);
    }

    /**
     * Cloudify's {@code PATCH /executions/<id>}: sets a status directly, checked against Cloudify's own permissive
     * rule ({@link CloudifyStatusUpdates}) rather than our lifecycle. Ending an execution this way stops its work.
     */
    public Execution updateStatus(String id, String status, String error) {
        CallerScope.current().require(Permission.EXECUTION_STATUS_UPDATE);
        Execution execution = store.find(id).orElseThrow(() -> new NotFoundException("Execution", id));
        ExecutionStatus target = ExecutionStatus.ofWire(status);
        Map<String, Object> values = new LinkedHashMap<>();
        if (error != null) {
            values.put("error", error);
        }
        if (target.isEnd()) {
            values.put("ended_at", clock.instant());
        }
        if (target == ExecutionStatus.STARTED && execution.startedAt() == null) {
            values.put("started_at", clock.instant());
        }
        store.overwriteStatus(execution, target, values);
        Execution after = reload(id);
        if (target.isEnd() && !execution.status().isEnd()) {
            signals.stop(id, StopMode.FORCE);
            queue.dequeue();
            signals.workAvailable();
        }
        return after;
    }

    private Execution reload(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Execution", id));
    }
}
