package io.steward.tenancy.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The one clock: domain code injects {@link Clock} and never reads the system time itself, so tests can set it. */
@Factory
class ClockFactory {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
