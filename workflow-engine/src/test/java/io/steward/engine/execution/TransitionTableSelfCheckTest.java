package io.steward.engine.execution;

import static io.steward.engine.execution.ExecutionStatus.CANCELLED;
import static io.steward.engine.execution.ExecutionStatus.FAILED;
import static io.steward.engine.execution.ExecutionStatus.PENDING;
import static io.steward.engine.execution.ExecutionStatus.STARTED;
import static io.steward.engine.execution.ExecutionStatus.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The checks the table runs on itself while the class loads, fed deliberately broken tables. */
class TransitionTableSelfCheckTest {

    @Test
    void listing_the_same_status_and_event_twice_breaks_the_table() {
        ExecutionTransitions.Builder builder = ExecutionTransitions.builder()
                .row(PENDING, ExecutionEvent.STARTED, STARTED);

        assertThatThrownBy(() -> builder.row(PENDING, ExecutionEvent.STARTED, FAILED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Duplicated transition from pending on started: listed as → started and again as → failed");
    }

    @Test
    void listing_the_same_row_twice_also_breaks_the_table() {
        ExecutionTransitions.Builder builder = ExecutionTransitions.builder()
                .row(STARTED, ExecutionEvent.SUCCEEDED, TERMINATED);

        assertThatThrownBy(() -> builder.row(STARTED, ExecutionEvent.SUCCEEDED, TERMINATED))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Duplicated transition");
    }

    static Stream<Arguments> waysOutOfAnEndStateThatAreNotResumeOrKill() {
        Map<ExecutionStatus, Set<ExecutionEvent>> allowed = Map.of(
                TERMINATED, Set.of(ExecutionEvent.KILL_REQUESTED),
                FAILED, Set.of(ExecutionEvent.KILL_REQUESTED, ExecutionEvent.RESUMED, ExecutionEvent.FORCE_RESUMED,
                        ExecutionEvent.RESUMED_IN_GROUP),
                CANCELLED, Set.of(ExecutionEvent.KILL_REQUESTED, ExecutionEvent.RESUMED, ExecutionEvent.FORCE_RESUMED,
                        ExecutionEvent.RESUMED_IN_GROUP));
        List<Arguments> illegal = new ArrayList<>();
        allowed.forEach((ended, exits) -> Stream.of(ExecutionEvent.values()).filter(event -> !exits.contains(event))
                .forEach(event -> illegal.add(Arguments.of(ended, event))));
        return illegal.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("waysOutOfAnEndStateThatAreNotResumeOrKill")
    void leaving_an_end_state_other_than_by_resume_or_kill_breaks_the_table(ExecutionStatus ended, ExecutionEvent event) {
        assertThatThrownBy(() -> ExecutionTransitions.builder().row(ended, event, PENDING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Transition from end state " + ended.wire() + " on " + event.label()
                        + " is not allowed");
    }

    @Test
    void resuming_a_completed_execution_cannot_be_listed() {
        assertThatThrownBy(() -> ExecutionTransitions.builder().row(TERMINATED, ExecutionEvent.RESUMED, PENDING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Transition from end state terminated on resumed is not allowed:"
                        + " terminated may be left only on kill_requested");
    }

    @Test
    void a_kill_that_rewrites_an_ended_execution_breaks_the_table() {
        assertThatThrownBy(() -> ExecutionTransitions.builder().row(TERMINATED, ExecutionEvent.KILL_REQUESTED, CANCELLED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Kill of an ended execution must keep its status terminated, not move it to cancelled");
    }

    @Test
    void a_table_that_respects_the_rules_builds_and_answers() {
        ExecutionTransitions.Table table = ExecutionTransitions.builder()
                .row(PENDING, ExecutionEvent.STARTED, STARTED)
                .row(STARTED, ExecutionEvent.FAILED, FAILED)
                .row(FAILED, ExecutionEvent.RESUMED, PENDING)
                .row(FAILED, ExecutionEvent.KILL_REQUESTED, FAILED)
                .build();

        assertThat(table.next(FAILED, ExecutionEvent.RESUMED)).contains(PENDING);
        assertThat(table.next(FAILED, ExecutionEvent.FORCE_RESUMED)).isEmpty();
        assertThat(table.sourcesOf(ExecutionEvent.STARTED)).containsExactly(PENDING);
        assertThat(table.rows()).hasSize(4);
    }
}
