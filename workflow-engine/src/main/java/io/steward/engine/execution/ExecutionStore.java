package io.steward.engine.execution;

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
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

import io.steward.tenancy.error.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Execution rows and their transition history, always through {@link TenantTables}. */
@Singleton
public class ExecutionStore {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionStore.class);
    static final String TABLE = "executions";
    private static final String FINISHED_OPERATIONS = "finished_operations";
    static final String HISTORY = "execution_transitions";
    /** The execution groups whose {@code concurrency} caps their members (written by the group module). */
    static final String GROUPS = "execution_groups";
    /** The history event of a status written by Cloudify's PATCH rule. */
    static final String STATUS_UPDATE = "status_update";
    static final TableSpec SPEC = new TableSpec(TABLE, "id", specColumns());

    private final TenantTables tables;
    private final JsonColumns json;
    private final Clock clock;

    ExecutionStore(TenantTables tables, JsonColumns json, Clock clock) {
        this.tables = tables;
        this.json = json;
        this.clock = clock;
    }

    /** The columns each response field of an execution is made from; fields made of no column map to none. */
    private static final Map<String, List<String>> FIELD_COLUMNS = fieldColumns();

    private static Map<String, List<String>> fieldColumns() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String same : List.of("id", "workflow_id", "deployment_id", "blueprint_id", "status", "parameters",
                "error", "created_at", "started_at", "ended_at", "scheduled_for", "is_system_workflow", "is_dry_run",
                "resume", "allow_custom_parameters", "total_operations", "finished_operations", "visibility",
                "tenant_name", "created_by")) {
            columns.put(same, List.of(same));
        }
        columns.put("deployment_display_name", List.of("deployment_id"));
        columns.put("status_display", List.of("status"));
        columns.put("resource_availability", List.of("visibility"));
        columns.put("private_resource", List.of("visibility"));
        columns.put("parameters_p", List.of());
        return Collections.unmodifiableMap(columns);
    }

    private static Map<String, Column> specColumns() {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (String text : List.of("id", "workflow_id", "deployment_id", "blueprint_id", "status", "created_by",
                "tenant_name", "visibility", "error")) {
            columns.put(text, Column.text(text));
        }
        columns.put("status_display", Column.text("status"));
        columns.put("resource_availability", Column.text("visibility"));
        for (String time : List.of("created_at", "started_at", "ended_at", "scheduled_for")) {
            columns.put(time, Column.time(time));
        }
        for (String flag : List.of("is_system_workflow", "is_dry_run", "resume", "allow_custom_parameters")) {
            columns.put(flag, Column.bool(flag));
        }
        columns.put("total_operations", Column.number("total_operations"));
        columns.put("finished_operations", Column.number("finished_operations"));
        return Collections.unmodifiableMap(columns);
    }

    void insert(Execution e, boolean forced) {
        insert(e, forced, null);
    }

    /** Inserts {@code e} as a member of the execution group {@code groupId} (none when null). */
    void insert(Execution e, boolean forced, String groupId) {
        insert(e, forced, groupId, List.of());
    }

    /**
     * Inserts {@code e} with its history and, in the same round trip, {@code alongside} (rows of other tables that
     * describe it); returns the numbers of the alongside rows that ask for one ({@link TenantTables#insertTogether}).
     * An execution inserted {@code started} (a remote job's, which nothing claims) gets both history rows, created
     * and started, as if it had been inserted pending and then started in the same transaction.
     */
    List<Long> insert(Execution e, boolean forced, String groupId, List<TenantTables.NewRow> alongside) {
        boolean started = e.status() == ExecutionStatus.STARTED;
        if (started) {
            ExecutionTransitions.require(e.id(), ExecutionStatus.PENDING, ExecutionEvent.STARTED);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        if (groupId != null) {
            row.put("execution_group_id", groupId);
        }
        row.put("id", e.id());
        row.put("visibility", e.visibility().wire());
        row.put("created_by", e.createdBy());
        row.put("created_at", e.createdAt());
        row.put("scheduled_for", e.scheduledFor());
        row.put("deployment_id", e.deploymentId());
        row.put("blueprint_id", e.blueprintId());
        row.put("workflow_id", e.workflowId());
        row.put("status", e.status().wire());
        row.put("error", e.error());
        row.put("parameters", json.write(e.parameters()));
        row.put("is_system_workflow", e.systemWorkflow());
        row.put("is_dry_run", e.dryRun());
        row.put("resume", e.resume());
        row.put("allow_custom_parameters", e.allowCustomParameters());
        row.put("wait_after_fail", e.waitAfterFailSeconds());
        row.put("forced", forced);
        if (started) {
            row.put("started_at", e.startedAt());
        }
        // The row, its history and what describes it travel together: one round trip on PostgreSQL.
        List<TenantTables.NewRow> rows = new ArrayList<>(3 + alongside.size());
        rows.add(new TenantTables.NewRow(TABLE, row));
        if (started) {
            Map<String, Object> created = historyRow(e.id(), null, ExecutionStatus.PENDING, "created");
            Map<String, Object> start = historyRow(e.id(), ExecutionStatus.PENDING, ExecutionStatus.STARTED,
                    ExecutionEvent.STARTED.label());
            // History reads order by time: the start comes after the creation even when the clock did not move. The
            // column keeps microseconds, so two readings within one microsecond would be stored equal: compared there.
            Instant createdAt = ((Instant) created.get("created_at")).truncatedTo(ChronoUnit.MICROS);
            if (!((Instant) start.get("created_at")).truncatedTo(ChronoUnit.MICROS).isAfter(createdAt)) {
                start.put("created_at", createdAt.plus(1, ChronoUnit.MICROS));
            }
            rows.add(new TenantTables.NewRow(HISTORY, created));
            rows.add(new TenantTables.NewRow(HISTORY, start));
        } else {
            rows.add(new TenantTables.NewRow(HISTORY, historyRow(e.id(), null, e.status(), "created")));
        }
        rows.addAll(alongside);
        return tables.insertTogether(rows);
    }

    /** The caller's executions matching {@code condition} (columns and placeholders only). */
    List<Execution> findWhere(String condition, List<?> params) {
        return tables.find(TABLE, condition, params, this::map);
    }

    /** The members of an execution group, oldest first. */
    public List<Execution> ofGroup(String groupId) {
        return tables.find(TABLE, "execution_group_id = ?", List.of(groupId), this::map);
    }

    /**
     * Whether one more member of the execution group may become active: fewer than its {@code concurrency} are.
     * Asked under {@link ExecutionQueue#RUNNING_LOCK}, so servers of a cluster never together exceed it.
     */
    boolean groupHasRoom(String groupId) {
        int concurrency = tables.findById(GROUPS, groupId, rs -> rs.getInt("concurrency")).orElse(0);
        return tables.count(TABLE, "execution_group_id = ? AND " + ExecutionQueue.activeCondition(),
                List.of(groupId)) < concurrency;
    }

    public Optional<Execution> find(String id) {
        return tables.findById(TABLE, id, this::map);
    }

    /**
     * Executions of every tenant matching {@code condition} (columns and literals only), oldest first. For the
     * runner alone, which claims and recovers work across tenants and binds each row's tenant before acting on it.
     */
    public List<Execution> findAcrossTenants(String condition, int limit) {
        return findAcrossTenants(condition, List.of(), limit);
    }

    /** As {@link #findAcrossTenants(String, int)}, with positional parameters. */
    public List<Execution> findAcrossTenants(String condition, List<?> params, int limit) {
        return tables.findAcrossTenants(TABLE, condition, params, limit, this::map);
    }

    /** Executions of every tenant counted per tenant and status ({@code [tenant, status]}): for the metrics. */
    public List<io.steward.tenancy.store.GroupCount> countsByTenantAndStatusAcrossTenants() {
        return tables.groupCountsAcrossTenants(TABLE, List.of("status"));
    }

    /**
     * How many executions some server runs now, in every tenant: claimed and not ended. What claims check against
     * the global cap, under the cluster lock, so that it holds across servers.
     */
    public long runningAcrossTenants() {
        return tables.countWhereAcrossTenants(TABLE, RUNNING, List.of());
    }

    /** What some server runs now ({@link #runningAcrossTenants}), per tenant: claims keep within the tenant caps. */
    public Map<String, Long> runningPerTenantAcrossTenants() {
        return tables.countPerTenantAcrossTenants(TABLE, RUNNING, List.of());
    }

    /** Claimed and not ended: what a server runs now. */
    static final String RUNNING = "owner_node IS NOT NULL AND status IN ('started', 'cancelling',"
            + " 'force_cancelling', 'kill_cancelling')";

    /**
     * Records that {@code node} still runs execution {@code id} (the caller's tenant). Returns false when the
     * execution has another owner now (another server took it over) or is gone: {@code node} must stop running it.
     */
    public boolean heartbeat(String id, String node, Instant at) {
        // Pending means it was taken over (or resumed by hand) and will be claimed again: no longer this node's.
        return 1 == tables.updateWhere(TABLE, "id = ? AND owner_node = ? AND status <> 'pending'", List.of(id, node),
                Map.of("heartbeat_at", at));
    }

    /**
     * {@link #heartbeat} for several executions of the caller's tenant in one statement; returns how many this node
     * still owns. When that is fewer than {@code ids}, the caller beats them one by one to find which it lost.
     */
    public int heartbeatAll(List<String> ids, String node, Instant at) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>(ids);
        params.add(node);
        StringJoiner marks = new StringJoiner(", ");
        ids.forEach(id -> marks.add("?"));
        return tables.updateWhere(TABLE, "id IN (" + marks + ") AND owner_node = ? AND status <> 'pending'", params,
                Map.of("heartbeat_at", at));
    }

    Page<Execution> list(ListQuery query) {
        return tables.list(SPEC, query, this::map);
    }

    /**
     * As {@link #list(ListQuery)}, reading only the columns the response {@code fields} need (every column when
     * empty, or when a field is unknown here). The executions' other values are left empty: for a list that renders
     * those fields alone (Cloudify's {@code _include}), 1,000 rows then carry 3 columns instead of 24.
     */
    Page<Execution> list(ListQuery query, List<String> fields) {
        Set<String> columns = new java.util.LinkedHashSet<>();
        for (String field : fields) {
            List<String> needed = FIELD_COLUMNS.get(field);
            if (needed == null) {
                return list(query);
            }
            columns.addAll(needed);
        }
        if (columns.isEmpty()) {
            return list(query);
        }
        return tables.list(SPEC, List.copyOf(columns), query, rs -> map(rs, columns));
    }

    /** How many executions of a deployment are active, leaving out {@code exceptId}. */
    long activeOnDeployment(String deploymentId, String exceptId) {
        return tables.count(TABLE, "deployment_id = ? AND id <> ? AND " + ExecutionQueue.activeCondition(),
                List.of(deploymentId, exceptId));
    }

    /** How many executions of a deployment wait in the queue ahead of one created at {@code createdAt}. */
    long queuedAhead(String deploymentId, String id, Instant createdAt) {
        return tables.count(TABLE, "deployment_id = ? AND status = 'queued' AND id <> ? AND created_at < ?",
                List.of(deploymentId, id, createdAt));
    }

    /** Executions of a deployment in any of {@code statuses}, oldest first. */
    List<Execution> ofDeployment(String deploymentId, Set<ExecutionStatus> statuses) {
        List<Object> params = new ArrayList<>();
        params.add(deploymentId);
        return tables.find(TABLE, "deployment_id = ? AND status IN (" + marks(statuses, params) + ")", params,
                this::map);
    }

    /**
     * Applies {@code event} to execution {@code id} through {@link ExecutionTransitions}, as a compare-and-set on
     * the status it was read in; when another writer moved it first, it is read again and the event re-applied.
     * Returns the new status, or empty when the event is a late report an end state absorbs. Throws the
     * illegal-transition error when the event is not allowed from the current status. {@code changes} are
     * columns written in the same statement (timestamps, error text), never the status itself.
     */
    public Optional<ExecutionStatus> apply(String id, ExecutionEvent event, Map<String, Object> changes) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Execution current = find(id).orElseThrow(() -> new NotFoundException("Execution", id));
            if (ExecutionTransitions.isLateReport(current.status(), event)) {
                LOG.debug("Ignoring {} for execution {}: it already ended {}", event, id, current.status().wire());
                return Optional.empty();
            }
            ExecutionStatus to = ExecutionTransitions.require(id, current.status(), event);
            if (to == current.status() && changes.isEmpty()) {
                return Optional.of(to);
            }
            if (transition(id, current.status(), to, event.label(), endNotBeforeStart(changes, current.startedAt()),
                    "", List.of())) {
                return Optional.of(to);
            }
        }
        throw new IllegalStateException("Execution " + id + " kept changing while " + event + " was applied");
    }

    /**
     * Applies {@code event} to an execution the caller has just seen in status {@code from}, without reading it
     * again: one compare-and-set and its history row, committed together (or as part of the surrounding
     * transaction). Returns false when the row is no longer in {@code from}; the caller then decides (a claim skips
     * it, a run's end falls back to {@link #apply}). For the engine's hot paths, where {@link #apply}'s read before
     * the write would be a statement per execution that tells nothing new.
     */
    public boolean applyFrom(String id, ExecutionStatus from, ExecutionEvent event, Map<String, Object> changes) {
        return applyFromWhere(id, from, event, changes, "", List.of());
    }

    /** {@link #applyFrom} with {@code condition} (starting with AND) compared in the same statement. */
    private boolean applyFromWhere(String id, ExecutionStatus from, ExecutionEvent event, Map<String, Object> changes,
                                   String condition, List<Object> conditionParams) {
        ExecutionStatus to = ExecutionTransitions.require(id, from, event);
        if (changes.get("ended_at") instanceof Instant endedAt) {
            // Not read, so not known: the row's start is compared in the statement, and an end before it (a clock
            // behind the one that wrote started_at) matches nothing; the caller's apply then writes it corrected.
            List<Object> params = new ArrayList<>(conditionParams);
            params.add(endedAt);
            return transition(id, from, to, event.label(), changes,
                    condition + " AND (started_at IS NULL OR started_at <= ?)", params);
        }
        return transition(id, from, to, event.label(), changes, condition, conditionParams);
    }

    /**
     * {@link #applyFrom} for several executions of the caller's tenant, all seen in {@code from}: one compare-and-set
     * for all of them and one batch of history rows for exactly those it moved, whose ids it returns (in no set
     * order). {@code createdBy} gives each execution's creator, whom its history row names.
     */
    public List<String> applyFromAll(Map<String, String> createdBy, ExecutionStatus from, ExecutionEvent event,
                                     Map<String, Object> changes) {
        if (changes.containsKey("ended_at")) {
            throw new IllegalArgumentException("An end is applied one execution at a time (its start is compared)");
        }
        if (createdBy.size() == 1) {
            String id = createdBy.keySet().iterator().next();
            return applyFrom(id, from, event, changes) ? List.of(id) : List.of();
        }
        return transition(createdBy, from, ExecutionTransitions.require(createdBy.keySet().iterator().next(), from,
                event), event.label(), changes);
    }

    /**
     * {@link #applyFrom}, only while {@code node} owns the execution: false, writing nothing, when the row is no
     * longer in {@code from} or has another owner. A run's end uses it as its ownership check too, so the check and
     * the status are one statement.
     */
    public boolean applyFromOwned(String id, ExecutionStatus from, ExecutionEvent event, Map<String, Object> changes,
                                  String node) {
        return applyFromWhere(id, from, event, changes, " AND owner_node = ?", List.of(node));
    }

    /**
     * An execution never ends before it started. {@code started_at} comes from the clock of the server that claimed
     * it, {@code ended_at} often from another's (the one that ended a cancel, took it over or took a PATCH), and a
     * clock can also be stepped back: an end earlier than the start is recorded as the start.
     */
    static Map<String, Object> endNotBeforeStart(Map<String, Object> changes, Instant startedAt) {
        Object start = changes.containsKey("started_at") ? changes.get("started_at") : startedAt;
        if (changes.get("ended_at") instanceof Instant endedAt && start instanceof Instant started
                && endedAt.isBefore(started)) {
            Map<String, Object> corrected = new LinkedHashMap<>(changes);
            corrected.put("ended_at", started);
            return corrected;
        }
        return changes;
    }

    /**
     * Takes over a started execution whose runner stopped beating: {@code started → pending} by the
     * {@link ExecutionEvent#RESUMED} row of the table, as a compare-and-set on both the status and the heartbeat
     * still being older than {@code staleBefore}, committed with its history row. Returns false when it moved on or
     * its runner beat meanwhile: a runner that beat has just checked it still owns the execution, and keeps it.
     */
    public boolean resumeIfStale(String id, Instant staleBefore) {
        ExecutionStatus to = ExecutionTransitions.require(id, ExecutionStatus.STARTED, ExecutionEvent.RESUMED);
        return transition(id, ExecutionStatus.STARTED, to, ExecutionEvent.RESUMED.label(), Map.of("resume", true),
                " AND (heartbeat_at IS NULL OR heartbeat_at < ?)", List.of(staleBefore));
    }

    /**
     * Writes a status chosen by Cloudify's PATCH rule ({@link CloudifyStatusUpdates}, checked here) rather than by
     * our lifecycle table: a compare-and-set on the status the caller read, committed with its history row (event
     * {@code status_update}). Kept apart from {@link #apply} because it is a compatibility door, not a lifecycle
     * step. Returns false when the execution moved meanwhile.
     */
    boolean overwriteStatus(Execution current, ExecutionStatus target, Map<String, Object> changes) {
        CloudifyStatusUpdates.requireAllowed(current.id(), current.workflowId(), current.status(), target);
        return transition(current.id(), current.status(), target, STATUS_UPDATE,
                endNotBeforeStart(changes, current.startedAt()), "", List.of());
    }

    /**
     * Updates columns that are not the status, only while the execution is {@code started}; false when it is not
     * (a cancel, kill or PATCH came first). The row stays locked until the surrounding transaction commits, so a
     * stop request that comes later waits for that commit.
     */
    public boolean updateWhileStarted(String id, Map<String, Object> values) {
        refuseStatus(values);
        return tables.updateWhere(TABLE, "id = ? AND status = 'started'", List.of(id), values) == 1;
    }

    /** Updates columns that are not the status (counters, error text), unconditionally; the status is refused. */
    public void update(String id, Map<String, Object> values) {
        refuseStatus(values);
        tables.update(TABLE, id, values);
    }

    /**
     * The one write of the status column: a compare-and-set from {@code from} (and {@code condition}, which starts
     * with AND), with {@code changes}, and the history row, committed together or not at all (or as part of the
     * surrounding transaction). Returns false, writing nothing, when the row did not match.
     */
    private boolean transition(String id, ExecutionStatus from, ExecutionStatus to, String event,
                               Map<String, Object> changes, String condition, List<?> conditionParams) {
        refuseStatus(changes);
        Map<String, Object> values = new LinkedHashMap<>(changes);
        values.put("status", to.wire());
        List<Object> params = new ArrayList<>(List.of(id, from.wire()));
        params.addAll(conditionParams);
        // The compare-and-set and its history row: one statement on PostgreSQL, the row only if the set matched.
        return tables.updateWhereRecording(TABLE, "id = ? AND status = ?" + condition, params, values,
                new TenantTables.NewRow(HISTORY, historyRow(id, from, to, event))) == 1;
    }

    /**
     * {@link #transition} for many executions at once: one compare-and-set answering the ids it moved, then their
     * history rows as one batch, committed together (or as part of the surrounding transaction).
     */
    private List<String> transition(Map<String, String> createdBy, ExecutionStatus from, ExecutionStatus to,
                                    String event, Map<String, Object> changes) {
        refuseStatus(changes);
        Map<String, Object> values = new LinkedHashMap<>(changes);
        values.put("status", to.wire());
        List<Object> params = new ArrayList<>(createdBy.keySet());
        params.add(from.wire());
        StringJoiner marks = new StringJoiner(", ", "id IN (", ") AND status = ?");
        createdBy.keySet().forEach(id -> marks.add("?"));
        return tables.inOneTransaction(() -> {
            List<String> moved = tables.updateWhereReturning(TABLE, marks.toString(), params, values, "id");
            List<Map<String, Object>> history = new ArrayList<>(moved.size());
            for (String id : moved) {
                Map<String, Object> row = historyRow(id, from, to, event);
                row.put("created_by", createdBy.get(id));
                history.add(row);
            }
            tables.insertAll(HISTORY, history);
            return moved;
        });
    }

    private static void refuseStatus(Map<String, Object> values) {
        if (values.containsKey("status")) {
            throw new IllegalArgumentException("An execution's status changes only by a transition, with its history");
        }
    }

    /** Adds one to the finished-operations counter in a single statement, so parallel tasks never lose a count. */
    public void countFinishedOperation(String id) {
        tables.increment(TABLE, id, FINISHED_OPERATIONS);
    }

    /**
     * {@code changes} of a transition that also adds one to the finished-operations counter, in the same statement
     * (an execution's end that records its last operation).
     */
    public static Map<String, Object> withOneMoreFinishedOperation(Map<String, Object> changes) {
        Map<String, Object> counted = new LinkedHashMap<>(changes);
        counted.put(FINISHED_OPERATIONS, TenantTables.ONE_MORE);
        return counted;
    }

    int delete(List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>();
        StringJoiner marks = new StringJoiner(", ");
        ids.forEach(id -> {
            marks.add("?");
            params.add(id);
        });
        tables.deleteWhere(HISTORY, "execution_id IN (" + marks + ")", params);
        tables.deleteWhere("execution_tasks", "execution_id IN (" + marks + ")", params);
        tables.deleteWhere("operation_sessions", "execution_id IN (" + marks + ")", params);
        // An execution's events and logs go with it, as in Cloudify (events reference their execution, on delete
        // cascade): left behind, nothing lists them by execution any more and they keep the tenant from going.
        tables.deleteWhere("events", "execution_id IN (" + marks + ")", params);
        return tables.deleteWhere(TABLE, "id IN (" + marks + ")", params);
    }

    private Map<String, Object> historyRow(String executionId, ExecutionStatus from, ExecutionStatus to,
                                           String event) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("execution_id", executionId);
        row.put("id", UUID.randomUUID().toString());
        row.put("visibility", Visibility.TENANT.wire());
        row.put("created_at", clock.instant());
        row.put("from_status", from == null ? null : from.wire());
        row.put("to_status", to.wire());
        row.put("event", event);
        return row;
    }

    private static String marks(Set<ExecutionStatus> statuses, List<Object> params) {
        StringJoiner marks = new StringJoiner(", ");
        for (ExecutionStatus status : statuses) {
            marks.add("?");
            params.add(status.wire());
        }
        return marks.toString();
    }

    Execution map(ResultSet rs) throws SQLException {
        return map(rs, null);
    }

    /** The execution of the current row, reading only {@code columns} (every column when null). */
    private Execution map(ResultSet rs, Set<String> columns) throws SQLException {
        Row row = new Row(rs, columns);
        return new Execution(row.text("id"), row.text("tenant_name"),
                row.has("visibility") ? Visibility.of(rs.getString("visibility")) : null, row.text("created_by"),
                row.instant("created_at"), row.instant("started_at"), row.instant("ended_at"),
                row.instant("scheduled_for"), row.text("deployment_id"), row.text("blueprint_id"),
                row.text("workflow_id"), row.has("status") ? ExecutionStatus.ofWire(rs.getString("status")) : null,
                row.text("error"), row.has("parameters") ? json.readMap(rs.getString("parameters")) : Map.of(),
                row.flag("is_system_workflow"), row.flag("is_dry_run"), row.flag("resume"),
                row.flag("allow_custom_parameters"), row.has("wait_after_fail") ? rs.getInt("wait_after_fail") : 0,
                row.integer("total_operations"), row.integer("finished_operations"), row.text("execution_group_id"));
    }

    /** A row read in full ({@code columns} null) or in part: a column not read reads as empty. */
    private record Row(ResultSet rs, Set<String> columns) {
        boolean has(String column) {
            return columns == null || columns.contains(column);
        }

        String text(String column) throws SQLException {
            return has(column) ? rs.getString(column) : null;
        }

        Instant instant(String column) throws SQLException {
            return has(column) ? Sql.instant(rs, column) : null;
        }

        boolean flag(String column) throws SQLException {
            return has(column) && rs.getBoolean(column);
        }

        Integer integer(String column) throws SQLException {
            return has(column) ? (Integer) rs.getObject(column) : null;
        }
    }
}
