package io.steward.engine.operation;

/**
 * What differs between the kinds of operation that run as a subprocess (a script, {@code steward.command},
 * {@code steward.docker}); everything else (process-tree tracking, signals, timeout, output pumps) is
 * {@link SubprocessOperation}'s.
 */
interface SubprocessRun {

    /** Names the operation in messages: {@code "Script scripts/create.sh"}, {@code "steward.command"}. */
    String subject();

    /** A word for thread names: {@code script}, {@code command}. */
    String kind();

    /** Non-negative: stdout is captured (up to this many bytes) instead of logged line by line. */
    default long stdoutCapture() {
        return -1;
    }

    /**
     * Reads what the process handed back and removes its files. Called exactly once after the process exited,
     * whatever the outcome, so it must also clean up after a terminated run.
     *
     * @param stdout what stdout held, when {@link #stdoutCapture()} asked for it; null otherwise
     */
    RunOutputs collect(OutputCapture.Captured stdout);

    /**
     * An extra step when the operation is stopped (terminate, kill, timeout), after its process tree was signalled:
     * a container, whose processes are not children of the CLI, is stopped here. May block for a few seconds.
     */
    default void stopping() {
    }

    /** Releases what was prepared when the process could not be started at all. */
    void abandon();

    /**
     * What the run handed back.
     *
     * @param error set when the outputs could not be read or are invalid; the run then fails with it
     */
    record RunOutputs(java.util.Map<String, Object> runtimeProperties, Object output, String error) {}
}
