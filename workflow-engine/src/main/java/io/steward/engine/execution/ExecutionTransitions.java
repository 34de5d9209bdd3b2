package io.steward.engine.execution;

import static io.steward.engine.execution.ExecutionStatus.CANCELLED;
import static io.steward.engine.execution.ExecutionStatus.CANCELLING;
import static io.steward.engine.execution.ExecutionStatus.FAILED;
import static io.steward.engine.execution.ExecutionStatus.FORCE_CANCELLING;
import static io.steward.engine.execution.ExecutionStatus.KILL_CANCELLING;
import static io.steward.engine.execution.ExecutionStatus.PENDING;
import static io.steward.engine.execution.ExecutionStatus.QUEUED;
import static io.steward.engine.execution.ExecutionStatus.SCHEDULED;
import static io.steward.engine.execution.ExecutionStatus.STARTED;
import static io.steward.engine.execution.ExecutionStatus.TERMINATED;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Steward's execution lifecycle: the one table of {@code from, event → to} rows. Nothing else decides how a status
 * changes. The engine applies a row with a compare-and-set update whose {@code WHERE status IN (…)} is
 * {@link #sourcesOf(ExecutionEvent)}, and appends a {@link TransitionHistoryEntry}.
 *
 * <p>The table checks itself when this class loads (see {@code Builder}): a duplicated {@code (from, event)} pair,
 * or a way out of an end state that {@code END_STATE_EXITS} does not name, stops the class from loading.
 *
 * <p>Cloudify's PATCH rule is a different, more permissive compatibility table: {@link CloudifyStatusUpdates}.
 */
public final class ExecutionTransitions {

    /**
     * The only events that may leave an end state. Resume and force-resume bring a failed or cancelled execution back
     * to {@code pending} (Cloudify's rule). Kill is allowed from every status, because it also reaps operations left
     * over by an execution that already ended; from an end state it keeps the status.
     */
    private static final Map<ExecutionStatus, Set<ExecutionEvent>> END_STATE_EXITS = Map.of(
            TERMINATED, EnumSet.of(ExecutionEvent.KILL_REQUESTED),
            FAILED, EnumSet.of(ExecutionEvent.KILL_REQUESTED, ExecutionEvent.RESUMED, ExecutionEvent.FORCE_RESUMED,
                    ExecutionEvent.RESUMED_IN_GROUP),
            CANCELLED, EnumSet.of(ExecutionEvent.KILL_REQUESTED, ExecutionEvent.RESUMED, ExecutionEvent.FORCE_RESUMED,
                    ExecutionEvent.RESUMED_IN_GROUP));

    /** Where a new execution starts. Creation is not a transition: no event leads here from nothing. */
    private static final Set<ExecutionStatus> INITIAL =
            Collections.unmodifiableSet(EnumSet.of(PENDING, QUEUED, SCHEDULED));

    private static final Table LIFECYCLE = builder()
            // Waiting until it may run. A scheduled execution that comes due while blocked joins the queue.
            .row(QUEUED, ExecutionEvent.DEQUEUED, PENDING)
            .row(SCHEDULED, ExecutionEvent.SCHEDULE_DUE, PENDING)
            .row(SCHEDULED, ExecutionEvent.QUEUED, QUEUED)

            // Running. An execution that can never run is failed with a clear error, never left pending.
            .row(PENDING, ExecutionEvent.STARTED, STARTED)
            .row(PENDING, ExecutionEvent.FAILED, FAILED)
            .row(STARTED, ExecutionEvent.SUCCEEDED, TERMINATED)
            .row(STARTED, ExecutionEvent.FAILED, FAILED)

            // Cancel: a running execution is asked to stop; a waiting one has nothing running and ends at once.
            .row(PENDING, ExecutionEvent.CANCEL_REQUESTED, CANCELLING)
            .row(STARTED, ExecutionEvent.CANCEL_REQUESTED, CANCELLING)
            .row(QUEUED, ExecutionEvent.CANCEL_REQUESTED, CANCELLED)
            .row(SCHEDULED, ExecutionEvent.CANCEL_REQUESTED, CANCELLED)

            // Force-cancel: also escalates a cancel that is taking too long.
            .row(PENDING, ExecutionEvent.FORCE_CANCEL_REQUESTED, FORCE_CANCELLING)
            .row(STARTED, ExecutionEvent.FORCE_CANCEL_REQUESTED, FORCE_CANCELLING)
            .row(CANCELLING, ExecutionEvent.FORCE_CANCEL_REQUESTED, FORCE_CANCELLING)
            .row(QUEUED, ExecutionEvent.FORCE_CANCEL_REQUESTED, CANCELLED)
            .row(SCHEDULED, ExecutionEvent.FORCE_CANCEL_REQUESTED, CANCELLED)

            // Kill: allowed from every status. Repeating it while killing is a no-op.
            .row(PENDING, ExecutionEvent.KILL_REQUESTED, KILL_CANCELLING)
            .row(STARTED, ExecutionEvent.KILL_REQUESTED, KILL_CANCELLING)
            .row(CANCELLING, ExecutionEvent.KILL_REQUESTED, KILL_CANCELLING)
            .row(FORCE_CANCELLING, ExecutionEvent.KILL_REQUESTED, KILL_CANCELLING)
            .row(KILL_CANCELLING, ExecutionEvent.KILL_REQUESTED, KILL_CANCELLING)
            .row(QUEUED, ExecutionEvent.KILL_REQUESTED, CANCELLED)
            .row(SCHEDULED, ExecutionEvent.KILL_REQUESTED, CANCELLED)
            // Kill after the end reaps leftover operations and keeps the status: a completed execution is not
            // rewritten as cancelled. Cloudify differs here: it writes kill_cancelling, then cancelled.
            .row(TERMINATED, ExecutionEvent.KILL_REQUESTED, TERMINATED)
            .row(FAILED, ExecutionEvent.KILL_REQUESTED, FAILED)
            .row(CANCELLED, ExecutionEvent.KILL_REQUESTED, CANCELLED)

            // The run stopped after any kind of cancel.
            .row(CANCELLING, ExecutionEvent.STOPPED_AFTER_CANCEL, CANCELLED)
            .row(FORCE_CANCELLING, ExecutionEvent.STOPPED_AFTER_CANCEL, CANCELLED)
            .row(KILL_CANCELLING, ExecutionEvent.STOPPED_AFTER_CANCEL, CANCELLED)

            // Resume. Plain resume also restarts a started execution, e.g. one interrupted by a manager restart.
            .row(FAILED, ExecutionEvent.RESUMED, PENDING)
            .row(CANCELLED, ExecutionEvent.RESUMED, PENDING)
            .row(STARTED, ExecutionEvent.RESUMED, PENDING)
            .row(FAILED, ExecutionEvent.FORCE_RESUMED, PENDING)
            .row(CANCELLED, ExecutionEvent.FORCE_RESUMED, PENDING)
            // A group's resume: its members wait in the queue for room in the group.
            .row(FAILED, ExecutionEvent.RESUMED_IN_GROUP, QUEUED)
            .row(CANCELLED, ExecutionEvent.RESUMED_IN_GROUP, QUEUED)
            .build();

    private ExecutionTransitions() {
    }

    /** One row of the table. A row whose {@code from} equals its {@code to} is a no-op that is allowed. */
    public record Row(ExecutionStatus from, ExecutionEvent event, ExecutionStatus to) {
        public boolean isNoOp() {
            return from == to;
        }
    }

    /** The status {@code event} leads to from {@code from}, or empty when the table does not allow it. */
    public static Optional<ExecutionStatus> next(ExecutionStatus from, ExecutionEvent event) {
        return LIFECYCLE.next(from, event);
    }

    /**
     * The status {@code event} leads to from {@code from}.
     *
     * @throws IllegalTransitionException when the table does not allow it; its problem and message follow Cloudify
     *     for cancel and resume requests
     */
    public static ExecutionStatus require(String executionId, ExecutionStatus from, ExecutionEvent event) {
        return next(from, event).orElseThrow(() -> new IllegalTransitionException(executionId, from, event));
    }

    /** The statuses {@code event} may be applied from: the {@code WHERE status IN (…)} of the engine's update. */
    public static Set<ExecutionStatus> sourcesOf(ExecutionEvent event) {
        return LIFECYCLE.sourcesOf(event);
    }

    /** Every row, in the order the table lists them. */
    public static List<Row> rows() {
        return LIFECYCLE.rows();
    }

    /** The statuses a new execution may be created in: {@code pending}, {@code queued} or {@code scheduled}. */
    public static Set<ExecutionStatus> initialStatuses() {
        return INITIAL;
    }

    /**
     * True when {@code event} is a report from the run that arrives after the execution already ended (for example
     * an operation reports success after a kill). It changes nothing: the caller ignores it and logs at debug level
     * instead of raising an illegal-transition error.
     */
    public static boolean isLateReport(ExecutionStatus current, ExecutionEvent event) {
        return current.isEnd() && event.isReportFromTheRun();
    }

    /** A builder that applies the same self-checks as the production table; package-private for tests. */
    static Builder builder() {
        return new Builder(END_STATE_EXITS);
    }

    /** Collects rows and refuses, as each one is added, any row that breaks the table's invariants. */
    static final class Builder {
        private final Map<ExecutionStatus, Set<ExecutionEvent>> endStateExits;
        private final Map<ExecutionStatus, Map<ExecutionEvent, Row>> byFrom = new EnumMap<>(ExecutionStatus.class);
        private final List<Row> rows = new ArrayList<>();

        private Builder(Map<ExecutionStatus, Set<ExecutionEvent>> endStateExits) {
            this.endStateExits = endStateExits;
        }

        Builder row(ExecutionStatus from, ExecutionEvent event, ExecutionStatus to) {
            Row row = new Row(from, event, to);
            Row earlier = byFrom.computeIfAbsent(from, f -> new EnumMap<>(ExecutionEvent.class))
                    .putIfAbsent(event, row);
            if (earlier != null) {
                throw new IllegalStateException("Duplicated transition from " + from.wire() + " on " + event.label()
                        + ": listed as → " + earlier.to().wire() + " and again as → " + to.wire());
            }
            if (from.isEnd() && !endStateExits.getOrDefault(from, Set.of()).contains(event)) {
                throw new IllegalStateException("Transition from end state " + from.wire() + " on " + event.label()
                        + " is not allowed: " + from.wire() + " may be left only on "
                        + labels(endStateExits.getOrDefault(from, Set.of())));
            }
            if (from.isEnd() && event == ExecutionEvent.KILL_REQUESTED && to != from) {
                throw new IllegalStateException("Kill of an ended execution must keep its status " + from.wire()
                        + ", not move it to " + to.wire());
            }
            rows.add(row);
            return this;
        }

        private static String labels(Set<ExecutionEvent> events) {
            return events.isEmpty() ? "no event"
                    : events.stream().map(ExecutionEvent::label).collect(Collectors.joining(", "));
        }

        Table build() {
            return new Table(byFrom, rows);
        }
    }

    /** The checked, immutable table. */
    static final class Table {
        private final Map<ExecutionStatus, Map<ExecutionEvent, Row>> byFrom;
        private final Map<ExecutionEvent, Set<ExecutionStatus>> sources = new EnumMap<>(ExecutionEvent.class);
        private final List<Row> rows;

        private Table(Map<ExecutionStatus, Map<ExecutionEvent, Row>> byFrom, List<Row> rows) {
            this.byFrom = new EnumMap<>(ExecutionStatus.class);
            byFrom.forEach((from, byEvent) ->
                    this.byFrom.put(from, Collections.unmodifiableMap(new EnumMap<>(byEvent))));
            this.rows = List.copyOf(rows);
            for (ExecutionEvent event : ExecutionEvent.values()) {
                EnumSet<ExecutionStatus> from = EnumSet.noneOf(ExecutionStatus.class);
                rows.stream().filter(row -> row.event() == event).forEach(row -> from.add(row.from()));
                sources.put(event, Collections.unmodifiableSet(from));
            }
        }

        Optional<ExecutionStatus> next(ExecutionStatus from, ExecutionEvent event) {
            Row row = byFrom.getOrDefault(from, Map.of()).get(event);
            return row == null ? Optional.empty() : Optional.of(row.to());
        }

        Set<ExecutionStatus> sourcesOf(ExecutionEvent event) {
            return sources.get(event);
        }

        List<Row> rows() {
            return rows;
        }
    }
}
