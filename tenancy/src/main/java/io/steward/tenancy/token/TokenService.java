package io.steward.tenancy.token;

import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.member.AccessChanges;
import io.steward.tenancy.member.Authenticator;
import io.steward.tenancy.member.Identity;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.store.TenancyStatements;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.store.PagedSelect;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.store.TableSpec;
import io.steward.tenancy.store.TableSpec.Column;
import io.steward.tenancy.store.TenancyLengths;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * API tokens ({@code ctok-<id>-<secret>}). Only a SHA-256 of the secret is stored: the secret is 160 random bits,
 * so a fast hash is enough, and checking a token costs one indexed lookup.
 */
@Singleton
public class TokenService {
    private static final String PREFIX = "ctok-";
    private static final String MASK = "********";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** last_used is written at most this often, so a busy token does not write on every request. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /** A token's role is its user's system role, joined in so that filters and sort keys can use it. */
    private static final TableSpec TOKENS = new TableSpec("(SELECT t.*, u.system_role FROM api_tokens t"
            + " JOIN users u ON u.username = t.username) tokens", "id", Map.of(
            "id", Column.text("id"), "username", Column.text("username"), "role", Column.text("system_role"),
            "description", Column.text("description"), "expiration_date", Column.time("expiration_date"),
            "last_used", Column.time("last_used")));

    private final TenancyStatements database;
    private final Authenticator authenticator;
    private final Clock clock;
    private final AccessChanges accessChanges;
    private final SecureRandom random = new SecureRandom();

    TokenService(TenancyStatements database, Authenticator authenticator, Clock clock, AccessChanges accessChanges) {
        this.database = database;
        this.authenticator = authenticator;
        this.clock = clock;
        this.accessChanges = accessChanges;
    }

    /** Issues a token for the calling user; the returned value is shown once and never again. */
    public ApiToken create(String description, Instant expirationDate) {
        Caller caller = CallerScope.current();
        TenancyLengths.TOKEN_DESCRIPTION.require(description);
        Instant now = clock.instant();
        if (expirationDate != null && !expirationDate.isAfter(now)) {
            throw new InvalidInputException("Expiration date was in the past.");
        }
        String id = randomText(10);
        String secret = randomText(32);
        database.write(c -> Sql.update(c, "INSERT INTO api_tokens (id, username, secret_hash, description,"
                        + " expiration_date, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                java.util.Arrays.asList(id, caller.username(), sha256(secret), description, expirationDate, now)));
        return new ApiToken(id, PREFIX + id + "-" + secret, caller.username(), caller.systemRole().wire(),
                description, expirationDate, null, now);
    }

    /**
     * The caller's own tokens, sys_admin's everyone's, filtered, sorted and paged by the list conventions. Values are
     * never listed.
     */
    public Page<ApiToken> list(ListQuery query) {
        Caller caller = CallerScope.current();
        String where = caller.isSysAdmin() ? "1 = 1" : "username = ?";
        List<Object> params = caller.isSysAdmin() ? List.of() : List.of(caller.username());
        return PagedSelect.page(database, TOKENS, where, params, query, TokenService::map);
    }

    /** One token, without its secret: the owner's or, for sys_admin, anyone's; anything else looks unknown. */
    public ApiToken get(String id) {
        Caller caller = CallerScope.current();
        String where = caller.isSysAdmin() ? "t.id = ?" : "t.id = ? AND t.username = ?";
        List<Object> params = caller.isSysAdmin() ? List.of(id) : List.of(id, caller.username());
        return database.read(c -> Sql.queryOne(c, "SELECT t.*, u.system_role FROM api_tokens t JOIN users u"
                + " ON u.username = t.username WHERE " + where, params,
                TokenService::map)).orElseThrow(() -> new NotFoundException("Token", id));
    }

    public void revoke(String id) {
        Caller caller = CallerScope.current();
        String where = caller.isSysAdmin() ? "id = ?" : "id = ? AND username = ?";
        List<Object> params = caller.isSysAdmin() ? List.of(id) : List.of(id, caller.username());
        if (database.write(c -> Sql.update(c, "DELETE FROM api_tokens WHERE " + where, params)) == 0) {
            throw new NotFoundException("Token", id);
        }
        accessChanges.changed();
    }

    /** Checks a presented token value and returns whose it is. */
    public Identity authenticate(String value) {
        String[] parts = value == null || !value.startsWith(PREFIX) ? null : value.substring(PREFIX.length()).split("-", 2);
        if (parts == null || parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new AccessDeniedException(Problem.UNAUTHENTICATED, "User unauthorized: Invalid token structure");
        }
        Instant now = clock.instant();
        var stored = database.read(c -> Sql.queryOne(c,
                "SELECT username, secret_hash, expiration_date, last_used FROM api_tokens WHERE id = ?",
                List.of(parts[0]), rs -> new Stored(rs.getString("username"), rs.getString("secret_hash"),
                        Sql.instant(rs, "expiration_date"), Sql.instant(rs, "last_used"))))
                .filter(s -> MessageDigest.isEqual(s.secretHash.getBytes(StandardCharsets.US_ASCII),
                        sha256(parts[1]).getBytes(StandardCharsets.US_ASCII)))
                .orElseThrow(() -> new AccessDeniedException(Problem.UNAUTHENTICATED, "User unauthorized: Unauthorized"));
        if (stored.expiration != null && !stored.expiration.isAfter(now)) {
            throw new AccessDeniedException(Problem.UNAUTHENTICATED, "User unauthorized: Token is expired");
        }
        if (stored.lastUsed == null || stored.lastUsed.plus(LAST_USED_RESOLUTION).isBefore(now)) {
            database.write(c -> Sql.update(c, "UPDATE api_tokens SET last_used = ? WHERE id = ?", List.of(now, parts[0])));
        }
        return authenticator.ofActiveUser(stored.username).expiringAt(stored.expiration);
    }

    private static ApiToken map(ResultSet rs) throws SQLException {
        // Cloudify shows a stored token masked: its id, never its secret.
        return new ApiToken(rs.getString("id"), PREFIX + rs.getString("id") + "-" + MASK, rs.getString("username"), rs.getString("system_role"),
                rs.getString("description"), Sql.instant(rs, "expiration_date"), Sql.instant(rs, "last_used"),
                Sql.instant(rs, "created_at"));
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Stored(String username, String secretHash, Instant expiration, Instant lastUsed) {
    }
}
