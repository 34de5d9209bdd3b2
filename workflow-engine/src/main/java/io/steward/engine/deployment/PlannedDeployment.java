package io.steward.engine.deployment;

import io.steward.engine.blueprint.Blueprint;

/**
 * What a run plans from: the whole deployment and its blueprint's record without the stored plan (the parsed plan is
 * cached), read together in one statement.
 */
public record PlannedDeployment(Deployment deployment, Blueprint blueprint) {
}
