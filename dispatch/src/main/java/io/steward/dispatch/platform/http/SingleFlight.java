package io.steward.dispatch.platform.http;

import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.PlatformException.Kind;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * At most one call per key in flight: callers that ask for a key already being fetched wait for that fetch and share
 * its answer or its failure. The fetch runs on the first caller's thread, outside any cache lock, so a slow platform
 * holds up only the callers of its own key.
 */
public final class SingleFlight<K, V> {

    /** The call to make once for everyone waiting. */
    @FunctionalInterface
    public interface Call<V> {
        V call() throws PlatformException;
    }

    private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    public V run(K key, Call<V> call) throws PlatformException {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> theirs = inFlight.putIfAbsent(key, mine);
        if (theirs != null) {
            return await(theirs);
        }
        try {
            V value = call.call();
            mine.complete(value);
            return value;
        } catch (PlatformException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static <V> V await(CompletableFuture<V> future) throws PlatformException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(Kind.UNAVAILABLE, 0, "interrupted while waiting for the same call", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PlatformException failure) {
                throw new PlatformException(failure.kind(), failure.httpStatus(), failure.getMessage(), failure);
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
