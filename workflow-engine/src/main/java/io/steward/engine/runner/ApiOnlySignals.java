package io.steward.engine.runner;

import io.micronaut.context.annotation.Requires;
import io.steward.engine.execution.ExecutionSignals;
import jakarta.inject.Singleton;

/**
 * The signals of a server whose engine is switched off ({@code steward.engine.enabled=false}): executions are stored
 * and changed through the API, and nothing here runs them.
 */
@Singleton
@Requires(property = "steward.engine.enabled", value = "false")
class ApiOnlySignals implements ExecutionSignals {
    @Override
    public void workAvailable() {
        // No runner on this server.
    }

    @Override
    public void stop(String executionId, StopMode mode) {
        // No runner on this server.
    }
}
