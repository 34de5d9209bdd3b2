package io.steward.tenancy.member;

import io.micronaut.context.annotation.Value;
import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.store.TenancyStatements;
import io.steward.tenancy.store.Sql;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a username and password. After {@code steward.auth.max-failed-logins} wrong passwords in a row the user is
 * locked for {@code steward.auth.lockout}: every attempt fails during that time, right password or not, so guessing
 * is slowed to a few tries a minute. Messages are Cloudify's.
 */
@Singleton
public class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    static final String NO_AUTH = "User unauthorized: No authentication info provided";

    private final TenancyStatements database;
    private final PasswordHasher hasher;
    private final CredentialCache cache;
    private final Clock clock;
    private final AccessChanges accessChanges;
    private final int maxFailedLogins;
    private final Duration lockout;

    Authenticator(TenancyStatements database, PasswordHasher hasher, CredentialCache cache, Clock clock,
                  AccessChanges accessChanges,
                  @Value("${steward.auth.max-failed-logins:5}") int maxFailedLogins,
                  @Value("${steward.auth.lockout:60s}") Duration lockout) {
        this.database = database;
        this.hasher = hasher;
        this.cache = cache;
        this.clock = clock;
        this.accessChanges = accessChanges;
        this.maxFailedLogins = maxFailedLogins;
        this.lockout = lockout;
    }

    public Identity withPassword(String username, String password) {
        Account account = load(username).orElseThrow(() -> unauthenticated(NO_AUTH));
        Instant now = clock.instant();
        if (account.lockedUntil != null && account.lockedUntil.isAfter(now)) {
            throw wrongCredentials(username);
        }
        if (!cache.isVerified(username, password, account.passwordHash)) {
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

    private void recordFailure(Account account, Instant now) {
        int failures = account.failedLogins + 1;
        boolean lock = failures >= maxFailedLogins;
        if (lock) {
            LOG.warn("User {} locked for {} after {} failed logins", account.username, lockout, failures);
        }
        database.write(c -> Sql.update(c, "UPDATE users SET failed_logins = ?, locked_until = ? WHERE username = ?",
                Arrays.asList(lock ? 0 : failures, lock ? now.plus(lockout) : account.lockedUntil, account.username)));
        if (lock) {
            accessChanges.changed();
        }
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
