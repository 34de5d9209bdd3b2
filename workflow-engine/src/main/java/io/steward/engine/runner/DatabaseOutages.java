package io.steward.engine.runner;

import io.micronaut.context.annotation.Value;
import io.steward.tenancy.store.DatabaseReachability;
import io.steward.tenancy.store.DatabaseUnreachable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits a database outage out for the engine's bookkeeping: a write (or read) that fails because the database cannot
 * be reached is tried again every poll interval, the run that needs it waiting meanwhile with what it knows in memory
 * (a task's outcome, say), until it goes through or the outage has lasted {@code steward.engine.database-outage-limit}
 * (5 min). Past the limit it fails with {@link DatabaseOutageLimitExceeded}, which says so. Any other failure is not
 * retried. The work must be safe to run again when the database rolled it back: a transaction, or one statement.
 */
@Singleton
class DatabaseOutages {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutages.class);

    private final Duration limit;
    private final Duration retryInterval;
    private final DatabaseReachability reachability;

    DatabaseOutages(@Value("${steward.engine.database-outage-limit:5m}") Duration limit,
                    @Value("${steward.engine.poll-interval:500ms}") Duration retryInterval,
                    DatabaseReachability reachability) {
        this.limit = limit;
        this.retryInterval = retryInterval;
        this.reachability = reachability;
    }

    /** False while the pool finds the database unreachable: work that would be lost anyway (a log line) skips it. */
    boolean databaseReachable() {
        return reachability.reachable();
    }

    /** Runs {@code work}, waiting out an outage up to the limit; {@code what} names it in logs and the failure. */
    <T> T waitOut(String what, Supplier<T> work) throws InterruptedException {
        return retry(what, work, true);
    }

    void waitOut(String what, Runnable work) throws InterruptedException {
        retry(what, () -> {
            work.run();
            return null;
        }, true);
    }

    /**
     * For the write that records a run's end, failure included: nothing else can be done for the execution until it
     * is recorded, so it waits as long as the outage lasts (a stopping server interrupts it).
     */
    <T> T waitOutWithoutLimit(String what, Supplier<T> work) throws InterruptedException {
        return retry(what, work, false);
    }

    private <T> T retry(String what, Supplier<T> work, boolean limited) throws InterruptedException {
        long firstFailure = 0;
        while (true) {
            try {
                T result = work.get();
                if (firstFailure != 0) {
                    LOG.info("Database reachable again: {} went through after {} ms", what,
                            (System.nanoTime() - firstFailure) / 1_000_000);
                }
                return result;
            } catch (RuntimeException e) {
                if (!DatabaseUnreachable.explains(e)) {
                    throw e;
                }
                long now = System.nanoTime();
                if (firstFailure == 0) {
                    firstFailure = now;
                    LOG.warn("Database unreachable while {}; retrying every {} {}: {}", what,
                            readable(retryInterval), limited ? "for up to " + readable(limit) : "until it is back",
                            e.getMessage());
                } else if (limited && now - firstFailure > limit.toNanos()) {
                    LOG.warn("Giving up {} after {} of database outage", what, readable(limit), e);
                    throw new DatabaseOutageLimitExceeded(what, limit, e);
                }
            }
            Thread.sleep(Math.max(1, retryInterval.toMillis()));
        }
    }

    /** {@code 5m}, {@code 2s}, {@code 500ms}: as the settings are written. */
    static String readable(Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + "ms"
                : duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The outage lasted longer than the limit: the run gives up on it, and the execution fails saying why. It keeps
     * the outage's message but not the exception, so that no one takes it for an outage and waits again.
     */
    static final class DatabaseOutageLimitExceeded extends RuntimeException {
        DatabaseOutageLimitExceeded(String what, Duration limit, RuntimeException cause) {
            super("The database was unreachable for longer than steward.engine.database-outage-limit ("
                    + readable(limit) + ") while " + what + ": "
                    + cause.getMessage());
        }
    }
}
