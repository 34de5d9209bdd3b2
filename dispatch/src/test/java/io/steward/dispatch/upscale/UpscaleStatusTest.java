package io.steward.dispatch.upscale;

import io.steward.dispatch.platform.RemoteStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.steward.dispatch.platform.RemoteStatus.CANCELED;
import static io.steward.dispatch.platform.RemoteStatus.CREATED;
import static io.steward.dispatch.platform.RemoteStatus.FAILED;
import static io.steward.dispatch.platform.RemoteStatus.FINISHED;
import static io.steward.dispatch.platform.RemoteStatus.QUEUED;
import static io.steward.dispatch.platform.RemoteStatus.RUNNING;
import static io.steward.dispatch.platform.RemoteStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class UpscaleStatusTest {

    private static RemoteStatus of(RemoteStatus... children) {
        return UpscaleStatus.of(List.of(children));
    }

    @Test
    void any_running_child_makes_the_task_running_whatever_the_others() {
        for (RemoteStatus other : RemoteStatus.values()) {
            assertThat(of(other, RUNNING)).as("running with %s", other).isEqualTo(RUNNING);
        }
    }

    @Test
    void all_failed_is_failed_and_all_canceled_is_canceled() {
        assertThat(of(FAILED)).isEqualTo(FAILED);
        assertThat(of(FAILED, FAILED, FAILED)).isEqualTo(FAILED);
        assertThat(of(CANCELED, CANCELED)).isEqualTo(CANCELED);
    }

    @Test
    void only_finished_and_failed_children_is_finished() {
        assertThat(of(FINISHED)).isEqualTo(FINISHED);
        assertThat(of(FINISHED, FAILED, FINISHED)).isEqualTo(FINISHED);
    }

    @Test
    void everything_else_is_created_even_a_queued_child_as_the_reference_does() {
        assertThat(of()).isEqualTo(CREATED);
        assertThat(of(QUEUED)).isEqualTo(CREATED);
        assertThat(of(FINISHED, QUEUED)).isEqualTo(CREATED);
        assertThat(of(FINISHED, CANCELED)).isEqualTo(CREATED);
        assertThat(of(FAILED, CANCELED)).isEqualTo(CREATED);
        assertThat(of(CREATED, FINISHED)).isEqualTo(CREATED);
        assertThat(of(UNKNOWN)).isEqualTo(CREATED);
        assertThat(of(FINISHED, UNKNOWN)).isEqualTo(CREATED);
    }

    @Test
    void every_pair_of_child_statuses_gives_one_of_the_rules_answers() {
        for (RemoteStatus a : RemoteStatus.values()) {
            for (RemoteStatus b : RemoteStatus.values()) {
                RemoteStatus task = of(a, b);
                RemoteStatus expected;
                if (a == RUNNING || b == RUNNING) {
                    expected = RUNNING;
                } else if (a == FAILED && b == FAILED) {
                    expected = FAILED;
                } else if (a == CANCELED && b == CANCELED) {
                    expected = CANCELED;
                } else if ((a == FINISHED || a == FAILED) && (b == FINISHED || b == FAILED)) {
                    expected = FINISHED;
                } else {
                    expected = CREATED;
                }
                assertThat(task).as("%s + %s", a, b).isEqualTo(expected);
                assertThat(of(b, a)).as("order does not matter").isEqualTo(task);
            }
        }
    }
}
