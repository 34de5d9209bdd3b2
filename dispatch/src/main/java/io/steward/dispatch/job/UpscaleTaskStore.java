package io.steward.dispatch.job;

import io.steward.dispatch.platform.ServiceRef;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code upscale_tasks} table, always through {@link TenantTables}: rows private to their submitter (a tenant
 * manager sees the tenant's), as unit jobs are.
 */
@Singleton
class UpscaleTaskStore {
    static final String TABLE = "upscale_tasks";

    private final TenantTables tables;

    UpscaleTaskStore(TenantTables tables) {
        this.tables = tables;
    }

    void insert(String id, String title, String label, ServiceRef service, String dimensionName, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("visibility", Visibility.PRIVATE.wire());
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("title", title);
        row.put("label", label);
        row.put("endpoint", service.endpoint());
        row.put("application", service.application());
        row.put("service_ns", service.namespace());
        row.put("dimension_name", dimensionName);
        tables.insert(TABLE, row);
    }

    Optional<Row> byId(String id) {
        return tables.findOne(TABLE, "id = ?", List.of(id), UpscaleTaskStore::map);
    }

    Optional<Row> byNumber(long number) {
        return tables.findOne(TABLE, "task_number = ?", List.of(number), UpscaleTaskStore::map);
    }

    /** The caller's visible tasks, newest first (tasks are few next to their jobs: paged here, not in SQL). */
    List<Row> list(int offset, int limit) {
        List<Row> all = new java.util.ArrayList<>(tables.find(TABLE, "1 = 1", List.of(), UpscaleTaskStore::map));
        java.util.Collections.reverse(all);
        return all.subList(Math.min(offset, all.size()), (int) Math.min((long) offset + limit, all.size()));
    }

    void delete(String id) {
        tables.deleteWhere(TABLE, "id = ?", List.of(id));
    }

    /** A task's own columns; its status comes from its unit jobs. */
    record Row(long number, String id, String title, String label, ServiceRef service, String dimensionName,
               Instant created, Instant updated) {
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("task_number"), rs.getString("id"), rs.getString("title"), rs.getString("label"),
                new ServiceRef(rs.getString("endpoint"), rs.getString("application"), rs.getString("service_ns")),
                rs.getString("dimension_name"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
