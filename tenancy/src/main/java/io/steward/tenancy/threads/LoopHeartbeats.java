package io.steward.tenancy.threads;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each of this server's background loops last ran a round: a loop registers with its period and beats once a
 * round, whether the round succeeded or not (a round that fails because the database is out still shows the loop
 * alive; the database is reported on its own). The health check calls a loop dead when it has not beaten for a number
 * of its periods. Beats read {@link System#nanoTime()}, not the application clock, so a test's settable clock or a
 * wall-clock jump cannot make a loop look dead or alive.
 */
@Singleton
public class LoopHeartbeats {
    private final ConcurrentHashMap<String, Heartbeat> loops = new ConcurrentHashMap<>();

    /** Starts tracking the loop {@code name}, beating now; a loop registered again replaces the earlier one. */
    public Heartbeat register(String name, Duration period) {
        Heartbeat heartbeat = new Heartbeat(name, period);
        loops.put(name, heartbeat);
        return heartbeat;
    }

    /** Stops tracking a loop that ended on purpose (its bean closed). */
    public void forget(Heartbeat heartbeat) {
        loops.remove(heartbeat.name(), heartbeat);
    }

    /** The loops tracked now, by name. */
    public List<Heartbeat> loops() {
        return loops.values().stream().sorted(Comparator.comparing(Heartbeat::name)).toList();
    }

    /** One loop's heartbeat. */
    public static final class Heartbeat {
        private final String name;
        private final Duration period;
        private volatile long lastBeatNanos = System.nanoTime();

        private Heartbeat(String name, Duration period) {
            this.name = name;
            this.period = period;
        }

        public void beat() {
            lastBeatNanos = System.nanoTime();
        }

        public String name() {
            return name;
        }

        public Duration period() {
            return period;
        }

        public Duration sinceLastBeat() {
            return Duration.ofNanos(System.nanoTime() - lastBeatNanos);
        }
    }
}
