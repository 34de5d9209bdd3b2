package io.steward.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.engine.execution.ExecutionTransitions.Row;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (status × event) pair against an expected lifecycle written out independently of the production table.
 * Pairs not listed below must be refused.
 */
@ExtendWith(TransitionCoverage.class)
class ExecutionTransitionsTest {

    private static final String EXPECTED_LIFECYCLE = """
            queued            dequeued                pending
            scheduled         schedule_due            pending
            scheduled         queued                  queued
            pending           started                 started
            pending           failed                  failed
            started           succeeded               terminated
            started           failed                  failed
            pending           cancel_requested        cancelling
            started           cancel_requested        cancelling
            queued            cancel_requested        cancelled
            scheduled         cancel_requested        cancelled
            pending           force_cancel_requested  force_cancelling
            started           force_cancel_requested  force_cancelling
            cancelling        force_cancel_requested  force_cancelling
            queued            force_cancel_requested  cancelled
            scheduled         force_cancel_requested  cancelled
            pending           kill_requested          kill_cancelling
            started           kill_requested          kill_cancelling
            cancelling        kill_requested          kill_cancelling
            force_cancelling  kill_requested          kill_cancelling
            kill_cancelling   kill_requested          kill_cancelling
            queued            kill_requested          cancelled
            scheduled         kill_requested          cancelled
            terminated        kill_requested          terminated
            failed            kill_requested          failed
            cancelled         kill_requested          cancelled
            cancelling        stopped_after_cancel    cancelled
            force_cancelling  stopped_after_cancel    cancelled
            kill_cancelling   stopped_after_cancel    cancelled
            failed            resumed                 pending
            cancelled         resumed                 pending
            started           resumed                 pending
            failed            force_resumed           pending
            cancelled         force_resumed           pending
            failed            resumed_in_group        queued
            cancelled         resumed_in_group        queued
            """;

    private static final List<Row> EXPECTED = EXPECTED_LIFECYCLE.lines()
            .map(line -> line.trim().split("\\s+"))
            .map(cells -> new Row(ExecutionStatus.ofWire(cells[0]),
                    ExecutionEvent.valueOf(cells[1].toUpperCase(Locale.ROOT)), ExecutionStatus.ofWire(cells[2])))
            .toList();

    static Stream<Arguments> everyStatusAndEvent() {
        List<Arguments> pairs = new ArrayList<>();
        for (ExecutionStatus from : ExecutionStatus.values()) {
            for (ExecutionEvent event : ExecutionEvent.values()) {
                pairs.add(Arguments.of(from, event));
            }
        }
        return pairs.stream();
    }

    private static Optional<ExecutionStatus> expected(ExecutionStatus from, ExecutionEvent event) {
        return EXPECTED.stream().filter(row -> row.from() == from && row.event() == event).map(Row::to).findFirst();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyStatusAndEvent")
    void every_status_and_event_leads_exactly_where_the_lifecycle_says(ExecutionStatus from, ExecutionEvent event) {
        TransitionCoverage.matrixRunning();
        Optional<ExecutionStatus> expected = expected(from, event);

        assertThat(TransitionCoverage.next(from, event)).isEqualTo(expected);
        if (expected.isPresent()) {
            assertThat(ExecutionTransitions.require("x1", from, event)).isEqualTo(expected.get());
        } else {
            assertThatThrownBy(() -> ExecutionTransitions.require("x1", from, event))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, refused -> {
                        assertThat(refused.executionId()).isEqualTo("x1");
                        assertThat(refused.current()).isEqualTo(from);
                        assertThat(refused.event()).isEqualTo(event);
                    });
        }
    }

    @Test
    void the_expected_lifecycle_lists_each_status_and_event_once() {
        assertThat(EXPECTED.stream().map(row -> List.of(row.from(), row.event()))).doesNotHaveDuplicates();
        assertThat(ExecutionTransitions.rows()).containsExactlyInAnyOrderElementsOf(EXPECTED);
    }

    @ParameterizedTest
    @EnumSource(ExecutionEvent.class)
    void an_event_applies_exactly_from_the_statuses_that_have_a_row_for_it(ExecutionEvent event) {
        Set<ExecutionStatus> expected = EnumSet.noneOf(ExecutionStatus.class);
        EXPECTED.stream().filter(row -> row.event() == event).forEach(row -> expected.add(row.from()));

        assertThat(ExecutionTransitions.sourcesOf(event)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void a_cancel_is_applied_only_where_the_compare_and_set_update_may_find_it() {
        assertThat(ExecutionTransitions.sourcesOf(ExecutionEvent.CANCEL_REQUESTED)).containsExactlyInAnyOrder(
                ExecutionStatus.PENDING, ExecutionStatus.STARTED, ExecutionStatus.QUEUED, ExecutionStatus.SCHEDULED);
        assertThat(ExecutionTransitions.sourcesOf(ExecutionEvent.KILL_REQUESTED))
                .containsExactlyInAnyOrder(ExecutionStatus.values());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyStatusAndEvent")
    void only_reports_from_the_run_that_arrive_after_the_end_are_late(ExecutionStatus current, ExecutionEvent event) {
        Set<ExecutionEvent> runReports = EnumSet.of(ExecutionEvent.STARTED, ExecutionEvent.SUCCEEDED,
                ExecutionEvent.FAILED, ExecutionEvent.STOPPED_AFTER_CANCEL);
        Set<ExecutionStatus> ended = EnumSet.of(ExecutionStatus.TERMINATED, ExecutionStatus.FAILED,
                ExecutionStatus.CANCELLED);

        boolean late = ExecutionTransitions.isLateReport(current, event);

        assertThat(late).isEqualTo(ended.contains(current) && runReports.contains(event));
        if (late) {
            assertThat(ExecutionTransitions.next(current, event)).as("a late report is never a transition").isEmpty();
        }
    }

    @Test
    void the_coverage_guard_names_a_row_that_no_test_visited() {
        List<Row> rows = ExecutionTransitions.rows();
        Set<Row> allButFirst = Set.copyOf(rows.subList(1, rows.size()));

        assertThat(TransitionCoverage.unvisited(rows, allButFirst)).containsExactly(rows.get(0));
        assertThat(TransitionCoverage.unvisited(rows, Set.copyOf(rows))).isEmpty();
    }

    @Test
    void the_only_no_op_rows_are_a_repeated_kill_and_kills_after_the_end() {
        Map<ExecutionStatus, ExecutionEvent> noOps = ExecutionTransitions.rows().stream().filter(Row::isNoOp)
                .collect(Collectors.toMap(Row::from, Row::event));

        assertThat(noOps).containsOnlyKeys(ExecutionStatus.KILL_CANCELLING, ExecutionStatus.TERMINATED,
                ExecutionStatus.FAILED, ExecutionStatus.CANCELLED);
        assertThat(noOps.values()).containsOnly(ExecutionEvent.KILL_REQUESTED);
    }

    @Test
    void rows_cannot_be_changed_by_a_caller() {
        assertThatThrownBy(() -> ExecutionTransitions.rows().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ExecutionTransitions.sourcesOf(ExecutionEvent.STARTED).clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Stream.of(ExecutionEvent.values()).map(ExecutionTransitions::sourcesOf))
                .doesNotContainNull();
    }
}
