package io.steward.dispatch.job;

import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells listeners in this server that some unit job was recorded, changed status or was deleted, so that pushes
 * (the APEx WebSockets) can re-read at once instead of on a timer. It carries no data and no tenant: a listener reads
 * what it may see through its own caller. Changes made by another server of a cluster are not seen here; listeners
 * also re-read at an interval for those. {@link #version()} counts the changes, for caches of what they show: a
 * change made inside a transaction is told again once it commits, so a cache filled in between is outdated too.
 */
@Singleton
public class DispatchChanges {
    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private final AtomicLong version = new AtomicLong();

    /** How many changes this server has told so far. */
    public long version() {
        return version.get();
    }

    /** Calls {@code listener} after each change, on the changing thread: it must only hand off, never block. */
    public AutoCloseable listen(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void changed() {
        version.incrementAndGet();
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // A failing listener must not fail the write that told it.
            }
        }
    }
}
