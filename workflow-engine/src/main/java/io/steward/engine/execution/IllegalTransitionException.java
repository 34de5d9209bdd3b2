package io.steward.engine.execution;

import io.steward.tenancy.error.Problem;
import io.steward.tenancy.error.StewardException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The execution's current status does not allow what happened. For the actions a user requests, the problem and the
 * message are Cloudify's: a refused cancel or force-cancel is {@link Problem#ILLEGAL_ACTION} (Cloudify's 400
 * {@code illegal_action_error}); a refused resume or force-resume is {@link Problem#CONFLICT} (409
 * {@code conflict_error}). Any other refused event is an {@link Problem#ILLEGAL_ACTION} whose message names the
 * execution, its status, the event, the statuses the event applies from and, when given, the recent history.
 */
public class IllegalTransitionException extends StewardException {
    private final String executionId;
    private final ExecutionStatus current;
    private final ExecutionEvent event;
    private final List<TransitionHistoryEntry> history;

    public IllegalTransitionException(String executionId, ExecutionStatus current, ExecutionEvent event) {
        this(executionId, current, event, List.of());
    }

    /** @param history the most recent transitions of this execution, oldest first, to explain how it got here */
    public IllegalTransitionException(String executionId, ExecutionStatus current, ExecutionEvent event,
            List<TransitionHistoryEntry> history) {
        super(problemFor(event), messageFor(executionId, current, event, history));
        this.executionId = executionId;
        this.current = current;
        this.event = event;
        this.history = List.copyOf(history);
    }

    public String executionId() {
        return executionId;
    }

    public ExecutionStatus current() {
        return current;
    }

    public ExecutionEvent event() {
        return event;
    }

    public List<TransitionHistoryEntry> history() {
        return history;
    }

    private static Problem problemFor(ExecutionEvent event) {
        return switch (event) {
            // Cloudify answers a resume in the wrong state with 409 conflict_error, a refused cancel with 400.
            case RESUMED, FORCE_RESUMED, RESUMED_IN_GROUP -> Problem.CONFLICT;
            case CANCEL_REQUESTED, FORCE_CANCEL_REQUESTED, KILL_REQUESTED,
                    QUEUED, DEQUEUED, SCHEDULE_DUE, STARTED, SUCCEEDED, FAILED, STOPPED_AFTER_CANCEL ->
                    Problem.ILLEGAL_ACTION;
        };
    }

    private static String messageFor(String id, ExecutionStatus current, ExecutionEvent event,
            List<TransitionHistoryEntry> history) {
        String status = current.wire();
        return switch (event) {
            case CANCEL_REQUESTED -> "Can't cancel execution " + id + " because it's in status " + status;
            case FORCE_CANCEL_REQUESTED -> "Can't force-cancel execution " + id + " because it's in status " + status;
            // Cloudify never refuses a kill; our table allows it from every status too. Kept for a future table.
            case KILL_REQUESTED -> "Can't kill execution " + id + " because it's in status " + status;
            case RESUMED -> "Cannot resume execution: `" + id + "` in state: `" + status + "`";
            case FORCE_RESUMED -> "Cannot force-resume execution: `" + id + "` in state: `" + status + "`";
            case RESUMED_IN_GROUP -> "Cannot resume execution: `" + id + "` in state: `" + status + "`";
            case QUEUED, DEQUEUED, SCHEDULE_DUE, STARTED, SUCCEEDED, FAILED, STOPPED_AFTER_CANCEL ->
                    "Execution " + id + " is in status " + status + ", where event " + event.label()
                            + " does not apply (it applies from: " + wires(ExecutionTransitions.sourcesOf(event)) + ")"
                            + (history.isEmpty() ? "" : "; recent history: " + history.stream()
                                    .map(TransitionHistoryEntry::describe).collect(Collectors.joining("; ")));
        };
    }

    private static String wires(Set<ExecutionStatus> statuses) {
        return statuses.isEmpty() ? "no status"
                : statuses.stream().map(ExecutionStatus::wire).collect(Collectors.joining(", "));
    }
}
