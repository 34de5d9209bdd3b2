package io.steward.engine.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One instance of a node. {@code state} follows Cloudify's lifecycle (uninitialized … started … deleted);
 * {@code relationships} lists {@code {target_id, target_name, type}} per related target instance; {@code version}
 * grows on every change, for optimistic updates.
 */
public record NodeInstance(String id, String nodeId, String deploymentId, String tenantName, String visibility,
                           String createdBy, Instant createdAt, String state, Map<String, Object> runtimeProperties,
                           List<Map<String, Object>> relationships, String hostId, int index, int version) {
    public static final String UNINITIALIZED = "uninitialized";
    public static final String DELETED = "deleted";

    /** True when the instance exists on the infrastructure: anything but never-installed or already removed. */
    public boolean isLive() {
        return !UNINITIALIZED.equals(state) && !DELETED.equals(state);
    }
}
