package io.steward.engine.blueprint;

import io.steward.engine.storage.JsonColumns;
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

/** Blueprint rows, always through {@link TenantTables}. */
@Singleton
class BlueprintStore {
    static final String TABLE = "blueprints";
    static final TableSpec SPEC = new TableSpec(TABLE, "id", Map.of(
            "id", Column.text("id"), "state", Column.text("state"), "main_file_name", Column.text("main_file_name"),
            "created_at", Column.time("created_at"), "updated_at", Column.time("updated_at"),
            "created_by", Column.text("created_by"), "tenant_name", Column.text("tenant_name"),
            "visibility", Column.text("visibility"), "resource_availability", Column.text("visibility")));

    private final TenantTables tables;
    private final JsonColumns json;

    BlueprintStore(TenantTables tables, JsonColumns json) {
        this.tables = tables;
        this.json = json;
    }

    void insert(String id, Visibility visibility, String mainFileName, String description, Map<String, Object> plan,
                byte[] archive, Instant now) {
        Map<String, Object> row = row(id, visibility, mainFileName, archive, now);
        row.put("state", Blueprint.UPLOADED);
        row.put("description", description);
        row.put("plan", json.write(plan));
        tables.insert(TABLE, row);
    }

    /** A blueprint whose parse failed: no plan, the error instead. */
    void insertInvalid(String id, Visibility visibility, String mainFileName, byte[] archive, String error,
                       Instant now) {
        Map<String, Object> row = row(id, visibility, mainFileName, archive, now);
        row.put("state", Blueprint.INVALID);
        row.put("error", error);
        row.put("error_traceback", error);
        tables.insert(TABLE, row);
    }

    private static Map<String, Object> row(String id, Visibility visibility, String mainFileName, byte[] archive,
                                           Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("visibility", visibility.wire());
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("main_file_name", mainFileName);
        row.put("archive", archive);
        return row;
    }

    /** Sets the visibility of the caller's own blueprint {@code id}. */
    void touch(String id, Instant now) {
        tables.update(TABLE, id, Map.of("updated_at", now));
    }

    void updateVisibility(String id, Visibility visibility, Instant now) {
        tables.update(TABLE, id, Map.of("visibility", visibility.wire(), "updated_at", now));
    }

    /** Sets the description of the caller's own blueprint {@code id}. */
    void updateDescription(String id, String description, Instant now) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("description", description);
        values.put("updated_at", now);
        tables.update(TABLE, id, values);
    }

    Optional<Blueprint> find(String id) {
        return tables.findById(TABLE, id, this::map);
    }

    /** The blueprint without its plan: what a start needs, and much cheaper than parsing the stored plan. */
    Optional<Blueprint> findWithoutPlan(String id) {
        return tables.findById(TABLE, List.of("id", "tenant_name", "visibility", "created_by", "created_at",
                "updated_at", "state", "main_file_name", "description"), id, rs -> new Blueprint(rs.getString("id"),
                rs.getString("tenant_name"),
                Visibility.of(rs.getString("visibility")), rs.getString("created_by"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getString("state"), rs.getString("main_file_name"),
                rs.getString("description"), Map.of()));
    }

    Optional<byte[]> archive(String id) {
        return tables.findById(TABLE, id, rs -> rs.getBytes("archive"));
    }

    Page<Blueprint> list(List<io.steward.tenancy.store.FilterRule> rules,
                         io.steward.tenancy.store.FilterRules.LabelTable labels, ListQuery query) {
        return tables.list(SPEC, labels, rules, query, this::map);
    }

    Page<Blueprint> list(ListQuery query) {
        return tables.list(SPEC, query, this::map);
    }

    int delete(String id) {
        return tables.deleteWhere(TABLE, "id = ?", List.of(id));
    }

    private Blueprint map(ResultSet rs) throws SQLException {
        return new Blueprint(rs.getString("id"), rs.getString("tenant_name"), Visibility.of(rs.getString("visibility")),
                rs.getString("created_by"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                rs.getString("state"), rs.getString("main_file_name"), rs.getString("description"),
                rs.getString("plan") == null ? null : json.readMap(rs.getString("plan")), rs.getString("error"),
                rs.getString("error_traceback"));
    }
}
