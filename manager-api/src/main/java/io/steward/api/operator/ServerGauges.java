package io.steward.api.operator;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.steward.tenancy.store.DatabaseProbe;
import io.steward.tenancy.store.DatabaseProbe.PoolUsage;
import io.steward.tenancy.threads.LoopHeartbeats;
import jakarta.inject.Singleton;

import java.util.function.ToIntFunction;

/**
 * This server's own state: {@code steward_db_pool_connections{state}} (active, idle, total, pending: threads
 * waiting for one), {@code steward_db_pool_max_connections}, and {@code steward_loop_last_round_seconds{loop}}, how
 * long ago each background loop last ran (what {@code /health} judges).
 */
@Singleton
class ServerGauges {
    private final LoopHeartbeats loops;
    private final MultiGauge loopAges;

    ServerGauges(PrometheusMeterRegistry registry, DatabaseProbe database, LoopHeartbeats loops) {
        this.loops = loops;
        pool(registry, database, "active", PoolUsage::active);
        pool(registry, database, "idle", PoolUsage::idle);
        pool(registry, database, "total", PoolUsage::total);
        pool(registry, database, "pending", PoolUsage::waiting);
        Gauge.builder("steward.db.pool.max.connections", database,
                        d -> d.pool().map(PoolUsage::max).orElse(0))
                .description("The most connections the pool opens").register(registry);
        this.loopAges = MultiGauge.builder("steward.loop.last.round").baseUnit("seconds")
                .description("How long ago each background loop last ran a round").register(registry);
    }

    private static void pool(PrometheusMeterRegistry registry, DatabaseProbe database, String state,
                             ToIntFunction<PoolUsage> value) {
        Gauge.builder("steward.db.pool.connections", database,
                        d -> d.pool().map(value::applyAsInt).orElse(0))
                .description("Database connections of the pool").tag("state", state).register(registry);
    }

    /** The loops registered now, with their ages. */
    void refresh() {
        loopAges.register(loops.loops().stream().map(loop -> MultiGauge.Row.of(Tags.of("loop", loop.name()),
                loop.sinceLastBeat().toNanos() / 1e9)).toList(), true);
    }
}
