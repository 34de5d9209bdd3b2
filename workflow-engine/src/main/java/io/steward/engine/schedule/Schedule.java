package io.steward.engine.schedule;

import java.time.Instant;
import java.util.Map;

/**
 * An execution schedule: {@code workflowId} runs on {@code deploymentId} at each occurrence of {@code rule} between
 * {@code since} and {@code until}. {@code nextOccurrence} is the one still to fire (null: none left);
 * {@code slip} is how many minutes late an occurrence may still fire.
 */
public record Schedule(String tenantName, String id, String deploymentId, String visibility, String createdBy,
                       Instant createdAt, String workflowId, Instant since, Instant until, ScheduleRule rule,
                       int slip, boolean stopOnFail, boolean enabled, Map<String, Object> parameters,
                       ExecutionArguments executionArguments, Instant nextOccurrence, String latestExecution) {

    /** How the executions it starts are started, as Cloudify stores them. */
    public record ExecutionArguments(boolean allowCustomParameters, boolean force, boolean dryRun,
                                     int waitAfterFail) {
        public Map<String, Object> render() {
            return Map.of("allow_custom_parameters", allowCustomParameters, "force", force, "is_dry_run", dryRun,
                    "wait_after_fail", waitAfterFail);
        }
    }
}
