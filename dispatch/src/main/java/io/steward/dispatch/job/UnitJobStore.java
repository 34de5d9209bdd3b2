package io.steward.dispatch.job;

import io.steward.dispatch.platform.RemoteStatus;
import io.steward.dispatch.platform.ServiceRef;
import io.steward.engine.secret.SecretCipher;
import io.steward.engine.storage.JsonColumns;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
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
 * The {@code unit_jobs} table, always through {@link TenantTables}. Rows are private to their submitter (a tenant
 * manager sees the tenant's), and read joined with their executions, so a cancel requested through the executions
 * API is seen with the row.
 */
@Singleton
class UnitJobStore {
    static final String TABLE = "unit_jobs";
    private static final TenantTables.Join WITH_EXECUTION = new TenantTables.Join(TABLE, "j", "executions", "e",
            "e.tenant_name = j.tenant_name AND e.id = j.id");
    private static final String COLUMNS = "j.*, e.status AS execution_status";
    /**
     * What the poller reads of the rows it leases: all but the results (it never reads them) and the parameters of
     * rows past submission (only a submission sends them), so a status poll parses no JSON.
     */
    private static final String LEASED_COLUMNS = "j.job_number, j.id, j.tenant_name, j.created_by, j.title, j.label,"
            + " j.endpoint, j.application, j.service_ns, CASE WHEN j.state = 'submit' THEN j.parameters END AS"
            + " parameters, j.output_format, j.status, j.state, j.remote_job_id, j.platform_status, j.message,"
            + " CAST(NULL AS VARCHAR(1)) AS results, j.created_at, j.updated_at, e.status AS execution_status,"
            + " j.poll_failures, j.lease_until, j.caller_token, j.caller_token_key";

    private final TenantTables tables;
    private final JsonColumns json;
    private final DispatchChanges changes;

    UnitJobStore(TenantTables tables, JsonColumns json, DispatchChanges changes) {
        this.tables = tables;
        this.json = json;
        this.changes = changes;
    }

    /**
     * The intent to submit a unit job, for the execution {@code executionId} (its status {@code executionStatus}):
     * the row to insert, which is due at once, and the job it records once inserted. {@code upscaleTaskId}: the task
     * it belongs to, or null.
     */
    NewJob newJob(String executionId, String executionStatus, String title, String label, ServiceRef service,
                  Map<String, Object> parameters, String format, Instant now, String upscaleTaskId,
                  SecretCipher.Sealed callerToken) {
        String parametersJson = json.write(parameters);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", executionId);
        row.put("visibility", Visibility.PRIVATE.wire());
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("title", title);
        row.put("label", label);
        row.put("endpoint", service.endpoint());
        row.put("application", service.application());
        row.put("service_ns", service.namespace());
        row.put("parameters", parametersJson);
        row.put("output_format", format);
        row.put("state", UnitJobState.SUBMIT.wire());
        row.put("status", RemoteStatus.CREATED.wire());
        row.put("next_poll_at", now);
        row.put("upscale_task_id", upscaleTaskId);
        row.put("caller_token", callerToken == null ? null : callerToken.value());
        row.put("caller_token_key", callerToken == null ? null : callerToken.keyId());
        Caller caller = CallerScope.current();
        // The parameters as a read of the row would give them (the stored JSON parsed), not as the request had them.
        Map<String, Object> stored = json.readMap(parametersJson);
        return new NewJob(new TenantTables.NewRow(TABLE, row, "job_number"), number -> {
            changes.changed();
            return new UnitJob(number, executionId, caller.tenant(), caller.username(), title, label, service, stored,
                    format, RemoteStatus.CREATED, UnitJobState.SUBMIT, null, null, null, null, now, now,
                    executionStatus, 0, null, callerToken);
        });
    }

    /** A unit job's row, to be inserted with its execution, and the job it records once the insert numbered it. */
    record NewJob(TenantTables.NewRow row, java.util.function.LongFunction<UnitJob> recorded) {
    }

    Optional<UnitJob> byNumber(long number) {
        return first("j.job_number = ?", List.of(number));
    }

    private Optional<UnitJob> first(String condition, List<Object> params) {
        return tables.findJoined(WITH_EXECUTION, COLUMNS, condition, params, "j.job_number", 0, 1, this::map)
                .stream().findFirst();
    }

    /** The visible unit jobs of one upscale task, in the order they were made (the dimension's order). */
    List<UnitJob> byTask(String taskId) {
        return tables.findJoined(WITH_EXECUTION, COLUMNS, "j.upscale_task_id = ?", List.of(taskId), "j.job_number",
                0, Integer.MAX_VALUE, this::map);
    }

    /** The statuses of the visible unit jobs of {@code taskIds}, by task id. */
    Map<String, List<RemoteStatus>> statusesByTask(List<String> taskIds) {
        Map<String, List<RemoteStatus>> statuses = new LinkedHashMap<>();
        if (taskIds.isEmpty()) {
            return statuses;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(taskIds.size(), "?"));
        tables.findJoined(WITH_EXECUTION, "j.upscale_task_id, j.status", "j.upscale_task_id IN (" + marks + ")",
                taskIds, "j.job_number", 0, Integer.MAX_VALUE, rs -> Map.entry(rs.getString("upscale_task_id"),
                        status(rs.getString("status"))))
                .forEach(e -> statuses.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
        return statuses;
    }

    /** The caller's visible unit jobs, newest first. */
    List<UnitJob> list(int offset, int limit) {
        return tables.findJoined(WITH_EXECUTION, COLUMNS, "1 = 1", List.of(), "j.job_number DESC", offset, limit,
                this::map);
    }

    /**
     * The caller's visible unit jobs, newest first, as summaries: only the columns a status list shows, the
     * parameters left as stored (see {@link UnitJobSummary}).
     */
    List<UnitJobSummary> summaries(int offset, int limit) {
        return tables.findJoined(WITH_EXECUTION, SUMMARY_COLUMNS, "1 = 1", List.of(), "j.job_number DESC", offset,
                limit, UnitJobStore::summary);
    }

    /** The visible unit job numbered {@code number}, as a summary. */
    Optional<UnitJobSummary> summaryByNumber(long number) {
        return tables.findJoined(WITH_EXECUTION, SUMMARY_COLUMNS, "j.job_number = ?", List.of(number),
                "j.job_number", 0, 1, UnitJobStore::summary).stream().findFirst();
    }

    private static final String SUMMARY_COLUMNS = "j.job_number, j.title, j.label, j.status, j.endpoint,"
            + " j.application, j.service_ns, j.parameters, j.created_at, j.updated_at";

    private static UnitJobSummary summary(ResultSet rs) throws SQLException {
        return new UnitJobSummary(rs.getLong("job_number"), rs.getString("title"), rs.getString("label"),
                status(rs.getString("status")), new ServiceRef(rs.getString("endpoint"), rs.getString("application"),
                rs.getString("service_ns")), rs.getString("parameters"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    private static RemoteStatus status(String wire) {
        return RemoteStatus.valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }

    /** Moves {@code id} from {@code from} to {@code to} with {@code values}; false when it had moved on. */
    boolean move(String id, UnitJobState from, UnitJobState to, Map<String, Object> values) {
        if (!from.mayMoveTo(to)) {
            throw new IllegalStateException("A unit job cannot go from " + from + " to " + to);
        }
        Map<String, Object> changes = new LinkedHashMap<>(values);
        changes.put("state", to.wire());
        if (to == UnitJobState.ENDED) {
            // No platform is called for the job any more: its submitter's token is dropped.
            changes.put("caller_token", null);
            changes.put("caller_token_key", null);
        }
        boolean moved = tables.updateWhere(TABLE, "id = ? AND state = ?", List.of(id, from.wire()), changes) == 1;
        if (moved) {
            this.changes.changed();
        }
        return moved;
    }

    /** Writes {@code values} on a row this server leases, without moving its state. */
    boolean update(String id, String lease, Map<String, Object> values) {
        boolean updated = tables.updateWhere(TABLE, "id = ? AND lease_owner = ?", List.of(id, lease), values) == 1;
        if (updated && values.containsKey("status")) {
            changes.changed();
        }
        return updated;
    }

    /** Takes the lease of {@code job} until {@code until}, unless another server holds one still running. */
    boolean lease(UnitJob job, String owner, Instant now, Instant until) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("lease_owner", owner);
        values.put("lease_until", until);
        return tables.updateWhere(TABLE, "id = ? AND state = ? AND (lease_until IS NULL OR lease_until < ?)",
                List.of(job.executionId(), job.state().wire(), now), values) == 1;
    }

    /** How many ids one statement names at most: well below every driver's limit on parameters. */
    private static final int BATCH = 500;

    /**
     * Leases those of {@code ids} (rows of the bound tenant) that are still in work and not leased by a live server,
     * in one statement per {@value #BATCH}, and returns them as leased: the poller's round takes its rows this way
     * instead of one compare-and-set each. Their {@code results} are not read, nor the {@code parameters} of rows
     * already submitted (both empty).
     */
    List<UnitJob> leaseAll(List<String> ids, String owner, Instant now, Instant until) {
        List<UnitJob> leased = new java.util.ArrayList<>();
        for (List<String> batch : batches(ids)) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("lease_owner", owner);
            values.put("lease_until", until);
            List<Object> params = new java.util.ArrayList<>(batch);
            params.add(now);
            if (tables.updateWhere(TABLE, "id IN (" + marks(batch.size()) + ") AND state IN ('submit', 'submitting',"
                    + " 'tracking') AND (lease_until IS NULL OR lease_until < ?)", params, values) == 0) {
                continue;
            }
            List<Object> read = new java.util.ArrayList<>();
            read.add(owner);
            read.addAll(batch);
            leased.addAll(tables.findJoined(WITH_EXECUTION, LEASED_COLUMNS, "j.lease_owner = ? AND j.id IN ("
                    + marks(batch.size()) + ")", read, "j.job_number", 0, batch.size(), this::map));
        }
        return leased;
    }

    /**
     * Gives up this server's lease on {@code ids} (rows of the bound tenant) until {@code nextPollAt}, in one
     * statement per {@value #BATCH}: the rows whose status did not change in a poll (most of them in a round, their
     * failures forgotten), or submissions left for the next round ({@code polled} false: their failures kept).
     */
    void releaseAll(List<String> ids, String owner, Instant nextPollAt, boolean polled) {
        for (List<String> batch : batches(ids)) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("lease_owner", null);
            values.put("lease_until", null);
            if (polled) {
                values.put("poll_failures", 0);
            }
            values.put("next_poll_at", nextPollAt);
            List<Object> params = new java.util.ArrayList<>(batch);
            params.add(owner);
            tables.updateWhere(TABLE, "id IN (" + marks(batch.size()) + ") AND lease_owner = ?", params, values);
        }
    }

    private static List<List<String>> batches(List<String> ids) {
        List<List<String>> batches = new java.util.ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            batches.add(ids.subList(from, Math.min(ids.size(), from + BATCH)));
        }
        return batches;
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /**
     * Tells the listeners again, once a transaction that changed rows has committed: the notice a write sends from
     * inside it may reach a listener that re-reads before the commit, sees the old row, and would then never push the
     * new one.
     */
    void committed() {
        changes.changed();
    }

    void delete(String id) {
        tables.deleteWhere(TABLE, "id = ?", List.of(id));
        changes.changed();
    }

    /** A row due for work, as the poller finds it across tenants. */
    record Due(String tenant, String id, String createdBy, String endpoint, String label, String namespace) {
    }

    /**
     * Tracked rows of every tenant whose next poll is due at {@code now} and that no live server leases, at most
     * {@code limit}. The poller asks for these before the rest, so that a backlog of submissions never keeps the
     * tracked jobs' statuses from being refreshed.
     */
    List<Due> duePollsAcrossTenants(Instant now, int limit) {
        return dueWhere("j.state = 'tracking' AND j.next_poll_at <= ? AND e.status = 'started'" + NOT_LEASED,
                List.of(now, now), limit);
    }

    /**
     * Like {@link #duePollsAcrossTenants}, for the rows of one platform ({@code endpoint} as the rows name it, jobs of
     * {@code label}) due by {@code until}: the poller polls them early with the due ones when one list request
     * answers them all.
     */
    List<Due> duePollsOfPlatformAcrossTenants(String endpoint, String label, Instant now, Instant until, int limit) {
        return dueWhere("j.state = 'tracking' AND j.endpoint = ? AND j.label = ? AND j.next_poll_at <= ?"
                + " AND e.status = 'started'" + NOT_LEASED, List.of(endpoint, label, until, now), limit);
    }

    /**
     * The other rows of every tenant with work due at {@code now}: to submit, a submission whose server stopped, or a
     * cancel requested through the executions API; none leased by a live server. At most {@code limit}.
     */
    List<Due> dueOthersAcrossTenants(Instant now, int limit) {
        return dueWhere("j.state IN ('submit', 'submitting', 'tracking')" + NOT_LEASED
                + " AND (j.next_poll_at <= ? OR e.status <> 'started')"
                + " AND NOT (j.state = 'tracking' AND e.status = 'started')", List.of(now, now), limit);
    }

    private static final String NOT_LEASED = " AND (j.lease_until IS NULL OR j.lease_until < ?)";

    private List<Due> dueWhere(String condition, List<Object> params, int limit) {
        return tables.findJoinedAcrossTenants(WITH_EXECUTION, "j.tenant_name, j.id, j.created_by, j.endpoint, j.label,"
                + " j.service_ns", condition, params, limit, rs -> new Due(rs.getString("tenant_name"),
                        rs.getString("id"), rs.getString("created_by"), rs.getString("endpoint"),
                        rs.getString("label"), rs.getString("service_ns")));
    }

    /** How many jobs of {@code endpoint}, in every tenant, are with the platform or being sent to it now. */
    long inFlightAcrossTenants(String endpoint) {
        return tables.countWhereAcrossTenants(TABLE, "state IN ('submitting', 'tracking') AND endpoint = ?",
                List.of(endpoint));
    }

    private UnitJob map(ResultSet rs) throws SQLException {
        String results = rs.getString("results");
        String callerToken = rs.getString("caller_token");
        return new UnitJob(rs.getLong("job_number"), rs.getString("id"), rs.getString("tenant_name"),
                rs.getString("created_by"), rs.getString("title"), rs.getString("label"),
                new ServiceRef(rs.getString("endpoint"), rs.getString("application"), rs.getString("service_ns")),
                json.readMap(rs.getString("parameters")), rs.getString("output_format"),
                status(rs.getString("status")),
                UnitJobState.ofWire(rs.getString("state")), rs.getString("remote_job_id"),
                rs.getString("platform_status"), rs.getString("message"),
                results == null ? null : json.readMap(results), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getString("execution_status"),
                rs.getInt("poll_failures"), Sql.instant(rs, "lease_until"), callerToken == null ? null
                : new SecretCipher.Sealed(rs.getString("caller_token_key"), callerToken));
    }
}
