package io.steward.engine.operation;

/**
 * Receives what an operation reports while it runs. Called from the runner's own threads (one per output stream),
 * so implementations must be thread-safe. An exception thrown here is swallowed: it must not stop a script's output
 * from being drained.
 */
@FunctionalInterface
public interface OperationListener {
    /** @param level {@code "info"}, {@code "warning"} or {@code "error"} */
    void log(String level, String message);
}
