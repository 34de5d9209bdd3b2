package io.steward.engine.execution;

/**
 * How the use-case services tell the runner that something happened, without depending on it. The runner
 * implements this; on a cluster it also learns the same from the database.
 */
public interface ExecutionSignals {
    /** New work may be claimable: an execution was created, dequeued or resumed. */
    void workAvailable();

    /** Stop execution {@code id}: what that means depends on {@code mode}. */
    void stop(String executionId, StopMode mode);

    /** How hard to stop an execution. */
    enum StopMode {
        /** No new tasks start; running tasks finish. */
        CANCEL,
        /** Running operations are sent SIGTERM; the execution ends at once. */
        FORCE,
        /** Running operations' process trees are sent SIGTERM, then SIGKILL after the grace period. */
        KILL
    }
}
