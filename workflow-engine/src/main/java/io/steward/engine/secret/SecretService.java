package io.steward.engine.secret;

import io.steward.engine.secret.SecretStore.Stored;
import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cloudify's secrets: create, read, list, update, delete, visibility. Values are stored only sealed by
 * {@link SecretCipher}. A hidden value is shown only to its creator and the tenant's administrators; others read an
 * empty value and may not change or delete it.
 */
@Singleton
public class SecretService {
    /** Cloudify's rule for resource ids: url-safe characters, starting with a letter. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9._~-]*");
    /** Credentials, certificates and small JSON documents fit; a secret is no place for a file. */
    static final int MAX_VALUE_LENGTH = 65_536;

    private final SecretStore store;
    private final SecretCipher cipher;
    private final TenantTables tables;
    private final Clock clock;

    SecretService(SecretStore store, SecretCipher cipher, TenantTables tables, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.tables = tables;
        this.clock = clock;
    }

    /** What a create asks for; {@code visibility} null means {@code tenant}. */
    public record NewSecret(String key, String value, boolean updateIfExists, boolean hiddenValue,
                            Visibility visibility) {
    }

    public Secret create(NewSecret request) {
        Caller caller = CallerScope.current();
        caller.require(Permission.SECRET_CREATE);
        String key = validKey(request.key());
        if (request.value() == null) {
            throw new InvalidInputException("Missing value in json request body");
        }
        boundedValue(request.value());
        Visibility visibility = request.visibility() == null ? Visibility.TENANT : request.visibility();
        if (visibility == Visibility.GLOBAL) {
            caller.require(Permission.CREATE_GLOBAL_RESOURCE);
        }
        return tables.inOneTransaction(() -> {
            Optional<Stored> existing = store.find(key);
            if (existing.isPresent() || store.takenInOwnTenant(key)) {
                if (!request.updateIfExists() || existing.isEmpty()) {
                    throw new ConflictException(Problem.ALREADY_EXISTS, "secret with id `" + key
                            + "` already exists");
                }
                Secret secret = modifiable(caller, existing.get().secret());
                store.update(key, SecretStore.valueColumns(cipher.seal(caller.tenant(), key, request.value())),
                        clock.instant());
                return shown(caller, secret.key());
            }
            store.insert(key, visibility, request.hiddenValue(), cipher.seal(caller.tenant(), key, request.value()),
                    clock.instant());
            return shown(caller, key);
        });
    }

    /** The secret with its clear value when the caller may see it ({@code skipValue}: never). */
    public Secret get(String key, boolean skipValue) {
        Caller caller = CallerScope.current();
        caller.require(Permission.SECRET_GET);
        Stored stored = find(key);
        boolean shown = !skipValue && mayReadValue(caller, stored.secret());
        return shown ? stored.secret().withValue(open(stored)) : stored.secret();
    }

    /** One page of visible secrets, never with values. */
    public Page<Secret> list(ListQuery query) {
        CallerScope.current().require(Permission.SECRET_LIST);
        return store.list(query);
    }

    /** What an update changes; null fields stay as they are. */
    public record SecretChanges(String value, Visibility visibility, Boolean hiddenValue) {
    }

    public Secret update(String key, SecretChanges changes) {
        Caller caller = CallerScope.current();
        caller.require(Permission.SECRET_UPDATE);
        return tables.inOneTransaction(() -> {
            Secret secret = modifiable(caller, find(key).secret());
            Map<String, Object> columns = new LinkedHashMap<>();
            if (changes.value() != null) {
                boundedValue(changes.value());
                columns.putAll(SecretStore.valueColumns(cipher.seal(caller.tenant(), key, changes.value())));
            }
            if (changes.hiddenValue() != null) {
                columns.put("is_hidden_value", changes.hiddenValue());
            }
            if (changes.visibility() != null) {
                columns.put("visibility", allowedVisibility(caller, secret, changes.visibility()).wire());
            }
            if (!columns.isEmpty()) {
                store.update(key, columns, clock.instant());
            }
            return shown(caller, key);
        });
    }

    /** Cloudify's set-visibility: only widening, never to {@code private}; {@code global} needs sys_admin. */
    public Secret setVisibility(String key, Visibility visibility) {
        Caller caller = CallerScope.current();
        caller.require(Permission.SECRET_UPDATE);
        return tables.inOneTransaction(() -> {
            Secret secret = modifiable(caller, find(key).secret());
            store.update(key, Map.of("visibility", allowedVisibility(caller, secret, visibility).wire()),
                    clock.instant());
            return shown(caller, key);
        });
    }

    public void delete(String key) {
        Caller caller = CallerScope.current();
        caller.require(Permission.SECRET_DELETE);
        tables.inOneTransaction(() -> {
            modifiable(caller, find(key).secret());
            store.delete(key);
        });
    }

    /** The visible secrets with clear values, hidden ones the caller may not read left out (Cloudify's export). */
    public List<Secret> export() {
        Caller caller = CallerScope.current();
        caller.require(Permission.SECRET_GET);
        List<Secret> out = new ArrayList<>();
        for (Stored stored : store.all()) {
            if (mayReadValue(caller, stored.secret())) {
                out.add(stored.secret().withValue(open(stored)));
            }
        }
        return out;
    }

    /**
     * The clear value of {@code key} for a blueprint's {@code get_secret}, read as the execution's caller. Hidden
     * values resolve too: a blueprint uses a credential its author need not be able to read.
     */
    public String valueForBlueprint(String key) {
        Stored stored = store.find(key).orElseThrow(() -> new InvalidInputException(Problem.INVALID_INPUT,
                "get_secret: secret `" + key + "` does not exist in this tenant"));
        return open(stored);
    }

    /**
     * The clear value of {@code key} for outputs and capabilities, which the caller reads directly: a hidden value
     * stays masked to whoever may not see it (its creator and the tenant's administrators may), so it is refused.
     */
    public String valueForReader(String key) {
        Caller caller = CallerScope.current();
        Stored stored = store.find(key).orElseThrow(() -> new InvalidInputException(Problem.INVALID_INPUT,
                "get_secret: secret `" + key + "` does not exist in this tenant"));
        if (!mayReadValue(caller, stored.secret())) {
            throw new InvalidInputException(Problem.INVALID_INPUT, "get_secret: secret `" + key + "` has a hidden "
                    + "value, which only its creator and the tenant's administrators may read");
        }
        return open(stored);
    }

    /** Of {@code keys}, those no visible secret has: a deployment refuses to be made while any is missing. */
    public List<String> missing(Collection<String> keys) {
        return keys.stream().distinct().filter(key -> store.find(key).isEmpty()).sorted().toList();
    }

    private Stored find(String key) {
        return store.find(key).orElseThrow(() -> new NotFoundException("Secret", key));
    }

    private String open(Stored stored) {
        Secret secret = stored.secret();
        return cipher.open(secret.tenantName(), secret.key(), stored.sealed());
    }

    private Secret shown(Caller caller, String key) {
        Stored stored = find(key);
        return mayReadValue(caller, stored.secret()) ? stored.secret().withValue(open(stored)) : stored.secret();
    }

    /** Cloudify's "permitted" for a hidden value: its creator, or an administrator of the tenant. */
    private static boolean mayReadValue(Caller caller, Secret secret) {
        return !secret.hiddenValue() || secret.createdBy().equals(caller.username())
                || caller.has(Permission.ADMINISTRATORS);
    }

    /** A secret of the caller's own tenant whose value the caller may change. */
    private static Secret modifiable(Caller caller, Secret secret) {
        if (!secret.tenantName().equals(caller.tenant())) {
            throw new AccessDeniedException(Problem.FORBIDDEN, "Secret `" + secret.key() + "` belongs to tenant `"
                    + secret.tenantName() + "`: it can be changed only there");
        }
        if (!mayReadValue(caller, secret)) {
            throw new AccessDeniedException(Problem.FORBIDDEN, "User `" + caller.username()
                    + "` is not permitted to modify the hidden value secret `" + secret.key() + "`");
        }
        return secret;
    }

    private static Visibility allowedVisibility(Caller caller, Secret secret, Visibility wanted) {
        if (wanted == Visibility.PRIVATE && secret.visibility() != Visibility.PRIVATE) {
            throw new InvalidInputException("Invalid visibility: `private`. Valid visibility's values are: "
                    + "[tenant, global]");
        }
        if (wanted == Visibility.GLOBAL) {
            caller.require(Permission.CREATE_GLOBAL_RESOURCE);
        }
        if (wanted.ordinal() < secret.visibility().ordinal()) {
            throw new ConflictException(Problem.ILLEGAL_ACTION, "Can't set the visibility of secret `" + secret.key()
                    + "` to " + wanted.wire() + " because it already has wider visibility");
        }
        return wanted;
    }

    private static void boundedValue(String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidInputException("`value` is too long: " + value.length() + " characters, at most "
                    + MAX_VALUE_LENGTH);
        }
    }

    private static String validKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException("The `key` argument is empty");
        }
        EngineLengths.SECRET_KEY.require(key);
        if (!KEY.matcher(key).matches()) {
            throw new InvalidInputException("The `key` argument contains illegal characters or does not start with "
                    + "a letter: `" + key + "`. Only letters, digits and `.`, `_`, `~`, `-` are allowed");
        }
        return key;
    }
}
