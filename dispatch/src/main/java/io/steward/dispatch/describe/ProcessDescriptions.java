package io.steward.dispatch.describe;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.ServiceRef;
import io.steward.dispatch.platform.http.SingleFlight;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The process descriptions of the platforms, per endpoint, namespace and process, so that a job for a known process
 * is checked without a platform call. A miss fetches at once (concurrent misses for one process share one fetch); an
 * entry older than {@code refreshAfter} is served while a background fetch replaces it, and {@link #refreshStale()},
 * run periodically, does the same for every entry; an entry nobody refreshes in {@code expireAfter} is dropped. A
 * process the platform said it does not have is remembered {@code unknownFor}, shorter, so a newly deployed one shows
 * up soon. A failed refresh keeps the old entry. Each entry keeps the caller token it was fetched with, in memory only,
 * for the refreshes of platforms that authenticate as the caller.
 */
public final class ProcessDescriptions {
    public static final Duration DEFAULT_REFRESH_AFTER = Duration.ofMinutes(5);
    public static final Duration DEFAULT_EXPIRE_AFTER = Duration.ofHours(1);
    public static final Duration DEFAULT_UNKNOWN_FOR = Duration.ofMinutes(1);

    /** What the cache holds for a service, without asking the platform. */
    public sealed interface Lookup {
        record Known(ProcessDescription description) implements Lookup {
        }

        record Unknown() implements Lookup {
        }

        record NotCached() implements Lookup {
        }
    }

    private record Entry(ServiceRef service, Optional<ProcessDescription> description, CallerToken caller,
                         long fetchedAt) {
    }

    private final DescriptionSource source;
    private final Duration refreshAfter;
    private final Executor refresher;
    private final Ticker ticker;
    private final Cache<ProcessKey, Entry> entries;
    private final Set<ProcessKey> refreshing = ConcurrentHashMap.newKeySet();
    private final SingleFlight<ProcessKey, Entry> fetching = new SingleFlight<>();

    public ProcessDescriptions(DescriptionSource source, Duration refreshAfter, Duration expireAfter,
                               Duration unknownFor, Executor refresher, Ticker ticker) {
        this.source = Objects.requireNonNull(source, "source");
        this.refreshAfter = refreshAfter;
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.entries = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(10_000)
                .expireAfter(new Expiry<ProcessKey, Entry>() {
                    @Override
                    public long expireAfterCreate(ProcessKey key, Entry entry, long currentTime) {
                        return (entry.description().isPresent() ? expireAfter : unknownFor).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(ProcessKey key, Entry entry, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, entry, currentTime);
                    }

                    @Override
                    public long expireAfterRead(ProcessKey key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The defaults (5 min refresh, 1 h expiry, unknown remembered 1 min), refreshing on {@code refresher}. */
    public static ProcessDescriptions withDefaults(DescriptionSource source, Executor refresher) {
        return new ProcessDescriptions(source, DEFAULT_REFRESH_AFTER, DEFAULT_EXPIRE_AFTER, DEFAULT_UNKNOWN_FOR,
                refresher, Ticker.systemTicker());
    }

    /**
     * What is known now, with no platform call in this thread. A stale or missing entry is fetched in the
     * background with {@code caller}'s token, so the next look finds it.
     */
    public Lookup cached(ServiceRef service, CallerToken caller) {
        ProcessKey key = ProcessKey.of(service);
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            refreshInBackground(key, service, caller);
            return new Lookup.NotCached();
        }
        if (stale(entry)) {
            refreshInBackground(key, service, caller);
        }
        return entry.description().<Lookup>map(Lookup.Known::new).orElseGet(Lookup.Unknown::new);
    }

    /** The description, fetched now on a miss. */
    public ProcessDescription describe(ServiceRef service, CallerToken caller)
            throws PlatformException, UnknownProcessException {
        ProcessKey key = ProcessKey.of(service);
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            entry = fetching.run(key, () -> {
                Entry justFetched = entries.getIfPresent(key); // by a fetch that ended as this one began
                if (justFetched != null) {
                    return justFetched;
                }
                Entry fetched = fetch(service, caller);
                entries.put(key, fetched);
                return fetched;
            });
        } else if (stale(entry)) {
            refreshInBackground(key, service, caller);
        }
        if (entry.description().isEmpty()) {
            throw new UnknownProcessException(service);
        }
        return entry.description().get();
    }

    /** Starts a background fetch of every entry older than {@code refreshAfter}; for a periodic task. */
    public void refreshStale() {
        entries.asMap().forEach((key, entry) -> {
            if (stale(entry)) {
                refreshInBackground(key, entry.service(), entry.caller());
            }
        });
    }

    /** Forgets a service's description, e.g. after the platform refused a job the description allowed. */
    public void invalidate(ServiceRef service) {
        entries.invalidate(ProcessKey.of(service));
    }

    private boolean stale(Entry entry) {
        return ticker.read() - entry.fetchedAt() >= refreshAfter.toNanos();
    }

    private Entry fetch(ServiceRef service, CallerToken caller) throws PlatformException {
        CallerToken who = caller == null ? CallerToken.NONE : caller;
        Optional<ProcessDescription> description = source.describe(service, who);
        return new Entry(service, description, who, ticker.read());
    }

    private void refreshInBackground(ProcessKey key, ServiceRef service, CallerToken caller) {
        if (!refreshing.add(key)) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    entries.put(key, fetch(service, caller));
                } catch (PlatformException | RuntimeException e) {
                    // The old entry, if any, stays until it expires; the next look tries again.
                } finally {
                    refreshing.remove(key);
                }
            });
        } catch (RuntimeException rejected) {
            refreshing.remove(key);
        }
    }
}
