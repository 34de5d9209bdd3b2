package io.steward.engine.event;

import io.steward.engine.storage.EngineLengths;
import io.steward.engine.storage.JsonColumns;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.TenantTables;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Writes and reads events and logs, in the caller's tenant. */
@Singleton
public class EventLog {
    static final String TABLE = "events";
    public static final TableSpec SPEC = new TableSpec(TABLE, "storage_id", columns());

    private final TenantTables tables;
    private final JsonColumns json;
    private final Clock clock;
    /**
     * The latest timestamp given to an event of each recent execution: an execution's events never go back in time,
     * though the clock may (stepped back, or another server's after a takeover), because clients read them sorted by
     * timestamp and page by offset (see {@link #continueAfterEarlierEvents}).
     */
    private final Map<String, Instant> latest = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                    return size() > 10_000;
                }
            });

    /** The rows held back on this thread by {@link #inOneBatch}, to be inserted when it ends; null outside one. */
    private final ThreadLocal<List<Map<String, Object>>> heldBack = new ThreadLocal<>();

    EventLog(TenantTables tables, JsonColumns json, Clock clock) {
        this.tables = tables;
        this.json = json;
        this.clock = clock;
    }

    private static Map<String, Column> columns() {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (String name : List.of("execution_id", "deployment_id", "blueprint_id", "node_id", "node_instance_id",
                "event_type", "level", "type", "workflow_id")) {
            columns.put(name, Column.text(name));
        }
        columns.put("timestamp", Column.time("created_at"));
        columns.put("reported_timestamp", Column.time("reported_at"));
        columns.put("_storage_id", Column.number("storage_id"));
        return columns;
    }

    public void event(EventContext context, String eventType, String message) {
        write(context, Event.EVENT, eventType, null, null, message, null, null);
    }

    /**
     * Runs {@code work} with the events it writes on this thread held back and inserted as one batch when it returns
     * (one round trip instead of one per event), in the same transaction: the caller runs it inside one, so the events
     * commit with the rest of the work or not at all. Each keeps the timestamp it was given when it was written.
     * Nested, it joins the outer batch; when {@code work} throws, nothing held back is written.
     */
    public <T> T inOneBatch(java.util.function.Supplier<T> work) {
        if (heldBack.get() != null) {
            return work.get();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        heldBack.set(rows);
        T result;
        try {
            result = work.get();
        } finally {
            heldBack.remove();
        }
        insert(rows);
        return result;
    }

    /** Inserts {@code rows} now, or holds them back for the batch of {@link #inOneBatch} this thread is in. */
    private void insert(List<Map<String, Object>> rows) {
        List<Map<String, Object>> held = heldBack.get();
        if (held != null) {
            held.addAll(rows);
        } else if (rows.size() == 1) {
            tables.insert(TABLE, rows.get(0));
        } else {
            tables.insertAll(TABLE, rows);
        }
    }

    /**
     * The row {@link #event} would insert, for a caller that inserts it together with other rows
     * ({@code TenantTables.insertTogether}): one round trip for an execution, its events and what describes it.
     */
    public TenantTables.NewRow eventRow(EventContext context, String eventType, String message) {
        return new TenantTables.NewRow(TABLE, row(context, Event.EVENT, eventType, null, null, message, null, null));
    }

    /** One event of a run of events written together: its type and message. */
    public record Line(String eventType, String message) {
    }

    /**
     * Several events of one context, in this order, as one JDBC batch (one round trip instead of one per event);
     * each is stored as {@link #event} would store it.
     */
    public void events(EventContext context, List<Line> lines) {
        stampedNow(context, lines).run();
    }

    /**
     * {@link #events}, stamped now and written when the returned writes run (in a later transaction): for events
     * whose commit waits for what follows them, so that they still come before it in the execution's order.
     */
    public Runnable stampedNow(EventContext context, List<Line> lines) {
        List<Map<String, Object>> rows = new ArrayList<>(lines.size());
        for (Line line : lines) {
            rows.add(row(context, Event.EVENT, line.eventType(), null, null, line.message(), null, null));
        }
        return () -> insert(rows);
    }

    public void failure(EventContext context, String eventType, String message, String errorType, String detail) {
        List<Map<String, Object>> causes = List.of(Map.of("message", message, "type", errorType,
                "traceback", detail == null ? "" : detail));
        write(context, Event.EVENT, eventType, null, null, message, causes, null);
    }

    public void log(EventContext context, String level, String message) {
        write(context, Event.LOG, null, level, "ctx." + (context.operation() == null ? "workflow" : "operation"),
                message, null, null);
    }

    /** An event or log a client posted ({@code POST /events}); {@code reportedAt} may be null. */
    public record Posted(EventContext context, String type, String eventType, String level, String logger,
                         String message, List<Map<String, Object>> causes, Instant reportedAt) {
    }

    /**
     * Stores the events and logs of one post, all or none: every one is checked before the first is written, and
     * they are written as one batch, so a post refused for its last item leaves no trace of the others.
     */
    public void recordAll(List<Posted> posted) {
        CallerScope.current().require(Permission.EVENT_CREATE);
        List<Map<String, Object>> rows = new ArrayList<>(posted.size());
        for (Posted p : posted) {
            EngineLengths.EVENT_TYPE.require(p.eventType());
            EngineLengths.LOG_LEVEL.require(p.level());
            EngineLengths.LOGGER.require(p.logger());
            EngineLengths.EVENT_NODE_NAME.require(p.context().nodeId());
            EngineLengths.EVENT_NODE_ID.require(p.context().nodeInstanceId());
            EngineLengths.EVENT_OPERATION.require(p.context().operation());
            EngineLengths.EVENT_SOURCE_ID.require(p.context().sourceId());
            EngineLengths.EVENT_TARGET_ID.require(p.context().targetId());
            rows.add(row(p.context(), p.type(), p.eventType(), p.level(), p.logger(), p.message(), p.causes(),
                    p.reportedAt()));
        }
        if (!rows.isEmpty()) {
            tables.insertAll(TABLE, rows);
        }
    }

    /** The caller's events that {@code filter} and {@code query}'s exact filters match, a page in its order. */
    public Page<Event> list(EventFilter filter, ListQuery query) {
        CallerScope.current().require(Permission.EVENT_LIST);
        StringBuilder condition = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        for (String pattern : filter.messagePatterns()) {
            // ILIKE: H2's LOWER() follows the JVM's default locale (Turkish lower-cases "I" to a dotless "ı").
            condition.append(" AND message ILIKE ?");
            params.add(likePattern(pattern));
        }
        for (String pattern : filter.operationPatterns()) {
            condition.append(" AND operation ILIKE ?");
            params.add(likePattern(pattern));
        }
        if (filter.createdFrom() != null) {
            condition.append(" AND created_at >= ?");
            params.add(filter.createdFrom());
        }
        if (filter.createdUntil() != null) {
            condition.append(" AND created_at < ?");
            params.add(filter.createdUntil());
        }
        if (filter.afterStorageId() != null) {
            condition.append(" AND storage_id > ?");
            params.add(filter.afterStorageId());
        }
        return tables.list(SPEC, condition.toString(), params, query, this::map);
    }

    /** An {@link EventFilter} pattern as a LIKE pattern: {@code *} is {@code %}, and LIKE's own wildcards are text. */
    private static String likePattern(String pattern) {
        String escaped = pattern.toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_");
        return escaped.contains("*") ? escaped.replace('*', '%') : "%" + escaped + "%";
    }

    /**
     * Deletes the deployment's events (of {@code types}, all when empty) that the caller sees: a write, allowed to
     * those who may delete executions; another user's private events are left alone, as their executions are.
     */
    public int deleteForDeployment(String deploymentId, List<String> types) {
        CallerScope.current().require(Permission.EVENT_DELETE);
        List<Object> params = new ArrayList<>();
        params.add(deploymentId);
        StringBuilder condition = new StringBuilder("deployment_id = ?");
        if (!types.isEmpty()) {
            condition.append(" AND type IN (").append(String.join(", ", types.stream().map(t -> "?").toList()))
                    .append(")");
            params.addAll(types);
        }
        return tables.deleteVisible(TABLE, condition.toString(), params);
    }

    private void write(EventContext context, String type, String eventType, String level, String logger,
                       String message, List<Map<String, Object>> causes, Instant reportedAt) {
        insert(List.of(row(context, type, eventType, level, logger, message, causes, reportedAt)));
    }

    /**
     * An execution resumes on this server (after a takeover, a restart or a resume): its next events come after those
     * written before, whichever clock stamped them. One read, only when an execution resumes.
     */
    public void continueAfterEarlierEvents(String executionId) {
        ListQuery last = new ListQuery(Map.of("execution_id", List.of(executionId)),
                List.of(new ListQuery.SortKey("timestamp", true)), 1, 0, false);
        tables.list(SPEC, last, this::map).items().stream().findFirst()
                .ifPresent(e -> latest.merge(executionId, e.timestamp(), (a, b) -> a.isAfter(b) ? a : b));
    }

    /** Now, or the execution's latest event timestamp when the clock is behind it. */
    private Instant stamp(String executionId) {
        Instant now = clock.instant();
        if (executionId == null) {
            return now;
        }
        return latest.merge(executionId, now, (before, current) -> before.isAfter(current) ? before : current);
    }

    private Map<String, Object> row(EventContext context, String type, String eventType, String level, String logger,
                                    String message, List<Map<String, Object>> causes, Instant reportedAt) {
        Instant now = stamp(context.executionId());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", UUID.randomUUID().toString());
        // The execution's visibility and creator: TenantTables' read scope then shows the event to whoever sees the
        // execution, through every filter and the total.
        row.put("visibility", context.visibility().wire());
        row.put("created_by", context.owner());
        row.put("created_at", now);
        row.put("reported_at", reportedAt == null ? now : reportedAt);
        row.put("type", type);
        row.put("event_type", eventType);
        row.put("level", level);
        row.put("logger", logger);
        row.put("message", message == null ? "" : message);
        row.put("execution_id", context.executionId());
        row.put("deployment_id", context.deploymentId());
        row.put("blueprint_id", context.blueprintId());
        row.put("workflow_id", context.workflowId());
        row.put("node_id", context.nodeId());
        row.put("node_instance_id", context.nodeInstanceId());
        row.put("operation", context.operation());
        row.put("source_id", context.sourceId());
        row.put("target_id", context.targetId());
        row.put("error_causes", causes == null ? null : json.write(causes));
        return row;
    }

    @SuppressWarnings("unchecked")
    private Event map(ResultSet rs) throws SQLException {
        String causes = rs.getString("error_causes");
        return new Event(rs.getLong("storage_id"), rs.getString("tenant_name"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "reported_at"), rs.getString("type"), rs.getString("event_type"),
                rs.getString("level"), rs.getString("logger"), rs.getString("message"), rs.getString("execution_id"),
                rs.getString("deployment_id"), rs.getString("blueprint_id"), rs.getString("workflow_id"),
                rs.getString("node_id"), rs.getString("node_instance_id"), rs.getString("operation"),
                rs.getString("source_id"), rs.getString("target_id"),
                causes == null ? null : (List<Map<String, Object>>) (List<?>) json.readList(causes));
    }
}
