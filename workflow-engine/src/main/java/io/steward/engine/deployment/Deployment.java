package io.steward.engine.deployment;

import io.steward.tenancy.scope.Visibility;

import java.time.Instant;
import java.util.Map;

/**
 * A deployment: a blueprint instantiated with inputs. {@code workflows}, {@code outputs} and {@code capabilities} are
 * copied from the blueprint when the deployment is made (workflow name to its mapping and declared parameters; output
 * or capability name to its raw definition {@code {value, description}}), so the deployment keeps its own view even
 * if the blueprint's archive is replaced later.
 */
public record Deployment(String id, String tenantName, Visibility visibility, String createdBy, Instant createdAt,
                         Instant updatedAt, String blueprintId, String displayName, String description,
                         Map<String, Object> inputs, Map<String, Object> workflows, Map<String, Object> outputs,
                         Map<String, Object> capabilities, String installationStatus) {
    public static final String INACTIVE = "inactive";
    public static final String ACTIVE = "active";
}
