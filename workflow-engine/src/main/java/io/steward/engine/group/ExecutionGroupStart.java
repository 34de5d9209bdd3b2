package io.steward.engine.group;

import java.util.Map;

/**
 * A request to run {@code workflowId} on every member of {@code deploymentGroupId}: each member's parameters are
 * {@code defaultParameters} overlaid by {@code parameters.get(deploymentId)}. With {@code failFast}, the first member
 * that fails cancels the members still queued.
 */
public record ExecutionGroupStart(String deploymentGroupId, String workflowId, boolean force,
                                  Map<String, Object> defaultParameters, Map<String, Map<String, Object>> parameters,
                                  int concurrency, boolean failFast) {
    /** Cloudify's client default. */
    public static final int DEFAULT_CONCURRENCY = 5;
}
