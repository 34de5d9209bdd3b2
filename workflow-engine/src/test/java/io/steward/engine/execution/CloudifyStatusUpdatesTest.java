package io.steward.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Cloudify's PATCH rule over every (from × to) pair, against a grid written out independently of the production table. */
class CloudifyStatusUpdatesTest {

    /**
     * Rows: current status; columns: target status, in the same order (terminated, failed, cancelled, pending,
     * started, cancelling, force_cancelling, kill_cancelling, queued, scheduled). {@code Y} = accepted.
     */
    private static final String EXPECTED_GRID = """
                              term fail canc pend strt cncl fcnc kcnc queu sche
            terminated         Y    .    .    .    .    .    .    .    .    .
            failed             .    Y    .    .    .    .    .    .    .    .
            cancelled          .    .    Y    .    .    .    .    .    .    .
            pending            Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
            started            Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
            cancelling         .    Y    Y    .    .    Y    .    .    Y    Y
            force_cancelling   .    Y    Y    .    .    .    Y    .    Y    Y
            kill_cancelling    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
            queued             Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
            scheduled          Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
            """;

    private static final ExecutionStatus[] COLUMNS = {ExecutionStatus.TERMINATED, ExecutionStatus.FAILED,
            ExecutionStatus.CANCELLED, ExecutionStatus.PENDING, ExecutionStatus.STARTED, ExecutionStatus.CANCELLING,
            ExecutionStatus.FORCE_CANCELLING, ExecutionStatus.KILL_CANCELLING, ExecutionStatus.QUEUED,
            ExecutionStatus.SCHEDULED};

    static Stream<Arguments> everyCurrentAndTargetStatus() {
        List<Arguments> cells = new ArrayList<>();
        EXPECTED_GRID.lines().skip(1).map(line -> line.trim().split("\\s+")).forEach(cellsOfRow -> {
            ExecutionStatus from = ExecutionStatus.ofWire(cellsOfRow[0]);
            for (int column = 0; column < COLUMNS.length; column++) {
                cells.add(Arguments.of(from, COLUMNS[column], cellsOfRow[column + 1].equals("Y")));
            }
        });
        return cells.stream();
    }

    @Test
    void the_grid_covers_every_pair_once() {
        assertThat(everyCurrentAndTargetStatus().map(arguments -> List.of(arguments.get()[0], arguments.get()[1])))
                .hasSize(ExecutionStatus.values().length * ExecutionStatus.values().length)
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyCurrentAndTargetStatus")
    void cloudify_patch_accepts_exactly_what_cloudify_accepts(ExecutionStatus from, ExecutionStatus to,
            boolean accepted) {
        assertThat(CloudifyStatusUpdates.allows(from, to)).isEqualTo(accepted);
        if (accepted) {
            assertThatCode(() -> CloudifyStatusUpdates.requireAllowed("e1", "install", from, to))
                    .doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> CloudifyStatusUpdates.requireAllowed("e1", "install", from, to))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            refused -> assertThat(refused.problem()).isEqualTo(Problem.ILLEGAL_STATUS_UPDATE));
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionStatus.class)
    void patching_a_status_to_itself_is_always_accepted(ExecutionStatus status) {
        assertThat(CloudifyStatusUpdates.allows(status, status)).isTrue();
    }

    @Test
    void a_refused_patch_gives_cloudifys_exact_message() {
        assertThatThrownBy(() -> CloudifyStatusUpdates.requireAllowed("9f1c", "uninstall",
                ExecutionStatus.CANCELLING, ExecutionStatus.TERMINATED))
                .hasMessage("Invalid relationship - can't change status from cancelling to terminated for \"9f1c\""
                        + " execution while running \"uninstall\" workflow.");
    }

    @Test
    void a_finished_execution_cannot_be_patched_back_to_running() {
        assertThat(CloudifyStatusUpdates.allows(ExecutionStatus.TERMINATED, ExecutionStatus.STARTED)).isFalse();
        assertThat(CloudifyStatusUpdates.allows(ExecutionStatus.CANCELLED, ExecutionStatus.PENDING)).isFalse();
    }

    @Test
    void cloudify_patch_is_more_permissive_than_the_lifecycle() {
        assertThat(CloudifyStatusUpdates.allows(ExecutionStatus.QUEUED, ExecutionStatus.TERMINATED)).isTrue();
        assertThat(ExecutionTransitions.sourcesOf(ExecutionEvent.SUCCEEDED)).doesNotContain(ExecutionStatus.QUEUED);
    }
}
