package io.steward.engine.deployment;

import io.steward.tenancy.scope.Visibility;

import java.time.Instant;
import java.util.Map;

/**
 * A deployment: a blueprint instantiated with inputs. {@code workflows}, {@code outputs} and {@code capabilities} are
 * copied from the blueprint when the deployment is made (workflow name to its mapping and declared parameters; output
 * or capability name to its raw definition {@code {value, description}}), so the deployment keeps its own view even
 * if the blueprint's archive is replaced later. {@code siteName} is the site it is in (null: none);
 * {@code scalingGroups} the blueprint's scaling groups, {@code {group: {members, properties}}}.
 */
public record Deployment(String id, String tenantName, Visibility visibility, String createdBy, Instant createdAt,
                         Instant updatedAt, String blueprintId, String displayName, String description,
                         Map<String, Object> inputs, Map<String, Object> workflows, Map<String, Object> outputs,
                         Map<String, Object> capabilities, String installationStatus, String siteName,
                         Map<String, Object> scalingGroups) {
    public static final String INACTIVE = "inactive";
    public static final String ACTIVE = "active";

    /**
     * As Cloudify after every execution of a deployment: installed ({@code active}) when every node instance is
     * {@code started}, else {@code inactive}.
     */
    public static String installationStatusOf(java.util.Collection<NodeInstance> instances) {
        return instances.stream().allMatch(i -> "started".equals(i.state())) ? ACTIVE : INACTIVE;
    }
}
