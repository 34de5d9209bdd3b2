package io.steward.ogc.process;

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

    /** Stores a job; one whose request names a subscriber is open for callbacks, with links under {@code root}. */
    void insert(String id, String processId, ExecuteRequest request, Instant createdAt, String root) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("visibility", Visibility.TENANT.wire());
        row.put("created_at", createdAt);
        row.put("process_id", processId);
        row.put("request", json.write(request.toJson()));
        row.put("callback_open", request.subscriber() != null);
        row.put("callback_root", root);
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

    /** A job whose subscriber has a notification due: its execution moved past what the subscriber was told. */
    record DueCallback(String tenant, String id, String createdBy, String root, String notified, int attempts) {
    }

    /**
     * Open jobs of every tenant with a notification due at {@code now} and not claimed by a delivery in progress:
     * running and not yet told so, or ended and not yet told that. At most {@code limit}.
     */
    List<DueCallback> dueCallbacksAcrossTenants(Instant now, int limit) {
        List<Object> params = new ArrayList<>(List.of(now, now));
        String accepted = marks(wires(JobStatus.ACCEPTED), params);
        params.add(JobStatus.RUNNING.wire());
        String running = marks(wires(JobStatus.RUNNING), params);
        String condition = "j.callback_open = TRUE AND (j.callback_due_at IS NULL OR j.callback_due_at <= ?)"
                + " AND (j.callback_claimed_until IS NULL OR j.callback_claimed_until < ?)"
                + " AND e.status NOT IN (" + accepted + ")"
                + " AND NOT (j.notified_status IS NOT NULL AND j.notified_status = ? AND e.status IN (" + running + "))";
        return tables.findJoinedAcrossTenants(WITH_EXECUTION,
                "j.tenant_name, j.id, j.created_by, j.callback_root, j.notified_status, j.callback_attempts", condition, params, limit,
                rs -> new DueCallback(rs.getString("tenant_name"), rs.getString("id"), rs.getString("created_by"),
                        rs.getString("callback_root"), rs.getString("notified_status"), rs.getInt("callback_attempts")));
    }

    /**
     * Claims the delivery of {@code due} until {@code until}: a compare-and-set on the row as {@code due} read it,
     * false when another node holds it or has moved it on since. A node that dies mid-delivery loses the claim at
     * {@code until}.
     */
    boolean claimCallback(DueCallback due, String claim, Instant now, Instant until) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("callback_claim", claim);
        values.put("callback_claimed_until", until);
        return tables.updateWhere(TABLE, "id = ? AND callback_open = TRUE AND COALESCE(notified_status, '') = ?"
                + " AND callback_attempts = ? AND (callback_claimed_until IS NULL OR callback_claimed_until < ?)",
                List.of(due.id(), due.notified() == null ? "" : due.notified(), due.attempts(), now), values) == 1;
    }

    /** Records that the subscriber was told {@code status} (or given up on); a final status closes the job. */
    void callbackSettled(String id, String claim, JobStatus status) {
        Map<String, Object> values = released();
        values.put("notified_status", status.wire());
        values.put("callback_attempts", 0);
        values.put("callback_open", !status.isFinal());
        tables.updateWhere(TABLE, "id = ? AND callback_claim = ?", List.of(id, claim), values);
    }

    /** Records a failed attempt; the notification is due again at {@code dueAt}. */
    void callbackFailed(String id, String claim, int attempts, Instant dueAt) {
        Map<String, Object> values = released();
        values.put("callback_attempts", attempts);
        values.put("callback_due_at", dueAt);
        tables.updateWhere(TABLE, "id = ? AND callback_claim = ?", List.of(id, claim), values);
    }

    private static Map<String, Object> released() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("callback_claim", null);
        values.put("callback_claimed_until", null);
        values.put("callback_due_at", null);
        return values;
    }

    private static List<String> wires(JobStatus status) {
        return status.executionStatuses().stream().map(ExecutionStatus::wire).toList();
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
