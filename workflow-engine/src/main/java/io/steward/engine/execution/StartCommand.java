package io.steward.engine.execution;

import java.time.Instant;
import java.util.Map;

/**
 * A request to run a workflow, as both APIs make it. {@code scheduledTime} null means now; {@code queue} lets a busy
 * deployment queue the execution instead of refusing it; {@code force} runs it beside other active executions.
 */
public record StartCommand(String deploymentId, String workflowId, Map<String, Object> parameters,
                           boolean allowCustomParameters, boolean force, boolean dryRun, boolean queue,
                           Instant scheduledTime, int waitAfterFailSeconds) {
    public static final int DEFAULT_WAIT_AFTER_FAIL = 600;

    public static StartCommand of(String deploymentId, String workflowId, Map<String, Object> parameters) {
        return new StartCommand(deploymentId, workflowId, parameters, false, false, false, false, null,
                DEFAULT_WAIT_AFTER_FAIL);
    }
}
