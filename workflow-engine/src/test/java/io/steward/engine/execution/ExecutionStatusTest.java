package io.steward.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutionStatusTest {

    @Test
    void each_status_carries_cloudifys_wire_value_in_cloudifys_order() {
        assertThat(Arrays.stream(ExecutionStatus.values()).map(ExecutionStatus::wire)).containsExactly(
                "terminated", "failed", "cancelled", "pending", "started", "cancelling", "force_cancelling",
                "kill_cancelling", "queued", "scheduled");
    }

    @Test
    void end_waiting_and_active_are_cloudifys_sets() {
        assertThat(ExecutionStatus.END).containsExactlyInAnyOrder(
                ExecutionStatus.TERMINATED, ExecutionStatus.FAILED, ExecutionStatus.CANCELLED);
        assertThat(ExecutionStatus.WAITING).containsExactlyInAnyOrder(ExecutionStatus.QUEUED, ExecutionStatus.SCHEDULED);
        assertThat(ExecutionStatus.ACTIVE).containsExactlyInAnyOrder(ExecutionStatus.PENDING, ExecutionStatus.STARTED,
                ExecutionStatus.CANCELLING, ExecutionStatus.FORCE_CANCELLING, ExecutionStatus.KILL_CANCELLING);
    }

    @ParameterizedTest
    @EnumSource(ExecutionStatus.class)
    void every_status_has_exactly_one_classification_and_is_in_its_set(ExecutionStatus status) {
        assertThat(Arrays.asList(status.isEnd(), status.isWaiting(), status.isActive())).containsOnlyOnce(true);
        assertThat(ExecutionStatus.END.contains(status)).isEqualTo(status.isEnd());
        assertThat(ExecutionStatus.WAITING.contains(status)).isEqualTo(status.isWaiting());
        assertThat(ExecutionStatus.ACTIVE.contains(status)).isEqualTo(status.isActive());
    }

    @Test
    void the_sets_cannot_be_changed_by_a_caller() {
        assertThatThrownBy(() -> ExecutionStatus.END.add(ExecutionStatus.PENDING))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @EnumSource(ExecutionStatus.class)
    void a_wire_value_reads_back_as_its_status(ExecutionStatus status) {
        assertThat(ExecutionStatus.ofWire(status.wire())).isEqualTo(status);
    }

    @Test
    void terminated_displays_as_completed_and_every_other_status_as_itself() {
        assertThat(ExecutionStatus.TERMINATED.display()).isEqualTo("completed");
        Arrays.stream(ExecutionStatus.values()).filter(status -> status != ExecutionStatus.TERMINATED)
                .forEach(status -> assertThat(status.display()).isEqualTo(status.wire()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "running", "Pending", "TERMINATED", "completed", " started"})
    void an_unknown_wire_value_is_refused_naming_the_valid_ones(String wire) {
        assertThatThrownBy(() -> ExecutionStatus.ofWire(wire))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        refused -> assertThat(refused.problem()).isEqualTo(Problem.INVALID_INPUT))
                .hasMessage("Unknown execution status '" + wire + "'. Valid statuses are: terminated, failed,"
                        + " cancelled, pending, started, cancelling, force_cancelling, kill_cancelling, queued,"
                        + " scheduled");
    }
}
