package io.steward.dispatch.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.http.SingleFlight;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Issued tokens kept until shortly before they expire: {@code margin} before {@code expires_in} runs out, or half
 * their life when that is shorter. A token issued without {@code expires_in} is not kept. Keys are SHA-256 hashes,
 * so no subject token or secret is held as a key. Concurrent callers for one key share one token request.
 */
public final class TokenCache {
    public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(30);
    public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

    /** Issues a token when the cache has none. */
    @FunctionalInterface
    public interface Issuer {
        IssuedToken issue() throws PlatformException;
    }

    private final Cache<String, IssuedToken> tokens;
    private final Duration margin;
    private final SingleFlight<String, IssuedToken> issuing = new SingleFlight<>();

    public TokenCache(Ticker ticker, Duration margin, long maximumSize) {
        this.margin = margin;
        this.tokens = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(maximumSize)
                .expireAfter(new Expiry<String, IssuedToken>() {
                    @Override
                    public long expireAfterCreate(String key, IssuedToken token, long currentTime) {
                        return keptFor(token).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, IssuedToken token, long currentTime, long currentDuration) {
                        return keptFor(token).toNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, IssuedToken token, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    public static TokenCache withDefaults() {
        return new TokenCache(Ticker.systemTicker(), DEFAULT_MARGIN, DEFAULT_MAXIMUM_SIZE);
    }

    /** The kept token for the key, or a new one from {@code issuer}; concurrent callers share one request. */
    public IssuedToken get(String key, Issuer issuer) throws PlatformException {
        IssuedToken kept = tokens.getIfPresent(key);
        if (kept != null) {
            return kept;
        }
        return issuing.run(key, () -> {
            IssuedToken justIssued = tokens.getIfPresent(key); // by a fetch that ended as this one began
            if (justIssued != null) {
                return justIssued;
            }
            IssuedToken token = issuer.issue();
            tokens.put(key, token);
            return token;
        });
    }

    /** Drops the kept token for the key, so the next call issues a new one. */
    public void forget(String key) {
        tokens.invalidate(key);
    }

    Duration keptFor(IssuedToken token) {
        Duration life = token.expiresIn();
        if (life == null || life.isNegative() || life.isZero()) {
            return Duration.ZERO;
        }
        Duration half = life.dividedBy(2);
        return life.minus(margin.compareTo(half) < 0 ? margin : half);
    }

    /** A hex SHA-256 of the parts, each separated so that ("ab","c") and ("a","bc") differ. */
    public static String key(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

}
