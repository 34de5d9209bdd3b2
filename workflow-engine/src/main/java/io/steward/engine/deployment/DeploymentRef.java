package io.steward.engine.deployment;

import io.steward.tenancy.scope.Visibility;

/** What a start needs of a deployment: who owns it and its blueprint, without its JSON payloads. */
public record DeploymentRef(String id, String tenantName, Visibility visibility, String blueprintId) {
}
