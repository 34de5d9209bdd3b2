package io.steward.engine.runner;

import io.micronaut.context.annotation.Requires;
import io.steward.engine.execution.ExecutionSignals;
import io.steward.tenancy.store.DatabaseNotices;
import jakarta.inject.Singleton;

/**
 * The signals of a server whose engine is switched off ({@code steward.engine.enabled=false}): executions are stored
 * and changed through the API, and nothing here runs them. Stops are passed on to the servers that do, as
 * {@link EngineRunner} passes on those it cannot act on itself.
 */
@Singleton
@Requires(property = "steward.engine.enabled", value = "false")
class ApiOnlySignals implements ExecutionSignals {
    private final DatabaseNotices notices;
    private final String nodeId;

    ApiOnlySignals(DatabaseNotices notices, RunnerIdentity identity) {
        this.notices = notices;
        this.nodeId = identity.nodeId();
    }

    @Override
    public void workAvailable() {
        // No runner on this server; the others find new work within one round.
    }

    @Override
    public void stop(String executionId, StopMode mode) {
        notices.publish(EngineRunner.STOP_CHANNEL, nodeId + " " + mode + " " + executionId);
    }
}
