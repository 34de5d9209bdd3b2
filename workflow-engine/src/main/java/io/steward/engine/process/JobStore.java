package io.steward.engine.process;

import io.steward.engine.execution.ExecutionQueries;
import io.steward.engine.execution.ExecutionStatus;
import io.steward.engine.storage.JsonColumns;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.Page;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The {@code ogc_jobs} table: which process a job (an execution id) ran, and its execute request. Jobs are read
 * joined with their executions, so a job and its status cost one statement and a filtered page two (rows and count),
 * whatever the history length. A job whose execution was deleted through the executions API went with it.
 */
@Singleton
class JobStore {
    static final String TABLE = "ogc_jobs";
    private static final TenantTables.Join WITH_EXECUTION = new TenantTables.Join(TABLE, "j", "executions", "e",
            "e.tenant_name = j.tenant_name AND e.id = j.id");
    private static final String COLUMNS = "e.*, j.process_id, j.request";
    private static final String OLDEST_FIRST = "j.created_at, j.id";

    private final TenantTables tables;
    private final JsonColumns json;
    private final ExecutionQueries executions;

    JobStore(TenantTables tables, JsonColumns json, ExecutionQueries executions) {
        this.tables = tables;
        this.json = json;
        this.executions = executions;
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

    Optional<Job> find(String id) {
        return tables.findJoined(WITH_EXECUTION, COLUMNS, "j.id = ?", List.of(id), OLDEST_FIRST, 0, 1, this::map)
                .stream().findFirst();
    }

    /** The page of the caller's tenant's jobs that {@code filter} asks for, oldest first, and how many match. */
    Page<Job> list(JobFilter filter, Instant now) {
        List<Object> params = new ArrayList<>();
        String condition = condition(filter, now, params);
        List<Job> rows = tables.findJoined(WITH_EXECUTION, COLUMNS, condition, params, OLDEST_FIRST,
                filter.offset(), filter.limit(), this::map);
        long matched = tables.countJoined(WITH_EXECUTION, condition, params);
        return new Page<>(rows, matched);
    }

    void delete(String id) {
        tables.deleteWhere(TABLE, "id = ?", List.of(id));
    }

    /**
     * The filter as SQL. Durations follow OGC: finished (or now, while running) minus started, whole seconds, and
     * jobs that never started have none; without a status filter only running and finished jobs are considered.
     */
    private static String condition(JobFilter filter, Instant now, List<Object> params) {
        StringBuilder sql = new StringBuilder("1 = 1");
        if (!filter.processIds().isEmpty()) {
            sql.append(" AND j.process_id IN (").append(marks(filter.processIds(), params)).append(")");
        }
        if (filter.createdFrom() != null) {
            sql.append(" AND j.created_at >= ?");
            params.add(filter.createdFrom());
        }
        if (filter.createdTo() != null) {
            sql.append(" AND j.created_at <= ?");
            params.add(filter.createdTo());
        }
        if (!filter.statuses().isEmpty()) {
            List<String> wanted = filter.statuses().stream().flatMap(s -> s.executionStatuses().stream())
                    .map(ExecutionStatus::wire).toList();
            sql.append(" AND e.status IN (").append(marks(wanted, params)).append(")");
        }
        if (filter.minDurationSeconds() != null || filter.maxDurationSeconds() != null) {
            sql.append(" AND e.started_at IS NOT NULL");
            if (filter.statuses().isEmpty()) {
                List<String> accepted = JobStatus.ACCEPTED.executionStatuses().stream()
                        .map(ExecutionStatus::wire).toList();
                sql.append(" AND e.status NOT IN (").append(marks(accepted, params)).append(")");
            }
            String seconds = "(EXTRACT(EPOCH FROM COALESCE(e.ended_at, ?)) - EXTRACT(EPOCH FROM e.started_at))";
            // Whole seconds, rounded down: at least min when the exact span is >= min, at most max when < max + 1.
            if (filter.minDurationSeconds() != null) {
                sql.append(" AND ").append(seconds).append(" >= ?");
                params.add(now);
                params.add(filter.minDurationSeconds());
            }
            if (filter.maxDurationSeconds() != null) {
                sql.append(" AND ").append(seconds).append(" < ?");
                params.add(now);
                params.add(filter.maxDurationSeconds() + 1);
            }
        }
        return sql.toString();
    }

    private static String marks(Collection<String> values, List<Object> params) {
        StringJoiner marks = new StringJoiner(", ");
        for (String value : values) {
            marks.add("?");
            params.add(value);
        }
        return marks.toString();
    }

    private Job map(ResultSet rs) throws SQLException {
        return new Job(rs.getString("id"), rs.getString("process_id"),
                ExecuteRequest.of(json.readMap(rs.getString("request"))), executions.fromRow(rs));
    }
}
