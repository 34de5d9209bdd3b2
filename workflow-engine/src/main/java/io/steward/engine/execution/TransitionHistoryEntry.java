package io.steward.engine.execution;

import java.time.Instant;
import java.util.Objects;

/**
 * One applied transition, as the engine persists it next to the status change: what moved the execution, from where
 * to where, when (from the injected clock) and on whose behalf ({@code actor}: a user name, or the engine component
 * such as {@code runner} or {@code scheduler}).
 */
public record TransitionHistoryEntry(ExecutionStatus from, ExecutionStatus to, ExecutionEvent event, Instant at,
        String actor) {

    public TransitionHistoryEntry {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
    }

    /** The entry for applying {@code row} at {@code at} on behalf of {@code actor}. */
    public static TransitionHistoryEntry of(ExecutionTransitions.Row row, Instant at, String actor) {
        return new TransitionHistoryEntry(row.from(), row.to(), row.event(), at, actor);
    }

    /** For messages and logs: {@code pending -> started on started at 2024-08-12T15:16:13Z by runner}. */
    public String describe() {
        return from.wire() + " -> " + to.wire() + " on " + event.label() + " at " + at + " by " + actor;
    }
}
