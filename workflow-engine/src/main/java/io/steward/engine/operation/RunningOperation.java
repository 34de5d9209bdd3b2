package io.steward.engine.operation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An operation that was started. Every method is thread-safe: {@link #terminate()} and {@link #kill(Duration)} are
 * meant to be called from another thread while one waits in {@link #await()}.
 */
public interface RunningOperation {

    /** Blocks until the operation has ended. */
    OperationResult await() throws InterruptedException;

    /** Waits at most {@code max}; empty if the operation is still running. */
    Optional<OperationResult> await(Duration max) throws InterruptedException;

    /**
     * Force-cancel: sends SIGTERM to the operation's whole process tree (a built-in is interrupted) and returns at
     * once. The result becomes TERMINATED unless the operation had already ended. Harmless after the end.
     */
    void terminate();

    /**
     * Kill: SIGTERM to the whole process tree, SIGKILL to whatever is left after {@code grace}, and returns only when
     * every process of the tree is gone, or when {@code grace} plus 2 seconds have passed (what survived is then
     * named in the result's error and logged). After the operation has ended this still reaps processes the script
     * left running in the background. The result becomes TERMINATED unless the operation had already ended.
     *
     * @param grace null means the runner's default grace
     */
    void kill(Duration grace);

    /** Pids of the process tree as last seen, root first; empty for operations that run no process. */
    List<Long> pids();
}
