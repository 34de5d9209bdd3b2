package io.steward.api.operator;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Value;
import io.steward.engine.execution.ExecutionStore;
import io.steward.tenancy.store.GroupCount;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code steward_executions{tenant,status}} and {@code steward_queue_depth{state}} (executions waiting for a runner,
 * {@code pending}, or for their deployment or the global cap, {@code queued}), from one grouped count over all
 * tenants, read at a scrape when the last read is older than {@code steward.metrics.executions-refresh}.
 */
@Singleton
class ExecutionGauges {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionGauges.class);
    private static final Set<String> WAITING = Set.of("pending", "queued");

    private final ExecutionStore executions;
    private final long refreshNanos;
    private final MultiGauge byTenantAndStatus;
    private final MultiGauge queueDepth;
    private long readAt;
    private boolean read;

    ExecutionGauges(ExecutionStore executions, PrometheusMeterRegistry registry,
                    @Value("${steward.metrics.executions-refresh:15s}") Duration refresh) {
        this.executions = executions;
        this.refreshNanos = refresh.toNanos();
        this.byTenantAndStatus = MultiGauge.builder("steward.executions")
                .description("Executions stored, by tenant and status").register(registry);
        this.queueDepth = MultiGauge.builder("steward.queue.depth")
                .description("Executions waiting to run: pending (for a runner) or queued").register(registry);
    }

    /** Reads the counts again if they are older than the refresh interval; a failed read keeps the last values. */
    synchronized void refreshIfStale() {
        long now = System.nanoTime();
        if (read && now - readAt < refreshNanos) {
            return;
        }
        List<GroupCount> counts;
        try {
            counts = executions.countsByTenantAndStatusAcrossTenants();
        } catch (RuntimeException e) {
            LOG.debug("Could not count executions for the metrics: {}", e.toString());
            return;
        }
        read = true;
        readAt = now;
        Map<String, Long> waiting = new TreeMap<>();
        WAITING.forEach(state -> waiting.put(state, 0L));
        byTenantAndStatus.register(counts.stream().map(c -> MultiGauge.Row.of(Tags.of("tenant",
                String.valueOf(c.values().get(0)), "status", String.valueOf(c.values().get(1))), c.count())).toList(),
                true);
        counts.stream().filter(c -> WAITING.contains(String.valueOf(c.values().get(1))))
                .forEach(c -> waiting.merge(String.valueOf(c.values().get(1)), c.count(), Long::sum));
        queueDepth.register(waiting.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("state", e.getKey()), e.getValue())).toList(), true);
    }
}
