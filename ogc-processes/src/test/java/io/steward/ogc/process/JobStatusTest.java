package io.steward.ogc.process;

import io.steward.engine.execution.ExecutionStatus;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one mapping from the engine's ten execution statuses to OGC's five job statuses, every row of it. */
class JobStatusTest {

    @Test
    void every_execution_status_maps_to_its_job_status() {
        Map<ExecutionStatus, JobStatus> expected = new EnumMap<>(ExecutionStatus.class);
        expected.put(ExecutionStatus.PENDING, JobStatus.ACCEPTED);
        expected.put(ExecutionStatus.QUEUED, JobStatus.ACCEPTED);
        expected.put(ExecutionStatus.SCHEDULED, JobStatus.ACCEPTED);
        expected.put(ExecutionStatus.STARTED, JobStatus.RUNNING);
        expected.put(ExecutionStatus.CANCELLING, JobStatus.RUNNING);
        expected.put(ExecutionStatus.FORCE_CANCELLING, JobStatus.RUNNING);
        expected.put(ExecutionStatus.KILL_CANCELLING, JobStatus.RUNNING);
        expected.put(ExecutionStatus.TERMINATED, JobStatus.SUCCESSFUL);
        expected.put(ExecutionStatus.FAILED, JobStatus.FAILED);
        expected.put(ExecutionStatus.CANCELLED, JobStatus.DISMISSED);
        assertThat(expected).hasSize(ExecutionStatus.values().length);
        expected.forEach((execution, job) -> assertThat(JobStatus.of(execution)).as(execution.wire()).isEqualTo(job));
    }

    @Test
    void only_end_states_of_the_engine_are_final_job_states() {
        for (ExecutionStatus status : ExecutionStatus.values()) {
            assertThat(JobStatus.of(status).isFinal()).as(status.wire()).isEqualTo(status.isEnd());
        }
    }
}
