package io.steward.engine.secret;

import io.steward.engine.secret.SecretCipher.Sealed;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.store.TableSpec;
import io.steward.tenancy.store.TableSpec.Column;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Secret rows, always through {@link TenantTables}; values only ever as {@link Sealed} ciphertext. */
@Singleton
class SecretStore {
    static final String TABLE = "secrets";
    /** What lists may filter and sort on: never the value. */
    static final TableSpec SPEC = new TableSpec(TABLE, "id", Map.of(
            "key", Column.text("id"), "created_at", Column.time("created_at"),
            "updated_at", Column.time("updated_at"), "created_by", Column.text("created_by"),
            "tenant_name", Column.text("tenant_name"), "visibility", Column.text("visibility"),
            "resource_availability", Column.text("visibility")));
    private static final List<String> WITHOUT_VALUE = List.of("id", "tenant_name", "visibility", "created_by",
            "created_at", "updated_at", "is_hidden_value");

    private final TenantTables tables;

    SecretStore(TenantTables tables) {
        this.tables = tables;
    }

    void insert(String key, Visibility visibility, boolean hidden, Sealed sealed, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", key);
        row.put("visibility", visibility.wire());
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("is_hidden_value", hidden);
        row.put("key_id", sealed.keyId());
        row.put("encrypted_value", sealed.value());
        tables.insert(TABLE, row);
    }

    void update(String key, Map<String, Object> columns, Instant now) {
        Map<String, Object> values = new LinkedHashMap<>(columns);
        values.put("updated_at", now);
        tables.update(TABLE, key, values);
    }

    static Map<String, Object> valueColumns(Sealed sealed) {
        return Map.of("key_id", sealed.keyId(), "encrypted_value", sealed.value());
    }

    /** The visible secret {@code key}, with its sealed value. */
    Optional<Stored> find(String key) {
        return tables.findById(TABLE, key, rs -> new Stored(map(rs),
                new Sealed(rs.getString("key_id"), rs.getString("encrypted_value"))));
    }

    boolean takenInOwnTenant(String key) {
        return !tables.takenIdsInOwnTenant(TABLE, List.of(key)).isEmpty();
    }

    Page<Secret> list(ListQuery query) {
        return tables.list(SPEC, WITHOUT_VALUE, query, SecretStore::map);
    }

    /** Every visible secret with its sealed value, for an export. */
    List<Stored> all() {
        return tables.find(TABLE, "1 = 1", List.of(), rs -> new Stored(map(rs),
                new Sealed(rs.getString("key_id"), rs.getString("encrypted_value"))));
    }

    int delete(String key) {
        return tables.deleteWhere(TABLE, "id = ?", List.of(key));
    }

    private static Secret map(ResultSet rs) throws SQLException {
        return new Secret(rs.getString("id"), rs.getString("tenant_name"), Visibility.of(rs.getString("visibility")),
                rs.getString("created_by"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                rs.getBoolean("is_hidden_value"), "");
    }

    /** A row and its ciphertext. */
    record Stored(Secret secret, Sealed sealed) {
    }
}
