package io.steward.engine.deployment;

/**
 * Lets other parts of the engine refuse a deployment's deletion (executions still running, for example) and clean up
 * what they keep for it once it is gone.
 */
public interface DeploymentGuard {
    /** Throws when deployment {@code deploymentId} must not be deleted now. */
    void checkDeletable(String deploymentId);

    /** Called in the deleting transaction, after the deployment's own rows are gone. */
    default void deleted(String deploymentId) {
    }
}
