package io.steward.engine.group;

import io.steward.tenancy.scope.Visibility;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A named set of deployments of one tenant, with defaults for deployments made from it. Members are static. */
public record DeploymentGroup(String id, String tenantName, Visibility visibility, String createdBy,
                              Instant createdAt, String description, String defaultBlueprintId,
                              Map<String, Object> defaultInputs, List<String> deploymentIds) {
}
