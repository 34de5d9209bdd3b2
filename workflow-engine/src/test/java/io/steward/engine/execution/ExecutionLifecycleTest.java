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
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.engine.execution.ExecutionTransitions.Row;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The lifecycle rules, one sentence each. The full matrix is in {@link ExecutionTransitionsTest}. */
class ExecutionLifecycleTest {

    @Test
    void a_new_execution_starts_pending_queued_or_scheduled() {
        assertThat(ExecutionTransitions.initialStatuses()).containsExactlyInAnyOrder(PENDING, QUEUED, SCHEDULED);
    }

    @Test
    void a_scheduled_execution_that_comes_due_runs_or_joins_the_queue() {
        assertThat(ExecutionTransitions.next(SCHEDULED, ExecutionEvent.SCHEDULE_DUE)).contains(PENDING);
        assertThat(ExecutionTransitions.next(SCHEDULED, ExecutionEvent.QUEUED)).contains(QUEUED);
        assertThat(ExecutionTransitions.next(QUEUED, ExecutionEvent.DEQUEUED)).contains(PENDING);
    }

    @Test
    void a_pending_execution_that_can_never_run_ends_failed() {
        assertThat(ExecutionTransitions.next(PENDING, ExecutionEvent.FAILED)).contains(FAILED);
    }

    @Test
    void a_run_ends_terminated_or_failed() {
        assertThat(ExecutionTransitions.next(STARTED, ExecutionEvent.SUCCEEDED)).contains(TERMINATED);
        assertThat(ExecutionTransitions.next(STARTED, ExecutionEvent.FAILED)).contains(FAILED);
    }

    @Test
    void cancel_of_a_queued_execution_ends_cancelled_at_once() {
        assertThat(ExecutionTransitions.next(QUEUED, ExecutionEvent.CANCEL_REQUESTED)).contains(CANCELLED);
        assertThat(ExecutionTransitions.next(SCHEDULED, ExecutionEvent.CANCEL_REQUESTED)).contains(CANCELLED);
    }

    @Test
    void cancel_of_a_running_execution_waits_in_cancelling_until_the_run_stops() {
        assertThat(ExecutionTransitions.next(STARTED, ExecutionEvent.CANCEL_REQUESTED)).contains(CANCELLING);
        assertThat(ExecutionTransitions.next(CANCELLING, ExecutionEvent.STOPPED_AFTER_CANCEL)).contains(CANCELLED);
    }

    @Test
    void a_cancel_cannot_be_repeated_but_can_be_escalated_to_force_cancel_and_kill() {
        assertThat(ExecutionTransitions.next(CANCELLING, ExecutionEvent.CANCEL_REQUESTED)).isEmpty();
        assertThat(ExecutionTransitions.next(CANCELLING, ExecutionEvent.FORCE_CANCEL_REQUESTED)).contains(FORCE_CANCELLING);
        assertThat(ExecutionTransitions.next(FORCE_CANCELLING, ExecutionEvent.FORCE_CANCEL_REQUESTED)).isEmpty();
        assertThat(ExecutionTransitions.next(FORCE_CANCELLING, ExecutionEvent.KILL_REQUESTED)).contains(KILL_CANCELLING);
    }

    @Test
    void a_cancelling_execution_does_not_fall_back_to_a_milder_cancel() {
        assertThat(ExecutionTransitions.next(FORCE_CANCELLING, ExecutionEvent.CANCEL_REQUESTED)).isEmpty();
        assertThat(ExecutionTransitions.next(KILL_CANCELLING, ExecutionEvent.CANCEL_REQUESTED)).isEmpty();
        assertThat(ExecutionTransitions.next(KILL_CANCELLING, ExecutionEvent.FORCE_CANCEL_REQUESTED)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ExecutionStatus.class)
    void kill_is_allowed_from_every_status(ExecutionStatus from) {
        assertThat(ExecutionTransitions.next(from, ExecutionEvent.KILL_REQUESTED)).isPresent();
    }

    @Test
    void kill_of_a_terminated_execution_keeps_it_terminated() {
        assertThat(ExecutionTransitions.next(TERMINATED, ExecutionEvent.KILL_REQUESTED)).contains(TERMINATED);
        assertThat(ExecutionTransitions.next(FAILED, ExecutionEvent.KILL_REQUESTED)).contains(FAILED);
        assertThat(ExecutionTransitions.next(CANCELLED, ExecutionEvent.KILL_REQUESTED)).contains(CANCELLED);
    }

    @Test
    void repeating_a_kill_while_killing_is_a_no_op() {
        assertThat(ExecutionTransitions.next(KILL_CANCELLING, ExecutionEvent.KILL_REQUESTED)).contains(KILL_CANCELLING);
    }

    @Test
    void kill_of_a_waiting_execution_ends_it_cancelled_at_once() {
        assertThat(ExecutionTransitions.next(QUEUED, ExecutionEvent.KILL_REQUESTED)).contains(CANCELLED);
        assertThat(ExecutionTransitions.next(SCHEDULED, ExecutionEvent.KILL_REQUESTED)).contains(CANCELLED);
    }

    @Test
    void a_failed_or_cancelled_execution_resumes_to_pending() {
        for (ExecutionStatus from : Set.of(FAILED, CANCELLED)) {
            assertThat(ExecutionTransitions.next(from, ExecutionEvent.RESUMED)).contains(PENDING);
            assertThat(ExecutionTransitions.next(from, ExecutionEvent.FORCE_RESUMED)).contains(PENDING);
        }
    }

    @Test
    void a_failed_or_cancelled_member_of_a_resumed_group_goes_back_in_line() {
        for (ExecutionStatus from : Set.of(FAILED, CANCELLED)) {
            assertThat(ExecutionTransitions.next(from, ExecutionEvent.RESUMED_IN_GROUP)).contains(QUEUED);
        }
        assertThat(ExecutionTransitions.next(TERMINATED, ExecutionEvent.RESUMED_IN_GROUP)).isEmpty();
        assertThat(ExecutionTransitions.next(STARTED, ExecutionEvent.RESUMED_IN_GROUP)).isEmpty();
    }

    @Test
    void a_started_execution_can_be_resumed_but_not_force_resumed() {
        assertThat(ExecutionTransitions.next(STARTED, ExecutionEvent.RESUMED)).contains(PENDING);
        assertThat(ExecutionTransitions.next(STARTED, ExecutionEvent.FORCE_RESUMED)).isEmpty();
    }

    @Test
    void a_completed_execution_cannot_be_resumed() {
        assertThat(ExecutionTransitions.next(TERMINATED, ExecutionEvent.RESUMED)).isEmpty();
        assertThat(ExecutionTransitions.next(TERMINATED, ExecutionEvent.FORCE_RESUMED)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"TERMINATED", "FAILED", "CANCELLED"})
    void an_ended_execution_is_left_only_by_resume_or_kill(ExecutionStatus ended) {
        Set<ExecutionEvent> exits = EnumSet.noneOf(ExecutionEvent.class);
        ExecutionTransitions.rows().stream().filter(row -> row.from() == ended).map(Row::event).forEach(exits::add);

        assertThat(exits).isSubsetOf(ExecutionEvent.RESUMED, ExecutionEvent.FORCE_RESUMED,
                ExecutionEvent.RESUMED_IN_GROUP, ExecutionEvent.KILL_REQUESTED);
    }

    @Test
    void an_operation_reporting_success_after_a_kill_changes_nothing() {
        assertThat(ExecutionTransitions.isLateReport(CANCELLED, ExecutionEvent.SUCCEEDED)).isTrue();
        assertThat(ExecutionTransitions.next(CANCELLED, ExecutionEvent.SUCCEEDED)).isEmpty();
    }

    @Test
    void every_status_is_reachable_from_where_executions_are_created() {
        assertThat(reachableFrom(ExecutionTransitions.initialStatuses()))
                .containsExactlyInAnyOrder(ExecutionStatus.values());
    }

    @ParameterizedTest
    @EnumSource(ExecutionStatus.class)
    void every_status_can_reach_an_end_state(ExecutionStatus from) {
        assertThat(reachableFrom(Set.of(from))).containsAnyElementsOf(ExecutionStatus.END);
    }

    private static Set<ExecutionStatus> reachableFrom(Set<ExecutionStatus> starts) {
        Set<ExecutionStatus> seen = EnumSet.copyOf(starts);
        Deque<ExecutionStatus> todo = new ArrayDeque<>(starts);
        while (!todo.isEmpty()) {
            ExecutionStatus from = todo.pop();
            ExecutionTransitions.rows().stream().filter(row -> row.from() == from).map(Row::to)
                    .filter(seen::add).forEach(todo::push);
        }
        return seen;
    }
}
