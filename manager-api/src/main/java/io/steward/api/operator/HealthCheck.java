package io.steward.api.operator;

import io.micronaut.context.annotation.Value;
import io.steward.tenancy.store.DatabaseProbe;
import io.steward.tenancy.threads.LoopHeartbeats;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * This server's health: the database answers {@code SELECT 1}, and every background loop ran a round lately. A loop
 * is dead when it has not run for {@code steward.health.missed-rounds} of its periods, and never before
 * {@code steward.health.loop-grace}: a live round may wait that long for a busy pool's connection. One report is
 * kept for {@value #CACHED_MILLIS} ms, so probes every second (or many at once) cost at most one round trip.
 */
@Singleton
class HealthCheck {
    static final long CACHED_MILLIS = 1000;

    private final DatabaseProbe database;
    private final LoopHeartbeats loops;
    private final int missedRounds;
    private final Duration loopGrace;
    private Report cached;
    private long cachedAt;

    HealthCheck(DatabaseProbe database, LoopHeartbeats loops,
                @Value("${steward.health.missed-rounds:10}") int missedRounds,
                @Value("${steward.health.loop-grace:40s}") Duration loopGrace) {
        this.database = database;
        this.loops = loops;
        this.missedRounds = Math.max(1, missedRounds);
        this.loopGrace = loopGrace;
    }

    /** The report, at most {@value #CACHED_MILLIS} ms old; concurrent callers share one check. */
    synchronized Report report() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt >= Duration.ofMillis(CACHED_MILLIS).toNanos()) {
            cached = check();
            cachedAt = System.nanoTime();
        }
        return cached;
    }

    private Report check() {
        Map<String, Object> components = new LinkedHashMap<>();
        List<String> down = new ArrayList<>();
        Map<String, Object> db = new LinkedHashMap<>();
        Optional<String> failure = database.failure();
        db.put("status", failure.isEmpty() ? "UP" : "DOWN");
        db.put("dialect", database.dialect().name().toLowerCase(Locale.ROOT));
        failure.ifPresent(why -> db.put("error", why));
        components.put("database", db);
        failure.ifPresent(why -> down.add("database"));
        for (LoopHeartbeats.Heartbeat loop : loops.loops()) {
            Duration since = loop.sinceLastBeat();
            boolean alive = since.compareTo(staleAfter(loop)) <= 0;
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("status", alive ? "UP" : "DOWN");
            state.put("period_ms", loop.period().toMillis());
            state.put("last_round_ms_ago", since.toMillis());
            components.put(loop.name(), state);
            if (!alive) {
                down.add(loop.name());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", down.isEmpty() ? "UP" : "DOWN");
        if (!down.isEmpty()) {
            body.put("down", down);
        }
        body.put("components", components);
        return new Report(down.isEmpty(), body);
    }

    private Duration staleAfter(LoopHeartbeats.Heartbeat loop) {
        Duration rounds = loop.period().multipliedBy(missedRounds);
        return rounds.compareTo(loopGrace) > 0 ? rounds : loopGrace;
    }

    record Report(boolean up, Map<String, Object> body) {
    }
}
