package io.steward.tenancy.store;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether this server last reached the database, as the pool saw it: a connection handed out means reachable, a
 * connection that could not be had because the database is unreachable means not, until one is handed out again.
 * While it is unreachable every wait for a connection is the short one ({@link BoundedConnectionWaits}); a health
 * check reports it from here.
 */
@Singleton
public class DatabaseReachability {
    private final Clock clock;
    private volatile Instant unreachableSince;
    private volatile String lastFailure;

    DatabaseReachability(Clock clock) {
        this.clock = clock;
    }

    public boolean reachable() {
        return unreachableSince == null;
    }

    /** When this server found the database unreachable, while it still is; empty when it is reachable. */
    public Optional<Instant> unreachableSince() {
        return Optional.ofNullable(unreachableSince);
    }

    /** The failure that says why, while it is unreachable. */
    public Optional<String> lastFailure() {
        return reachable() ? Optional.empty() : Optional.ofNullable(lastFailure);
    }

    void connected() {
        unreachableSince = null;
    }

    void failedToConnect(Throwable failure) {
        lastFailure = failure.getMessage();
        if (unreachableSince == null) {
            unreachableSince = clock.instant();
        }
    }
}
