package io.steward.engine.label;

import io.steward.engine.storage.JsonColumns;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.FilterRule;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.store.TableSpec;
import io.steward.tenancy.store.TableSpec.Column;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Saved filter rows, always through {@link TenantTables}. */
@Singleton
class FilterStore {
    static final String TABLE = "filters";
    static final TableSpec SPEC = new TableSpec(TABLE, "id", Map.of(
            "id", Column.text("id"), "created_at", Column.time("created_at"), "updated_at", Column.time("updated_at"),
            "created_by", Column.text("created_by"), "tenant_name", Column.text("tenant_name"),
            "visibility", Column.text("visibility"), "resource_availability", Column.text("visibility")));

    private final TenantTables tables;
    private final JsonColumns json;

    FilterStore(TenantTables tables, JsonColumns json) {
        this.tables = tables;
        this.json = json;
    }

    void insert(SavedFilter filter) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", kindColumn(filter.kind()));
        row.put("id", filter.id());
        row.put("visibility", filter.visibility().wire());
        row.put("created_at", filter.createdAt());
        row.put("updated_at", filter.updatedAt());
        row.put("rules", json.write(rulesJson(filter.rules())));
        tables.insert(TABLE, row);
    }

    Optional<SavedFilter> find(LabelledKind kind, String id) {
        return tables.findOne(TABLE, "kind = ? AND id = ?", List.of(kindColumn(kind), id), this::map);
    }

    boolean idTaken(LabelledKind kind, String id) {
        return tables.count(TABLE, "kind = ? AND id = ?", List.of(kindColumn(kind), id)) > 0;
    }

    Page<SavedFilter> list(LabelledKind kind, ListQuery query) {
        return tables.list(SPEC, "kind = ?", List.of(kindColumn(kind)), query, this::map);
    }

    void update(LabelledKind kind, String id, Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.computeIfPresent("rules", (k, v) -> json.write(rulesJson(castRules(v))));
        tables.updateWhere(TABLE, "kind = ? AND id = ?", List.of(kindColumn(kind), id), row);
    }

    void delete(LabelledKind kind, String id) {
        tables.deleteWhere(TABLE, "kind = ? AND id = ?", List.of(kindColumn(kind), id));
    }

    @SuppressWarnings("unchecked")
    private static List<FilterRule> castRules(Object value) {
        return (List<FilterRule>) value;
    }

    private static String kindColumn(LabelledKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static List<Map<String, Object>> rulesJson(List<FilterRule> rules) {
        return rules.stream().map(r -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("key", r.key());
            one.put("values", r.values());
            one.put("operator", r.operator().wire());
            one.put("type", r.type().name().toLowerCase(Locale.ROOT));
            return one;
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private SavedFilter map(ResultSet rs) throws SQLException {
        List<FilterRule> rules = json.readList(rs.getString("rules")).stream().map(o -> {
            Map<String, Object> m = (Map<String, Object>) o;
            return new FilterRule((String) m.get("key"), (List<String>) m.get("values"),
                    FilterRule.Operator.valueOf(((String) m.get("operator")).toUpperCase(Locale.ROOT)),
                    FilterRule.Type.valueOf(((String) m.get("type")).toUpperCase(Locale.ROOT)));
        }).toList();
        return new SavedFilter(rs.getString("id"),
                LabelledKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getString("tenant_name"),
                Visibility.of(rs.getString("visibility")), rs.getString("created_by"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rules);
    }
}
