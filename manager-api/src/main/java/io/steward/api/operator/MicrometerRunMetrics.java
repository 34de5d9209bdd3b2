package io.steward.api.operator;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.steward.engine.blueprint.OperationKind;
import io.steward.engine.execution.Execution;
import io.steward.engine.operation.OperationResult;
import io.steward.engine.runner.RunMetrics;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Locale;

/**
 * The runner's timings as Prometheus histograms: {@code steward_execution_claim_latency_seconds} (created or due →
 * claimed by a runner), {@code steward_execution_start_latency_seconds} (claimed → first operation starting) and
 * {@code steward_operation_duration_seconds} by operation kind and outcome, both closed sets.
 */
@Singleton
class MicrometerRunMetrics implements RunMetrics {
    private static final Duration SHORTEST = Duration.ofMillis(1);
    private static final Duration LONGEST = Duration.ofHours(1);

    private final PrometheusMeterRegistry registry;
    private final Timer claimLatency;
    private final Timer startLatency;

    MicrometerRunMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.claimLatency = histogram("steward.execution.claim.latency",
                "From an execution's creation (or the time it was scheduled for) until a runner claims it")
                .register(registry);
        this.startLatency = histogram("steward.execution.start.latency",
                "From an execution's claim until its first operation starts").register(registry);
    }

    private static Timer.Builder histogram(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST).maximumExpectedValue(LONGEST);
    }

    @Override
    public void claimed(Execution execution, Duration waited) {
        claimLatency.record(waited);
    }

    @Override
    public void firstOperationStarting(Execution execution, Duration sinceClaim) {
        startLatency.record(sinceClaim);
    }

    @Override
    public void operationEnded(OperationKind kind, OperationResult.Outcome outcome, Duration took) {
        histogram("steward.operation.duration", "How long one attempt of an operation ran")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry).record(took);
    }
}
