package io.steward.engine.schedule;

import io.steward.engine.storage.JsonColumns;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.store.TableSpec;
import io.steward.tenancy.store.TableSpec.Column;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code execution_schedules} table, through {@link TenantTables} like every tenant-owned table. */
@Singleton
public class ScheduleStore {
    static final String TABLE = "execution_schedules";
    static final TableSpec SPEC = new TableSpec(TABLE, "id", specColumns());
    private static final String KEY = "deployment_id = ? AND id = ?";

    private final TenantTables tables;
    private final JsonColumns json;

    ScheduleStore(TenantTables tables, JsonColumns json) {
        this.tables = tables;
        this.json = json;
    }

    private static Map<String, Column> specColumns() {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (String text : List.of("id", "deployment_id", "workflow_id", "created_by", "tenant_name", "visibility")) {
            columns.put(text, Column.text(text));
        }
        columns.put("resource_availability", Column.text("visibility"));
        columns.put("created_at", Column.time("created_at"));
        columns.put("since", Column.time("since_time"));
        columns.put("until", Column.time("until_time"));
        columns.put("next_occurrence", Column.time("next_occurrence"));
        columns.put("enabled", Column.bool("enabled"));
        columns.put("stop_on_fail", Column.bool("stop_on_fail"));
        columns.put("slip", Column.number("slip"));
        return columns;
    }

    void insert(Schedule schedule) {
        Map<String, Object> row = new LinkedHashMap<>(values(schedule));
        row.put("id", schedule.id());
        row.put("deployment_id", schedule.deploymentId());
        row.put("visibility", schedule.visibility());
        row.put("created_at", schedule.createdAt());
        tables.insert(TABLE, row);
    }

    /** Writes every changeable column of the schedule. */
    void update(Schedule schedule) {
        tables.updateWhere(TABLE, KEY, List.of(schedule.deploymentId(), schedule.id()), values(schedule));
    }

    private Map<String, Object> values(Schedule schedule) {
        Map<String, Object> row = new HashMap<>();
        row.put("workflow_id", schedule.workflowId());
        row.put("since_time", schedule.since());
        row.put("until_time", schedule.until());
        row.put("rule", json.write(schedule.rule().render()));
        row.put("slip", schedule.slip());
        row.put("stop_on_fail", schedule.stopOnFail());
        row.put("enabled", schedule.enabled());
        row.put("parameters", json.write(schedule.parameters()));
        row.put("execution_arguments", json.write(schedule.executionArguments().render()));
        row.put("next_occurrence", schedule.nextOccurrence());
        row.put("latest_execution", schedule.latestExecution());
        return row;
    }

    Optional<Schedule> find(String deploymentId, String id) {
        return tables.findOne(TABLE, KEY, List.of(deploymentId, id), this::map);
    }

    Page<Schedule> list(ListQuery query) {
        return tables.list(SPEC, query, this::map);
    }

    int delete(String deploymentId, String id) {
        return tables.deleteWhere(TABLE, KEY, List.of(deploymentId, id));
    }

    /**
     * Claims the occurrence {@code due} of a schedule by moving {@code next_occurrence} on from it, in one
     * compare-and-set: of every server (and every round) that read the same due occurrence, exactly one wins.
     */
    boolean claim(Schedule schedule, Instant next) {
        Map<String, Object> values = new HashMap<>();
        values.put("next_occurrence", next);
        return tables.updateWhere(TABLE, KEY + " AND enabled = TRUE AND next_occurrence = ?",
                List.of(schedule.deploymentId(), schedule.id(), schedule.nextOccurrence()), values) == 1;
    }

    /** Records the execution that the occurrence just claimed started. */
    void claimed(Schedule schedule, String executionId) {
        tables.updateWhere(TABLE, KEY, List.of(schedule.deploymentId(), schedule.id()),
                Map.of("latest_execution", executionId));
    }

    /** Turns the schedule off if it still is on: {@code stop_on_fail} after its execution failed. */
    boolean disable(Schedule schedule) {
        return tables.updateWhere(TABLE, KEY + " AND enabled = TRUE", List.of(schedule.deploymentId(),
                schedule.id()), Map.of("enabled", false)) == 1;
    }

    /** Enabled schedules of every tenant whose next occurrence is at or before {@code now}, earliest first. */
    List<Schedule> dueAcrossTenants(Instant now, int limit) {
        return tables.findAcrossTenants(TABLE, "enabled = TRUE AND next_occurrence <= ?", List.of(now), limit,
                this::map);
    }

    /** Enabled {@code stop_on_fail} schedules of every tenant whose latest execution failed. */
    List<Schedule> failedAcrossTenants(int limit) {
        var join = new TenantTables.Join(TABLE, "s", "executions", "e",
                "e.tenant_name = s.tenant_name AND e.id = s.latest_execution");
        return tables.findJoinedAcrossTenants(join, "s.*", "s.enabled = TRUE AND s.stop_on_fail = TRUE"
                + " AND e.status = 'failed'", List.of(), limit, this::map);
    }

    private Schedule map(ResultSet rs) throws SQLException {
        Map<String, Object> rule = json.readMap(rs.getString("rule"));
        Map<String, Object> arguments = json.readMap(rs.getString("execution_arguments"));
        @SuppressWarnings("unchecked")
        List<String> weekdays = (List<String>) rule.get("weekdays");
        return new Schedule(rs.getString("tenant_name"), rs.getString("id"), rs.getString("deployment_id"),
                rs.getString("visibility"), rs.getString("created_by"), Sql.instant(rs, "created_at"),
                rs.getString("workflow_id"), Sql.instant(rs, "since_time"), Sql.instant(rs, "until_time"),
                new ScheduleRule((String) rule.get("recurrence"), rule.get("count") == null ? null
                        : ((Number) rule.get("count")).intValue(), weekdays, (String) rule.get("rrule")),
                rs.getInt("slip"), rs.getBoolean("stop_on_fail"), rs.getBoolean("enabled"),
                json.readMap(rs.getString("parameters")),
                new Schedule.ExecutionArguments(Boolean.TRUE.equals(arguments.get("allow_custom_parameters")),
                        Boolean.TRUE.equals(arguments.get("force")), Boolean.TRUE.equals(arguments.get("is_dry_run")),
                        ((Number) arguments.get("wait_after_fail")).intValue()),
                Sql.instant(rs, "next_occurrence"), rs.getString("latest_execution"));
    }
}
