package io.steward.engine.execution;

import io.steward.tenancy.error.InvalidInputException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cloudify's ten execution statuses ({@code cloudify.models_states.ExecutionState}). Each constant carries its exact
 * wire value and its one classification; Cloudify's {@code END_STATES}, {@code WAITING_STATES} and
 * {@code ACTIVE_STATES} are derived from that classification, never listed separately.
 *
 * <p>How a status may change is decided by {@link ExecutionTransitions} only.
 */
public enum ExecutionStatus {
    TERMINATED("terminated", Kind.END),
    FAILED("failed", Kind.END),
    CANCELLED("cancelled", Kind.END),
    PENDING("pending", Kind.ACTIVE),
    STARTED("started", Kind.ACTIVE),
    CANCELLING("cancelling", Kind.ACTIVE),
    FORCE_CANCELLING("force_cancelling", Kind.ACTIVE),
    KILL_CANCELLING("kill_cancelling", Kind.ACTIVE),
    QUEUED("queued", Kind.WAITING),
    SCHEDULED("scheduled", Kind.WAITING);

    /** Finished; left only by resume or kill (see {@link ExecutionTransitions}). */
    public static final Set<ExecutionStatus> END = having(Kind.END);
    /** Not running yet, and not blocking its deployment: queued behind another execution, or scheduled for later. */
    public static final Set<ExecutionStatus> WAITING = having(Kind.WAITING);
    /** Running or being cancelled: blocks other executions on the same deployment. Cloudify's IN_PROGRESS_STATES too. */
    public static final Set<ExecutionStatus> ACTIVE = having(Kind.ACTIVE);

    private enum Kind { END, WAITING, ACTIVE }

    private final String wire;
    private final Kind kind;

    ExecutionStatus(String wire, Kind kind) {
        this.wire = wire;
        this.kind = kind;
    }

    /** Cloudify's value for {@code status}, in responses, filters and PATCH bodies. */
    public String wire() {
        return wire;
    }

    /** Cloudify's {@code status_display}: the wire value, except that {@code terminated} shows as {@code completed}. */
    public String display() {
        return this == TERMINATED ? "completed" : wire;
    }

    public boolean isEnd() {
        return kind == Kind.END;
    }

    public boolean isWaiting() {
        return kind == Kind.WAITING;
    }

    public boolean isActive() {
        return kind == Kind.ACTIVE;
    }

    /**
     * The status whose wire value is exactly {@code wire} (case-sensitive, as Cloudify's database enum is).
     *
     * @throws InvalidInputException naming the valid values when there is no such status
     */
    public static ExecutionStatus ofWire(String wire) {
        for (ExecutionStatus status : values()) {
            if (status.wire.equals(wire)) {
                return status;
            }
        }
        throw new InvalidInputException("Unknown execution status '" + wire + "'. Valid statuses are: "
                + Arrays.stream(values()).map(ExecutionStatus::wire).collect(Collectors.joining(", ")));
    }

    private static Set<ExecutionStatus> having(Kind kind) {
        EnumSet<ExecutionStatus> members = EnumSet.noneOf(ExecutionStatus.class);
        for (ExecutionStatus status : values()) {
            if (status.kind == kind) {
                members.add(status);
            }
        }
        return Collections.unmodifiableSet(members);
    }
}
