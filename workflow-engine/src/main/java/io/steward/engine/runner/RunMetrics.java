package io.steward.engine.runner;

import io.steward.engine.blueprint.OperationKind;
import io.steward.engine.execution.Execution;
import io.steward.engine.operation.OperationResult;

import java.time.Duration;

/**
 * What the runner reports for metrics, as it happens: the server module records it (Micrometer); without one,
 * {@link NoRunMetrics} drops it. Called on the runner's threads; implementations must be cheap and thread-safe.
 */
public interface RunMetrics {
    /** A runner claimed {@code execution}, {@code waited} after it could first have started. */
    void claimed(Execution execution, Duration waited);

    /** The first operation of a claimed execution starts, {@code sinceClaim} after the claim. */
    void firstOperationStarting(Execution execution, Duration sinceClaim);

    /** One attempt of an operation of {@code kind} ended with {@code outcome} after {@code took}. */
    void operationEnded(OperationKind kind, OperationResult.Outcome outcome, Duration took);
}
