package io.steward.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.tenancy.error.Problem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IllegalTransitionExceptionTest {

    @Test
    void a_refused_cancel_is_an_illegal_action_with_cloudifys_message() {
        IllegalTransitionException refused = new IllegalTransitionException("e1", ExecutionStatus.TERMINATED,
                ExecutionEvent.CANCEL_REQUESTED);

        assertThat(refused.problem()).isEqualTo(Problem.ILLEGAL_ACTION);
        assertThat(refused).hasMessage("Can't cancel execution e1 because it's in status terminated");
    }

    @Test
    void a_refused_force_cancel_is_an_illegal_action_with_cloudifys_message() {
        IllegalTransitionException refused = new IllegalTransitionException("e1", ExecutionStatus.FORCE_CANCELLING,
                ExecutionEvent.FORCE_CANCEL_REQUESTED);

        assertThat(refused.problem()).isEqualTo(Problem.ILLEGAL_ACTION);
        assertThat(refused).hasMessage("Can't force-cancel execution e1 because it's in status force_cancelling");
    }

    @Test
    void a_refused_resume_is_a_conflict_with_cloudifys_message() {
        IllegalTransitionException refused = new IllegalTransitionException("e1", ExecutionStatus.TERMINATED,
                ExecutionEvent.RESUMED);

        assertThat(refused.problem()).isEqualTo(Problem.CONFLICT);
        assertThat(refused).hasMessage("Cannot resume execution: `e1` in state: `terminated`");
    }

    @Test
    void a_refused_force_resume_is_a_conflict_with_cloudifys_message() {
        IllegalTransitionException refused = new IllegalTransitionException("e1", ExecutionStatus.STARTED,
                ExecutionEvent.FORCE_RESUMED);

        assertThat(refused.problem()).isEqualTo(Problem.CONFLICT);
        assertThat(refused).hasMessage("Cannot force-resume execution: `e1` in state: `started`");
    }

    @Test
    void require_raises_cloudifys_refusal_for_a_user_action() {
        assertThatThrownBy(() -> ExecutionTransitions.require("e2", ExecutionStatus.CANCELLING,
                ExecutionEvent.CANCEL_REQUESTED))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("Can't cancel execution e2 because it's in status cancelling");
    }

    @Test
    void another_refused_event_names_the_execution_its_status_the_event_and_where_the_event_applies() {
        IllegalTransitionException refused = new IllegalTransitionException("e1", ExecutionStatus.QUEUED,
                ExecutionEvent.STARTED);

        assertThat(refused.problem()).isEqualTo(Problem.ILLEGAL_ACTION);
        assertThat(refused).hasMessage(
                "Execution e1 is in status queued, where event started does not apply (it applies from: pending)");
    }

    @Test
    void the_recent_history_explains_how_the_execution_got_there() {
        TransitionHistoryEntry started = TransitionHistoryEntry.of(
                new ExecutionTransitions.Row(ExecutionStatus.PENDING, ExecutionEvent.STARTED, ExecutionStatus.STARTED),
                Instant.parse("2024-08-12T15:16:13Z"), "runner");
        TransitionHistoryEntry killed = new TransitionHistoryEntry(ExecutionStatus.STARTED,
                ExecutionStatus.KILL_CANCELLING, ExecutionEvent.KILL_REQUESTED, Instant.parse("2024-08-12T15:17:00Z"),
                "alice");

        IllegalTransitionException refused = new IllegalTransitionException("e1", ExecutionStatus.KILL_CANCELLING,
                ExecutionEvent.SUCCEEDED, List.of(started, killed));

        assertThat(refused.history()).containsExactly(started, killed);
        assertThat(refused).hasMessage("Execution e1 is in status kill_cancelling, where event succeeded does not"
                + " apply (it applies from: started); recent history:"
                + " pending -> started on started at 2024-08-12T15:16:13Z by runner;"
                + " started -> kill_cancelling on kill_requested at 2024-08-12T15:17:00Z by alice");
    }
}
