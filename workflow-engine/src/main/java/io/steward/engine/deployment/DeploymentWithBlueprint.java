package io.steward.engine.deployment;

import io.steward.engine.blueprint.Blueprint;

/**
 * What a start needs: the deployment's owner and its blueprint's record without the stored plan (the parsed plan is
 * cached by the blueprint's tenant, id and upload time), read together in one statement.
 */
public record DeploymentWithBlueprint(DeploymentRef deployment, Blueprint blueprint) {
}
