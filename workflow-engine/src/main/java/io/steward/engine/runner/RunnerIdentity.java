package io.steward.engine.runner;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * The name this runner writes as the owner of the executions it claims. Configured with
 * {@code steward.engine.node-id}; by default a fresh id per process, so a restarted server is a new owner and takes
 * over its predecessor's executions once their heartbeats are stale.
 */
@Singleton
public class RunnerIdentity {
    private final String nodeId;

    RunnerIdentity(@Value("${steward.engine.node-id:}") String configured) {
        this.nodeId = configured == null || configured.isBlank() ? UUID.randomUUID().toString() : configured;
    }

    public String nodeId() {
        return nodeId;
    }
}
