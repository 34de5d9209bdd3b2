package io.steward.tenancy.member;

import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.store.StorageException;
import io.steward.tenancy.store.TenancyStatements;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users whose credential is checked by an identity provider (an OIDC access token). The first time a name is seen it
 * becomes a Steward user, with the system role {@code default} and the configured membership, and with no password:
 * its stored hash is {@link #NO_PASSWORD}, which no password matches, so it cannot sign in with basic auth. A name
 * that belongs to a user with a password (a local user such as {@code admin}) is refused, so an identity provider
 * that lets people choose their user name cannot make anyone a local user. A deactivated user is refused.
 */
@Singleton
public class ExternalUsers {
    /** Not a bcrypt hash: no password matches it. */
    static final String NO_PASSWORD = "!external";

    private final TenancyStatements database;
    private final Clock clock;

    ExternalUsers(TenancyStatements database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * The identity of {@code username}, provisioned into {@code tenant} with {@code role} when new. Refused (401)
     * for a local or deactivated user or a name Steward cannot hold; 403 when {@code tenant} does not exist.
     */
    public Identity identify(String username, String tenant, TenantRole role) {
        Optional<Account> account = load(username);
        if (account.isEmpty()) {
            account = Optional.of(provision(username, tenant, role));
        }
        Account found = account.get();
        if (!NO_PASSWORD.equals(found.passwordHash)) {
            throw unauthenticated("User unauthorized: `" + username + "` is a local user; a token of the identity"
                    + " provider cannot act as it");
        }
        if (!found.active) {
            throw unauthenticated("User unauthorized: Unauthorized");
        }
        return new Identity(username, found.role);
    }

    private Account provision(String username, String tenant, TenantRole role) {
        try {
            UserService.requireValidUsername(username);
        } catch (InvalidInputException e) {
            throw unauthenticated("User unauthorized: the token names the user `" + username + "`, which is not a"
                    + " valid Steward user name");
        }
        Instant now = clock.instant();
        try {
            database.write(c -> {
                if (Sql.count(c, "SELECT COUNT(*) FROM tenants WHERE name = ?", List.of(tenant)) == 0) {
                    throw new AccessDeniedException(Problem.FORBIDDEN,
                            "Authorization failed: Tried to authenticate with invalid tenant name: " + tenant);
                }
                Sql.update(c, "INSERT INTO users (username, password_hash, system_role, active, failed_logins,"
                        + " created_at) VALUES (?, ?, ?, TRUE, 0, ?)",
                        List.of(username, NO_PASSWORD, SystemRole.DEFAULT.wire(), now));
                return Sql.update(c, "INSERT INTO memberships (tenant_name, username, role, created_at)"
                        + " VALUES (?, ?, ?, ?)", List.of(tenant, username, role.wire(), now));
            });
        } catch (StorageException e) {
            if (e.isForeignKeyViolation()) {
                throw new AccessDeniedException(Problem.FORBIDDEN,
                        "Authorization failed: Tried to authenticate with invalid tenant name: " + tenant);
            }
            // Two first requests of the same user at once: the other one provisioned it.
            if (!e.isDuplicateKey()) {
                throw e;
            }
        }
        return load(username).orElseThrow(() -> unauthenticated("User unauthorized: Unauthorized"));
    }

    private Optional<Account> load(String username) {
        return database.read(c -> Sql.queryOne(c,
                "SELECT password_hash, system_role, active FROM users WHERE username = ?", List.of(username),
                rs -> new Account(rs.getString("password_hash"), SystemRole.of(rs.getString("system_role")),
                        rs.getBoolean("active"))));
    }

    private static AccessDeniedException unauthenticated(String message) {
        return new AccessDeniedException(Problem.UNAUTHENTICATED, message);
    }

    private record Account(String passwordHash, SystemRole role, boolean active) {
    }
}
