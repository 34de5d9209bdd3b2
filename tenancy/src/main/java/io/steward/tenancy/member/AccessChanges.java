package io.steward.tenancy.member;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the changes on this node that can take access away or change it: a user, membership or tenant removed or
 * changed, a token revoked, a failed login (it moves the user towards a lockout, and the next success must be seen
 * to end that row). A cache of verified credentials remembers the count it was filled at and misses once it
 * moved, so such a change takes effect on this node at once. Other nodes do not see the count; their caches expire
 * by time.
 */
@Singleton
public class AccessChanges {
    private final AtomicLong count = new AtomicLong();

    /** The current count; read it before checking a credential, so a change made meanwhile invalidates the result. */
    public long current() {
        return count.get();
    }

    /** Called after a change has been written. */
    public void changed() {
        count.incrementAndGet();
    }
}
