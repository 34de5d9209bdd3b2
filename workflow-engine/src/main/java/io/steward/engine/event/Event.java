package io.steward.engine.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event ({@code type = cloudify_event}, with an {@code eventType}) or a log line ({@code type = cloudify_log},
 * with a {@code level} and {@code logger}) about an execution. {@code storageId} orders events that share a
 * timestamp.
 */
public record Event(long storageId, String tenantName, Instant timestamp, Instant reportedTimestamp, String type,
                    String eventType, String level, String logger, String message, String executionId,
                    String deploymentId, String blueprintId, String workflowId, String nodeId,
                    String nodeInstanceId, String operation, String sourceId, String targetId,
                    List<Map<String, Object>> errorCauses) {
    public static final String EVENT = "cloudify_event";
    public static final String LOG = "cloudify_log";
}
