package io.steward.api.apex;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import io.steward.dispatch.job.DispatchChanges;
import io.steward.tenancy.scope.Caller;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The answers of {@code GET /jobs_status}, kept per caller and query until a unit job changes. Scripts and
 * dashboards ask for the whole list over and over while most of it stays the same; writing 10,000 jobs again costs
 * tens of milliseconds each time. An answer is thrown away as soon as this server records any change
 * ({@link DispatchChanges#version()}); what changes the list without the dispatch telling (another server of a
 * cluster, an execution deleted through the executions API) is seen within {@code steward.apex.jobs-status.cache-ttl}
 * (2 s by default; 0 turns the cache off), as the WebSocket pushes see other servers' changes within their interval. The key is the whole caller (tenant, user and roles), so an answer only ever goes back
 * to a caller whose read made it.
 */
@Singleton
class JobsStatusCache {
    /** Answers are large: the cache is bounded by their bytes, not their number. */
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private final DispatchChanges changes;
    private final Cache<Key, Answer> answers;
    private final boolean enabled;

    JobsStatusCache(DispatchChanges changes,
                    @Value("${steward.apex.jobs-status.cache-ttl:2s}") Duration ttl) {
        this.changes = changes;
        this.enabled = !ttl.isZero() && !ttl.isNegative();
        this.answers = Caffeine.newBuilder().expireAfterWrite(enabled ? ttl : Duration.ofMillis(1))
                .maximumWeight(MAX_BYTES).weigher((Key key, Answer answer) -> answer.body().length).build();
    }

    record Key(Caller caller, Set<String> filters, int offset, int limit) {
    }

    private record Answer(long version, byte[] body) {
    }

    /** The answer for {@code key}: kept, if nothing changed since it was written, else {@code read} anew. */
    byte[] answer(Key key, Supplier<byte[]> read) {
        if (!enabled) {
            return read.get();
        }
        // Read before the answer is made: a change told meanwhile makes the kept answer outdated at once.
        long version = changes.version();
        Answer kept = answers.getIfPresent(key);
        if (kept != null && kept.version() == version) {
            return kept.body();
        }
        byte[] body = read.get();
        answers.put(key, new Answer(version, body));
        return body;
    }
}
