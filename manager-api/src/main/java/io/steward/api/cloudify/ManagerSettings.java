package io.steward.api.cloudify;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.steward.api.cloudify.wire.Timestamps;
import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.manager.SettingsStore;
import io.steward.tenancy.manager.SettingsStore.StoredSetting;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.store.ListQuery;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cloudify's config items ({@code GET/PUT /config}) for the settings Steward has. The blueprint folder limits are
 * read by Cloudify's client before an upload and are changed here, stored in the database for every server; the
 * others are the server's own configuration (environment variables, see the README), shown as they are and not
 * editable at run time.
 */
@Singleton
class ManagerSettings {
    static final String REST = "rest";

    private final SettingsStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final List<Setting> catalog;

    ManagerSettings(SettingsStore store, JsonMapper json, Clock clock,
                    @Value("${steward.engine.max-running-executions:20}") int maxRunning,
                    @Value("${steward.auth.max-failed-logins:5}") int maxFailedLogins) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.catalog = List.of(
                new Setting("blueprint_folder_max_size_mb", REST, 50, schema("number", 0), true),
                new Setting("blueprint_folder_max_files", REST, 10_000, schema("integer", 0), true),
                new Setting("default_page_size", REST, ListQuery.DEFAULT_SIZE, schema("integer", 1), false),
                new Setting("max_concurrent_workflows", REST, maxRunning, schema("integer", 1), false),
                new Setting("failed_logins_before_account_lock", REST, maxFailedLogins, schema("integer", 1),
                        false));
    }

    /** Every item of {@code scope} (every scope when null), in the catalog's order. */
    List<Map<String, Object>> items(String scope) {
        Map<String, StoredSetting> stored = stored();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Setting setting : catalog) {
            if (scope == null || setting.scope.equals(scope)) {
                items.add(render(setting, stored.get(setting.key())));
            }
        }
        return items;
    }

    /** One item by {@code name} or {@code scope.name} (split at the last dot, as Cloudify does). */
    Map<String, Object> item(String name) {
        Setting setting = find(name);
        return render(setting, stored().get(setting.key()));
    }

    /** {@code PUT /config/{name}}: administrators only; the value is coerced to the schema's type, then checked. */
    Map<String, Object> put(String name, Object value, boolean force) {
        Caller caller = CallerScope.current();
        caller.require(Permission.MANAGER_CONFIG_PUT);
        Setting setting = find(name);
        if (!setting.editable) {
            throw new ConflictException(Problem.CONFLICT, force
                    ? setting.name + " is not editable: Steward takes it from the server's configuration at start"
                    : setting.name + " is not editable");
        }
        if (setting.adminOnly && !caller.isSysAdmin()) {
            throw new AccessDeniedException(Problem.UNAUTHENTICATED, "Only administrators may change " + name);
        }
        Object coerced = coerce(setting, value);
        store.put(new StoredSetting(setting.scope, setting.name, write(coerced), clock.instant(),
                caller.username()));
        return item(setting.scope + "." + setting.name);
    }

    /** The blueprint folder limits as top-level {@code {"value": n}} entries, which Cloudify's client looks up. */
    Map<String, Object> clientLimits() {
        Map<String, StoredSetting> stored = stored();
        Map<String, Object> limits = new LinkedHashMap<>();
        for (Setting setting : catalog) {
            if (setting.name.startsWith("blueprint_folder_")) {
                limits.put(setting.name, Map.of("value", valueOf(setting, stored.get(setting.key()))));
            }
        }
        return limits;
    }

    private Setting find(String name) {
        int dot = name.lastIndexOf('.');
        String scope = dot < 0 ? null : name.substring(0, dot);
        String bare = dot < 0 ? name : name.substring(dot + 1);
        List<Setting> matching = catalog.stream()
                .filter(s -> s.name.equals(bare) && (scope == null || s.scope.equals(scope))).toList();
        if (matching.isEmpty()) {
            throw new NotFoundException("config", name);
        }
        // Names are unique across Steward's scopes, so Cloudify's ambiguous_name case cannot arise.
        return matching.get(0);
    }

    private Object coerce(Setting setting, Object value) {
        String type = (String) setting.schema.get("type");
        Number number = number(value, setting);
        if ("integer".equals(type)) {
            try {
                number = new BigDecimal(number.toString()).intValueExact();
            } catch (ArithmeticException e) {
                throw invalid(setting, value + " is not of type 'integer'");
            }
        } else {
            number = number.doubleValue();
        }
        Number minimum = (Number) setting.schema.get("minimum");
        if (minimum != null && number.doubleValue() < minimum.doubleValue()) {
            throw invalid(setting, number + " is less than the minimum of " + minimum);
        }
        return number;
    }

    private static Number number(Object value, Setting setting) {
        if (value instanceof Number n) {
            return n;
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw invalid(setting, "'" + value + "' is not of type '" + setting.schema.get("type") + "'");
    }

    private static ConflictException invalid(Setting setting, String reason) {
        return new ConflictException(Problem.CONFLICT, "Error validating " + setting.name + ": " + reason);
    }

    private Map<String, Object> render(Setting setting, StoredSetting stored) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", setting.name);
        item.put("value", valueOf(setting, stored));
        item.put("schema", setting.schema);
        item.put("scope", setting.scope);
        item.put("is_editable", setting.editable);
        item.put("admin_only", setting.adminOnly);
        Instant updated = stored == null ? null : stored.updatedAt();
        item.put("updated_at", Timestamps.format(updated));
        item.put("updater_name", stored == null ? null : stored.updaterName());
        return item;
    }

    private Object valueOf(Setting setting, StoredSetting stored) {
        if (stored == null || !setting.editable) {
            return setting.defaultValue;
        }
        try {
            return json.readValue(stored.value(), Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new IllegalStateException("Stored setting " + setting.key() + " is not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new InvalidInputException("Value cannot be stored: " + e.getMessage());
        }
    }

    private Map<String, StoredSetting> stored() {
        Map<String, StoredSetting> byKey = new LinkedHashMap<>();
        store.all().forEach(s -> byKey.put(s.scope() + "." + s.name(), s));
        return byKey;
    }

    private static Map<String, Object> schema(String type, int minimum) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", type);
        schema.put("minimum", minimum);
        return schema;
    }

    /** One config item Steward has: its default (or configured) value, JSON schema and whether PUT may change it. */
    private record Setting(String name, String scope, Object defaultValue, Map<String, Object> schema,
                           boolean editable, boolean adminOnly) {
        Setting(String name, String scope, Object defaultValue, Map<String, Object> schema, boolean editable) {
            this(name, scope, defaultValue, schema, editable, false);
        }

        String key() {
            return scope + "." + name;
        }
    }
}
