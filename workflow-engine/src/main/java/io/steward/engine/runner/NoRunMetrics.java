package io.steward.engine.runner;

import io.micronaut.context.annotation.Secondary;
import io.steward.engine.blueprint.OperationKind;
import io.steward.engine.execution.Execution;
import io.steward.engine.operation.OperationResult;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Run metrics dropped: used when no other {@link RunMetrics} is present. */
@Singleton
@Secondary
class NoRunMetrics implements RunMetrics {
    @Override
    public void claimed(Execution execution, Duration waited) {
    }

    @Override
    public void firstOperationStarting(Execution execution, Duration sinceClaim) {
    }

    @Override
    public void operationEnded(OperationKind kind, OperationResult.Outcome outcome, Duration took) {
    }
}
