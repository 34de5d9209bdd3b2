package io.steward.tenancy.member;

import io.micronaut.context.annotation.Value;
import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.store.TenancyStatements;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.threads.BackgroundThreads;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Checks a username and password. After {@code steward.auth.max-failed-logins} wrong passwords in a row the user is
 * locked for {@code steward.auth.lockout}: every attempt fails during that time, right password or not, so guessing
 * is slowed to a few tries a minute. Any success, cached or not, ends the row. Messages are Cloudify's.
 * <p>
 * An unknown user, a wrong password and a locked account get the same message and cost the same bcrypt check (an
 * unknown user is checked against a dummy hash made at start with the configured cost), so neither the answer nor
 * its time tells whether a username exists.
 */
@Singleton
public class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private final TenancyStatements database;
    private final PasswordHasher hasher;
    private final CredentialCache cache;
    private final Clock clock;
    private final AccessChanges accessChanges;
    private final int maxFailedLogins;
    private final Duration lockout;
    private final AdminBootstrap bootstrap;
    /** Made in the background: bcrypt in a cold JVM takes a few hundred ms, which the first answer need not wait. */
    private final CompletableFuture<String> dummyHash;

    Authenticator(TenancyStatements database, PasswordHasher hasher, CredentialCache cache, Clock clock,
                  AccessChanges accessChanges, AdminBootstrap bootstrap,
                  @Value("${steward.auth.max-failed-logins:5}") int maxFailedLogins,
                  @Value("${steward.auth.lockout:60s}") Duration lockout) {
        this.database = database;
        this.hasher = hasher;
        this.cache = cache;
        this.clock = clock;
        this.accessChanges = accessChanges;
        this.maxFailedLogins = maxFailedLogins;
        this.lockout = lockout;
        this.bootstrap = bootstrap;
        this.dummyHash = new CompletableFuture<>();
        BackgroundThreads.daemon("steward-dummy-hash", () -> {
            try {
                dummyHash.complete(hasher.hash(UUID.randomUUID().toString()));
            } catch (RuntimeException e) {
                dummyHash.completeExceptionally(e);
            }
        }).start();
    }

    public Identity withPassword(String username, String password) {
        bootstrap.awaitAdmin();
        Optional<Account> found = load(username);
        if (found.isEmpty()) {
            hasher.matches(password, dummyHash.join());
            throw wrongCredentials(username);
        }
        Account account = found.get();
        Instant now = clock.instant();
        if (account.lockedUntil != null && account.lockedUntil.isAfter(now)) {
            hasher.matches(password, account.passwordHash);
            throw wrongCredentials(username);
        }
        if (cache.isVerified(username, password, account.passwordHash)) {
            if (account.failedLogins > 0) {
                database.write(c -> Sql.update(c, "UPDATE users SET failed_logins = 0 WHERE username = ?",
                        List.of(username)));
            }
        } else {
            if (!hasher.matches(password, account.passwordHash)) {
                recordFailure(account, now);
                throw wrongCredentials(username);
            }
            cache.remember(username, password, account.passwordHash);
            database.write(c -> Sql.update(c,
                    "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE username = ?",
                    List.of(now, username)));
        }
        if (!account.active) {
            throw wrongCredentials(username);
        }
        return new Identity(username, account.role);
    }

    /** The identity of an existing, active user, for a credential checked elsewhere (an API token). */
    public Identity ofActiveUser(String username) {
        Account account = load(username).filter(a -> a.active)
                .orElseThrow(() -> unauthenticated("User unauthorized: Unauthorized"));
        return new Identity(username, account.role);
    }

    /**
     * Counts one more failure in the database (an increment, so concurrent failures are all counted) and locks the
     * user when the row is long enough. Cached callers of this node are invalidated, so the user's next success is
     * seen here and ends the row.
     */
    private void recordFailure(Account account, Instant now) {
        boolean locked = database.write(c -> {
            Sql.update(c, "UPDATE users SET failed_logins = failed_logins + 1 WHERE username = ?",
                    List.of(account.username));
            int failures = Sql.queryOne(c, "SELECT failed_logins FROM users WHERE username = ?",
                    List.of(account.username), rs -> rs.getInt(1)).orElse(0);
            if (failures < maxFailedLogins) {
                return false;
            }
            Sql.update(c, "UPDATE users SET failed_logins = 0, locked_until = ? WHERE username = ?",
                    List.of(now.plus(lockout), account.username));
            return true;
        });
        if (locked) {
            LOG.warn("User {} locked for {} after {} failed logins in a row", account.username, lockout,
                    maxFailedLogins);
        }
        accessChanges.changed();
    }

    private Optional<Account> load(String username) {
        return database.read(c -> Sql.queryOne(c,
                "SELECT username, password_hash, system_role, active, failed_logins, locked_until FROM users"
                        + " WHERE username = ?", List.of(username),
                rs -> new Account(rs.getString("username"), rs.getString("password_hash"),
                        SystemRole.of(rs.getString("system_role")), rs.getBoolean("active"),
                        rs.getInt("failed_logins"), Sql.instant(rs, "locked_until"))));
    }

    private static AccessDeniedException wrongCredentials(String username) {
        return unauthenticated("User unauthorized: Authentication failed for <User username=`" + username
                + "`>. Wrong credentials or locked account");
    }

    static AccessDeniedException unauthenticated(String message) {
        return new AccessDeniedException(Problem.UNAUTHENTICATED, message);
    }

    private record Account(String username, String passwordHash, SystemRole role, boolean active, int failedLogins,
                           Instant lockedUntil) {
    }
}
