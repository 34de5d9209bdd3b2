package io.steward.engine.operation;

import java.time.Duration;

/** An operation that ended before it started: NOOP, dry run, or refused (bad path, unknown built-in). */
final class FinishedOperation extends AbstractRunningOperation {

    FinishedOperation(OperationResult outcome) {
        result.complete(outcome);
    }

    @Override
    public void terminate() {
        // Nothing runs.
    }

    @Override
    public void kill(Duration grace) {
        // Nothing runs.
    }
}
