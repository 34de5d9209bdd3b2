package io.steward.tenancy.member;

import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Users: created and removed by sys_admin; anyone may read themselves. */
@Singleton
public class UserService {
    public static final String ADMIN = "admin";
    /** Cloudify's basic-auth parser needs a name that starts with an ASCII letter. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9._@-]{0,254}");
    private static final TableSpec USERS = new TableSpec("users", "username", Map.of(
            "username", Column.text("username"), "role", Column.text("system_role"),
            "active", Column.bool("active"), "created_at", Column.time("created_at"),
            "last_login_at", Column.time("last_login_at")));

    /** Cloudify's minimum for a password that is set ({@code POST /users/{u}}). */
    private static final int MIN_PASSWORD_LENGTH = 5;

    private final TenancyStatements database;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final AccessChanges accessChanges;

    UserService(TenancyStatements database, PasswordHasher hasher, Clock clock, AccessChanges accessChanges) {
        this.database = database;
        this.hasher = hasher;
        this.clock = clock;
        this.accessChanges = accessChanges;
    }

    public User create(String username, String password, SystemRole role) {
        CallerScope.current().require(Permission.USER_MANAGE);
        return createUnchecked(username, password, role);
    }

    /** Creates a user without a permission check: for the first start, before anyone can log in. */
    public User createUnchecked(String username, String password, SystemRole role) {
        requireValidUsername(username);
        requireUsablePassword(password);
        String hash = hasher.hash(password);
        return database.write(c -> {
            if (Sql.count(c, "SELECT COUNT(*) FROM users WHERE username = ?", List.of(username)) > 0) {
                throw new ConflictException(Problem.ALREADY_EXISTS, "<User username=`" + username + "`> already exists");
            }
            Sql.update(c, "INSERT INTO users (username, password_hash, system_role, active, failed_logins,"
                    + " created_at) VALUES (?, ?, ?, TRUE, 0, ?)", List.of(username, hash, role.wire(), clock.instant()));
            return find(username);
        });
    }

    public Page<User> list(ListQuery query) {
        CallerScope.current().require(Permission.USER_MANAGE);
        return PagedSelect.page(database, USERS, "1 = 1", List.of(), query, this::map);
    }

    /** A user by name: sys_admin may read anyone, others only themselves. */
    public User get(String username) {
        Caller caller = CallerScope.current();
        if (!caller.isSysAdmin() && !caller.username().equals(username)) {
            throw new NotFoundException("User", username);
        }
        User user = find(username);
        if (user == null) {
            throw new NotFoundException("User", username);
        }
        return user;
    }

    public User self() {
        return get(CallerScope.current().username());
    }

    public void delete(String username) {
        Caller caller = CallerScope.current();
        caller.require(Permission.USER_MANAGE);
        if (caller.username().equals(username)) {
            throw new ConflictException(Problem.CONFLICT, "Users cannot delete themselves");
        }
        int deleted = database.write(c -> Sql.update(c, "DELETE FROM users WHERE username = ?", List.of(username)));
        accessChanges.changed();
        if (deleted == 0) {
            throw new NotFoundException("User", username);
        }
    }

    /**
     * Sets a password: the caller's own, or anyone's for sys_admin. The old password stops working at once: the
     * password cache is keyed by the stored hash, and cached callers of this node are invalidated.
     */
    public User setPassword(String username, String password) {
        Caller caller = CallerScope.current();
        if (!caller.username().equals(username)) {
            caller.require(Permission.USER_UPDATE);
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("The password is too short. Minimum length is " + MIN_PASSWORD_LENGTH
                    + " characters");
        }
        requireUsablePassword(password);
        String hash = hasher.hash(password);
        return change(username, "UPDATE users SET password_hash = ? WHERE username = ?", hash);
    }

    /** Sets a system role (sys_admin only); the new role applies to cached callers of this node at once. */
    public User setRole(String username, String role) {
        Caller caller = CallerScope.current();
        caller.require(Permission.USER_UPDATE);
        SystemRole systemRole = SystemRole.of(role);
        // A sys_admin demoting itself could leave the manager with none.
        if (caller.username().equals(username)) {
            throw new ConflictException(Problem.CONFLICT, "Users cannot change their own role");
        }
        return change(username, "UPDATE users SET system_role = ? WHERE username = ?", systemRole.wire());
    }

    /** Cloudify's {@code show_getting_started} flag: users set their own; another user's needs {@code user_update}. */
    public User setShowGettingStarted(String username, boolean show) {
        Caller caller = CallerScope.current();
        if (!caller.username().equals(username)) {
            caller.require(Permission.USER_UPDATE);
        }
        return change(username, "UPDATE users SET show_getting_started = ? WHERE username = ?", show);
    }

    /**
     * Activates or deactivates a user (sys_admin only). An inactive user is refused on every request, by password
     * or token, from the next request on. Already in that state: 409, which Cloudify's CLI expects.
     */
    public User setActive(String username, boolean active) {
        Caller caller = CallerScope.current();
        caller.require(Permission.USER_SET_ACTIVATED);
        if (!active && caller.username().equals(username)) {
            throw new ConflictException(Problem.CONFLICT, "Users cannot deactivate themselves");
        }
        User user = existing(username);
        if (user.active() == active) {
            throw new ConflictException(Problem.CONFLICT, "User `" + username + "` is already "
                    + (active ? "active" : "inactive"));
        }
        return change(username, "UPDATE users SET active = ? WHERE username = ?", active);
    }

    /** Ends a failed-login lockout (sys_admin only); a user that is not locked: 409, as Cloudify's CLI expects. */
    public User unlock(String username) {
        CallerScope.current().require(Permission.USER_UPDATE);
        if (!existing(username).locked()) {
            throw new ConflictException(Problem.CONFLICT, "User `" + username + "` is not locked");
        }
        return change(username, "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = ?", null);
    }

    /** One update of the user's row (value first, then the username), then the cached callers are invalidated. */
    private User change(String username, String update, Object value) {
        List<Object> params = value == null ? List.of(username) : List.of(value, username);
        int updated = database.write(c -> Sql.update(c, update, params));
        accessChanges.changed();
        if (updated == 0) {
            throw new NotFoundException("User", username);
        }
        return existing(username);
    }

    private User existing(String username) {
        User user = find(username);
        if (user == null) {
            throw new NotFoundException("User", username);
        }
        return user;
    }

    public boolean exists(String username) {
        return find(username) != null;
    }

    private User find(String username) {
        return database.read(c -> Sql.queryOne(c, "SELECT * FROM users WHERE username = ?", List.of(username),
                this::map).orElse(null));
    }

    private User map(ResultSet rs) throws SQLException {
        String username = rs.getString("username");
        var lockedUntil = Sql.instant(rs, "locked_until");
        Map<String, TenantRole> tenants = database.read(c -> {
            Map<String, TenantRole> roles = new LinkedHashMap<>();
            Sql.query(c, "SELECT tenant_name, role FROM memberships WHERE username = ? ORDER BY tenant_name",
                    List.of(username), row -> roles.put(row.getString("tenant_name"), TenantRole.of(row.getString("role"))));
            return roles;
        });
        return new User(username, SystemRole.of(rs.getString("system_role")), rs.getBoolean("active"),
                lockedUntil != null && lockedUntil.isAfter(clock.instant()), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "last_login_at"), tenants, rs.getBoolean("show_getting_started"));
    }

    static void requireValidUsername(String username) {
        TenancyLengths.USERNAME.require(username);
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInputException("Invalid username `" + username + "`: use 1 to 255 letters, digits and"
                    + " . _ @ -, starting with a letter");
        }
    }

    static void requireUsablePassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("The password must not be empty");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new InvalidInputException("The password must be at most 72 bytes long (bcrypt reads no more)");
        }
    }
}
