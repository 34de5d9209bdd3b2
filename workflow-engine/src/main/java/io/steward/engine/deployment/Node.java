package io.steward.engine.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A node template as it stands in one deployment, with its properties evaluated against the deployment's inputs.
 * {@code operations} maps a full operation name to its definition; {@code relationships} lists the template's
 * relationships as plain maps (type, target_id, type_hierarchy, properties, source/target operations).
 */
public record Node(String id, String deploymentId, String blueprintId, String tenantName, String visibility,
                   String createdBy, Instant createdAt, String type, List<String> typeHierarchy,
                   Map<String, Object> properties, Map<String, Object> operations, List<Object> relationships,
                   String hostId, int numberOfInstances, int deployNumberOfInstances, int minNumberOfInstances,
                   int maxNumberOfInstances) {
}
