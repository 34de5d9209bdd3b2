package io.steward.api.support;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's one clock, moved by the test: a server started with {@link #ENABLE} reads time from this bean, so
 * expirations and lockouts are tested without waiting. It starts at the system time (or at {@link #START}) and only
 * moves when told.
 */
@Singleton
@Replaces(Clock.class)
@Requires(property = SettableClock.PROPERTY, value = "true")
public final class SettableClock extends Clock {
    public static final String PROPERTY = "steward.test.settable-clock";
    /** Server properties that switch it on. */
    public static final java.util.Map<String, Object> ENABLE = java.util.Map.of(PROPERTY, "true");

    /** Where the clock starts (an ISO instant); the system time when empty. */
    public static final String START = PROPERTY + ".start";

    private final AtomicReference<Instant> now;

    SettableClock(@Value("${" + START + ":}") String start) {
        now = new AtomicReference<>(start.isEmpty() ? Instant.now() : Instant.parse(start));
    }

    /** Server properties that switch it on, starting at {@code at} (a second server on the first one's time). */
    public static java.util.Map<String, Object> startingAt(Instant at) {
        return java.util.Map.of(PROPERTY, "true", START, at.toString());
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the server's clock is UTC");
    }
}
