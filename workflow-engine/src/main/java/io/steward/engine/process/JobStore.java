package io.steward.engine.process;

import io.steward.engine.storage.JsonColumns;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code ogc_jobs} table: which process a job (an execution id) ran, and its execute request. */
@Singleton
class JobStore {
    static final String TABLE = "ogc_jobs";

    private final TenantTables tables;
    private final JsonColumns json;

    JobStore(TenantTables tables, JsonColumns json) {
        this.tables = tables;
        this.json = json;
    }

    /** What the table holds of a job. */
    record StoredJob(String id, String processId, ExecuteRequest request, Instant createdAt) {
    }

    void insert(String id, String processId, ExecuteRequest request, Instant createdAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("visibility", Visibility.TENANT.wire());
        row.put("created_at", createdAt);
        row.put("process_id", processId);
        row.put("request", json.write(request.toJson()));
        tables.insert(TABLE, row);
    }

    Optional<StoredJob> find(String id) {
        return tables.findById(TABLE, id, this::map);
    }

    /** Jobs of the caller's tenant, oldest first, narrowed by process ids (none: all) and a creation interval. */
    List<StoredJob> list(List<String> processIds, Instant createdFrom, Instant createdTo) {
        StringBuilder condition = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (!processIds.isEmpty()) {
            condition.append(" AND process_id IN (").append(String.join(", ",
                    java.util.Collections.nCopies(processIds.size(), "?"))).append(")");
            params.addAll(processIds);
        }
        if (createdFrom != null) {
            condition.append(" AND created_at >= ?");
            params.add(createdFrom);
        }
        if (createdTo != null) {
            condition.append(" AND created_at <= ?");
            params.add(createdTo);
        }
        return tables.find(TABLE, condition.toString(), params, this::map);
    }

    void delete(String id) {
        tables.deleteWhere(TABLE, "id = ?", List.of(id));
    }

    private StoredJob map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredJob(rs.getString("id"), rs.getString("process_id"),
                ExecuteRequest.of(json.readMap(rs.getString("request"))),
                io.steward.tenancy.store.Sql.instant(rs, "created_at"));
    }
}
