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

    /** What an import did: per tenant the keys that already existed, per entry index what was wrong with it. */
    public record ImportResult(Map<String, List<String>> collidingSecrets,
                               Map<String, Map<String, Object>> secretsErrors) {
    }

    /** The fields every exported entry carries (Cloudify's import refuses an entry lacking one). */
    private static final List<String> IMPORT_FIELDS = List.of("key", "value", "visibility", "tenant_name",
            "is_hidden_value", "encrypted");

    /**
     * Cloudify's {@code cfy secrets import}: each entry of an export becomes a secret of its tenant (renamed by
     * {@code tenantMap}), its value decrypted with {@code passphrase} when the entry is {@code encrypted}. An
     * existing key is a collision, replaced only with {@code override}. A wrong entry is reported under its index
     * and the others go on. Steward imports into the request's tenant only: an entry of another tenant is reported,
     * not written, since the caller acts in one tenant per request.
     */
    public ImportResult importSecrets(List<?> entries, Map<String, String> tenantMap, String passphrase,
                                      boolean override) {
        Caller caller = CallerScope.current();
        caller.require(Permission.SECRET_CREATE);
        ExportPassphrase key = passphrase == null || passphrase.isEmpty() ? null : ExportPassphrase.of(passphrase);
        Map<String, List<String>> colliding = new LinkedHashMap<>();
        Map<String, Map<String, Object>> errors = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> problems = new LinkedHashMap<>();
            Object entry = entries.get(i);
            if (!(entry instanceof Map<?, ?> fields)) {
                problems.put("secret", "an entry must be a JSON object");
            } else {
                importOne(caller, fields, tenantMap, key, override, colliding, problems);
            }
            if (!problems.isEmpty()) {
                errors.put(String.valueOf(i), problems);
            }
        }
        return new ImportResult(colliding, errors);
    }

    private void importOne(Caller caller, Map<?, ?> fields, Map<String, String> tenantMap, ExportPassphrase key,
                           boolean override, Map<String, List<String>> colliding, Map<String, Object> problems) {
        List<String> missing = IMPORT_FIELDS.stream().filter(f -> fields.get(f) == null).toList();
        if (!missing.isEmpty()) {
            problems.put("missing secret fields", missing);
            return;
        }
        String origin = String.valueOf(fields.get("tenant_name"));
        String tenant = tenantMap.getOrDefault(origin, origin);
        if (!tenant.equals(caller.tenant())) {
            problems.put("tenant_name", "Steward imports into the request's tenant only (`" + caller.tenant()
                    + "`), not `" + tenant + "`: import it with the Tenant header of `" + tenant + "`, or map it"
                    + " there with the tenant map");
            return;
        }
        if (!(fields.get("is_hidden_value") instanceof Boolean hidden)) {
            problems.put("is_hidden_value", "must be true or false");
            return;
        }
        if (!(fields.get("encrypted") instanceof Boolean encrypted)) {
            problems.put("encrypted", "must be true or false");
            return;
        }
        if (!(fields.get("key") instanceof String name) || !(fields.get("value") instanceof String value)
                || !(fields.get("visibility") instanceof String visibilityName)) {
            problems.put("secret", "key, value and visibility must be strings");
            return;
        }
        Visibility visibility;
        try {
            validKey(name);
        } catch (InvalidInputException e) {
            problems.put("key", e.getMessage());
            return;
        }
        try {
            visibility = Visibility.of(visibilityName);
        } catch (InvalidInputException e) {
            problems.put("visibility", e.getMessage());
            return;
        }
        if (visibility == Visibility.GLOBAL && !caller.has(Permission.CREATE_GLOBAL_RESOURCE)) {
            problems.put("visibility", "only sys_admin may create a global secret");
            return;
        }
        if (encrypted && key == null) {
            problems.put("value", "the value is encrypted and no passphrase was given");
            return;
        }
        String clear;
        try {
            clear = encrypted ? key.decrypt(value) : value;
            boundedValue(clear);
        } catch (InvalidInputException e) {
            problems.put("value", e.getMessage());
            return;
        }
        try {
            tables.inOneTransaction(() -> {
                Optional<Stored> existing = store.find(name);
                if (existing.isEmpty() && !store.takenInOwnTenant(name)) {
                    store.insert(name, visibility, hidden, cipher.seal(caller.tenant(), name, clear), clock.instant());
                    return;
                }
                colliding.computeIfAbsent(tenant, t -> new ArrayList<>()).add(name);
                if (!override) {
                    return;
                }
                if (existing.isEmpty()) {
                    throw new AccessDeniedException(Problem.FORBIDDEN, "a private secret of another user has this"
                            + " key");
                }
                modifiable(caller, existing.get().secret());
                Map<String, Object> columns = new LinkedHashMap<>(SecretStore.valueColumns(
                        cipher.seal(caller.tenant(), name, clear)));
                columns.put("is_hidden_value", hidden);
                columns.put("visibility", visibility.wire());
                store.update(name, columns, clock.instant());
            });
        } catch (AccessDeniedException e) {
            problems.put("key", e.getMessage());
        }
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
