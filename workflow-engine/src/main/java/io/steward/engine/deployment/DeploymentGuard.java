package io.steward.engine.deployment;

/** Lets other parts of the engine refuse a deployment's deletion (executions still running, for example). */
public interface DeploymentGuard {
    /** Throws when deployment {@code deploymentId} must not be deleted now. */
    void checkDeletable(String deploymentId);
}
