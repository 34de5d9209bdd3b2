package io.steward.tenancy.manager;

import io.steward.tenancy.store.TenancyStatements;
import io.steward.tenancy.store.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Manager settings an administrator changed ({@code manager_settings}, keyed by scope and name), stored as JSON
 * text. Which settings exist, their defaults and schemas are the API's business; this only keeps changed values.
 */
@Singleton
public class SettingsStore {
    private final TenancyStatements database;

    SettingsStore(TenancyStatements database) {
        this.database = database;
    }

    public List<StoredSetting> all() {
        return database.read(c -> Sql.query(c, "SELECT * FROM manager_settings ORDER BY scope, name", List.of(),
                rs -> new StoredSetting(rs.getString("scope"), rs.getString("name"), rs.getString("value_json"),
                        Sql.instant(rs, "updated_at"), rs.getString("updater_name"))));
    }

    /** Stores {@code setting}, replacing the value it had. */
    public void put(StoredSetting setting) {
        database.write(c -> {
            List<Object> values = Arrays.asList(setting.value(), setting.updatedAt(), setting.updaterName(),
                    setting.scope(), setting.name());
            if (Sql.update(c, "UPDATE manager_settings SET value_json = ?, updated_at = ?, updater_name = ?"
                    + " WHERE scope = ? AND name = ?", values) == 0) {
                Sql.update(c, "INSERT INTO manager_settings (value_json, updated_at, updater_name, scope, name)"
                        + " VALUES (?, ?, ?, ?, ?)", values);
            }
            return null;
        });
    }

    /** One changed setting: {@code value} is JSON text. */
    public record StoredSetting(String scope, String name, String value, Instant updatedAt, String updaterName) {
    }
}
