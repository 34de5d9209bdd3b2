package io.steward.engine.operation;

/**
 * An operation cannot run, or ran and failed, for a reason the caller should read: it becomes a FAILED result with
 * this message. Never escapes the runner.
 */
final class OperationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OperationFailure(String message) {
        super(message, null, false, false);
    }
}
