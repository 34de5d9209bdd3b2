package io.steward.dispatch.job;

import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Tells listeners in this server that some unit job was recorded, changed status or was deleted, so that pushes
 * (the APEx WebSockets) can re-read at once instead of on a timer. It carries no data and no tenant: a listener reads
 * what it may see through its own caller. Changes made by another server of a cluster are not seen here; listeners
 * also re-read at an interval for those.
 */
@Singleton
public class DispatchChanges {
    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();

    /** Calls {@code listener} after each change, on the changing thread: it must only hand off, never block. */
    public AutoCloseable listen(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // A failing listener must not fail the write that told it.
            }
        }
    }
}
