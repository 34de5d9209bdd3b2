package io.steward.api.apex;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import io.steward.dispatch.job.DispatchChanges;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The answers of {@code GET /jobs_status}, kept per caller and query until a unit job changes. Scripts and
 * dashboards ask for the whole list over and over while most of it stays the same; writing 10,000 jobs again costs
 * tens of milliseconds each time. An answer is thrown away as soon as this server records any change
 * ({@link DispatchChanges#version()}). What changes the list without the dispatch telling (another server of a
 * cluster, an execution deleted through the executions API) is seen within {@code steward.apex.jobs-status.cache-ttl}
 * (2 s by default; 0 turns the cache off), as the WebSocket pushes see other servers' changes within their interval:
 * an answer older than that is still given once while it is read again in the background, so that no request waits
 * for that read, and one older than twice that is read again first. The key is the whole caller (tenant, user and
 * roles), so an answer only ever goes back to a caller whose read made it.
 */
@Singleton
class JobsStatusCache {
    private static final Logger LOG = LoggerFactory.getLogger(JobsStatusCache.class);
    /** Answers are large: the cache is bounded by their bytes, not their number. */
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private final DispatchChanges changes;
    private final ExecutorService background;
    private final Cache<Key, Answer> answers;
    private final long ttlNanos;

    JobsStatusCache(DispatchChanges changes, @Named(TaskExecutors.BLOCKING) ExecutorService background,
                    @Value("${steward.apex.jobs-status.cache-ttl:2s}") Duration ttl) {
        this.changes = changes;
        this.background = background;
        this.ttlNanos = ttl.isNegative() ? 0 : ttl.toNanos();
        this.answers = Caffeine.newBuilder().expireAfterWrite(Duration.ofNanos(Math.max(1, 2 * ttlNanos)))
                .maximumWeight(MAX_BYTES).weigher((Key key, Answer answer) -> answer.body().length).build();
    }

    record Key(Caller caller, Set<String> filters, int offset, int limit) {
    }

    /** {@code refreshing}: a background read of this key is under way. */
    private record Answer(long version, byte[] body, long writtenAt, AtomicBoolean refreshing) {
    }

    /**
     * The answer for {@code key}: kept, if nothing changed since it was written, else {@code read} anew. {@code read}
     * reads as the bound caller, the one named in {@code key}.
     */
    byte[] answer(Key key, Supplier<byte[]> read) {
        if (ttlNanos == 0) {
            return read.get();
        }
        // Read before the answer is made: a change told meanwhile makes the kept answer outdated at once.
        long version = changes.version();
        Answer kept = answers.getIfPresent(key);
        if (kept != null && kept.version() == version) {
            if (System.nanoTime() - kept.writtenAt() > ttlNanos && kept.refreshing().compareAndSet(false, true)) {
                refresh(key, version, read);
            }
            return kept.body();
        }
        return write(key, version, read.get());
    }

    private byte[] write(Key key, long version, byte[] body) {
        answers.put(key, new Answer(version, body, System.nanoTime(), new AtomicBoolean()));
        return body;
    }

    private void refresh(Key key, long version, Supplier<byte[]> read) {
        try {
            background.execute(() -> {
                try (var bound = CallerScope.bind(key.caller())) {
                    write(key, version, read.get());
                } catch (RuntimeException e) {
                    // The kept answer runs out at twice the TTL, and the next request then reads for itself.
                    LOG.debug("Reading the jobs status again in the background failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("No thread to read the jobs status again; the kept answer runs out at twice the TTL", e);
        }
    }
}
