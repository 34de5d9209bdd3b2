package io.steward.engine.deployment;

import io.steward.tenancy.scope.Visibility;

import java.time.Instant;
import java.util.Map;

/**
 * A deployment: a blueprint instantiated with inputs. {@code workflows} and {@code outputs} are copied from the
 * blueprint when the deployment is made (workflow name to its mapping and declared parameters; output name to its
 * raw definition), so the deployment keeps its own view even if the blueprint's archive is replaced later.
 */
public record Deployment(String id, String tenantName, Visibility visibility, String createdBy, Instant createdAt,
                         Instant updatedAt, String blueprintId, String displayName, String description,
                         Map<String, Object> inputs, Map<String, Object> workflows, Map<String, Object> outputs,
                         String installationStatus) {
    public static final String INACTIVE = "inactive";
    public static final String ACTIVE = "active";
}
