package io.steward.tenancy.member;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers successful password checks briefly, so scripted clients sending basic auth on every request do not pay
 * bcrypt each time. The key is a SHA-256 of the username, the password and the stored hash: the password itself is
 * never kept, and a changed password (a new stored hash) or a removed user (no stored hash) misses the cache.
 */
@Singleton
class CredentialCache {
    private static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, Instant> verified = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;

    CredentialCache(Clock clock, @Value("${steward.auth.credential-cache-ttl:60s}") Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    boolean isVerified(String username, String password, String storedHash) {
        Instant until = verified.get(key(username, password, storedHash));
        return until != null && until.isAfter(clock.instant());
    }

    void remember(String username, String password, String storedHash) {
        if (verified.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            verified.values().removeIf(until -> !until.isAfter(now));
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(key(username, password, storedHash), clock.instant().plus(ttl));
    }

    private static String key(String username, String password, String storedHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {username, password, storedHash}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
