package io.steward.api.support;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's one clock, moved by the test: a server started with {@link #ENABLE} reads time from this bean, so
 * expirations and lockouts are tested without waiting. It starts at the system time and only moves when told.
 */
@Singleton
@Replaces(Clock.class)
@Requires(property = SettableClock.PROPERTY, value = "true")
public final class SettableClock extends Clock {
    public static final String PROPERTY = "steward.test.settable-clock";
    /** Server properties that switch it on. */
    public static final java.util.Map<String, Object> ENABLE = java.util.Map.of(PROPERTY, "true");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

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
