package io.steward.api.security;

import io.micronaut.context.annotation.Value;
import io.steward.tenancy.member.AccessChanges;
import io.steward.tenancy.scope.Caller;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers, for {@code steward.auth.cache-ttl} (5 s by default; 0 turns it off), the caller that a request's
 * credentials and {@code Tenant} header were found to be. Without it every request paid two or three database reads
 * before any work (user row, token row, tenant membership), more than a cheap request does itself.
 * <p>
 * Only successes are kept, so wrong passwords still count towards the lockout. The key is a SHA-256 of the
 * credential headers: no password or token is kept. A revoked token, a locked-out or removed user, or a changed or
 * removed membership or tenant takes effect on this node at once ({@link AccessChanges} invalidates every entry); on
 * other nodes of a cluster it takes effect within the TTL. A failed login invalidates every entry too, so the next
 * success of that user goes through the authenticator and resets the user's failure count. An entry never outlives
 * its credential: a token's entry ends when the token expires.
 */
@Singleton
class VerifiedCallers {
    private static final int MAX_ENTRIES = 10_000;
    // Cloned per key: MessageDigest.getInstance searches the security providers on every call.
    private static final MessageDigest SHA_256 = sha256();

    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();
    private final AccessChanges accessChanges;
    private final Clock clock;
    private final Duration ttl;

    VerifiedCallers(AccessChanges accessChanges, Clock clock,
                    @Value("${steward.auth.cache-ttl:5s}") Duration ttl) {
        this.accessChanges = accessChanges;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * The caller for these headers: remembered, or verified by {@code verify} (which throws when refused).
     * {@code chosenTenant}: the request named no tenant and {@code verify} chooses one (the OGC and APEx APIs), which
     * a Cloudify request without a {@code Tenant} header must not share.
     */
    Caller caller(String authorization, String token, String tenant, boolean chosenTenant, Supplier<Verified> verify) {
        if (ttl.isZero() || ttl.isNegative()) {
            return verify.get().caller();
        }
        String key = key(authorization, token, tenant, chosenTenant ? "chosen" : null);
        long changes = accessChanges.current();
        Instant now = clock.instant();
        Entry entry = verified.get(key);
        if (entry != null && entry.changes == changes && entry.until.isAfter(now)) {
            return entry.caller;
        }
        Verified fresh = verify.get();
        Instant until = now.plus(ttl);
        if (fresh.expiresAt() != null && fresh.expiresAt().isBefore(until)) {
            until = fresh.expiresAt();
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(e -> !e.until.isAfter(now));
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(key, new Entry(fresh.caller(), changes, until));
        return fresh.caller();
    }

    /**
     * The caller of an API whose clients may name no tenant (OGC API, APEx): in the {@code Tenant} header's tenant,
     * else in one chosen from the user's memberships.
     */
    Caller callerChoosingTenant(io.micronaut.http.HttpRequest<?> request, Credentials credentials) {
        return callerChoosingTenant(request.getHeaders().getAuthorization().orElse(null),
                request.getHeaders().get(Credentials.TOKEN_HEADER), request.getHeaders().get(Credentials.TENANT_HEADER),
                credentials);
    }

    Caller callerChoosingTenant(String authorization, String token, String tenant, Credentials credentials) {
        return caller(authorization, token, tenant, tenant == null, () -> credentials.inTenant(
                credentials.identify(authorization, token), tenant, Credentials.bearer(authorization)));
    }

    private static String key(String authorization, String token, String tenant, String choice) {
        MessageDigest sha = copy(SHA_256);
        for (String part : new String[] {authorization, token, tenant, choice}) {
            // A marker byte per part keeps "absent" apart from "empty".
            sha.update((byte) (part == null ? 0 : 1));
            sha.update(Optional.ofNullable(part).orElse("").getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return new String(sha.digest(), StandardCharsets.ISO_8859_1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static MessageDigest copy(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    /** A verified caller and when its credential expires (null: it does not). */
    record Verified(Caller caller, Instant expiresAt) {
    }

    private record Entry(Caller caller, long changes, Instant until) {
    }
}
