package io.steward.engine.workflow;

import io.steward.engine.storage.JsonColumns;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An execution's task graph, stored when the execution first starts, with each task's state. A restarted or resumed
 * execution reloads it and skips the tasks that already succeeded.
 */
@Singleton
public class TaskStore {
    static final String TABLE = "execution_tasks";

    private final TenantTables tables;
    private final JsonColumns json;
    private final Clock clock;

    TaskStore(TenantTables tables, JsonColumns json, Clock clock) {
        this.tables = tables;
        this.json = json;
        this.clock = clock;
    }

    /** A stored task and how far it got. */
    public record StoredTask(Task task, TaskState state, int attempts) {
    }

    /** A task's progress; only SUCCEEDED survives a resume, anything else runs again. */
    public enum TaskState { PENDING, RUNNING, SUCCEEDED, FAILED }

    /** Stores a new task graph, every task pending, in one batch. */
    public void save(String executionId, List<Task> tasks) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        int seq = 0;
        for (Task task : tasks) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("execution_id", executionId);
            row.put("id", task.id());
            row.put("visibility", Visibility.TENANT.wire());
            row.put("created_at", clock.instant());
            row.put("seq", seq++);
            row.put("state", TaskState.PENDING.name());
            row.put("attempts", 0);
            row.put("definition", json.write(toMap(task)));
            rows.add(row);
        }
        tables.insertAll(TABLE, rows);
    }

    public List<StoredTask> load(String executionId) {
        List<StoredTask> tasks = tables.find(TABLE, "execution_id = ?", List.of(executionId),
                rs -> new StoredTask(fromMap(json.readMap(rs.getString("definition"))),
                        TaskState.valueOf(rs.getString("state")), rs.getInt("attempts")));
        return tasks.stream().sorted(java.util.Comparator.comparing(t -> t.task().id())).toList();
    }

    public void mark(String executionId, String taskId, TaskState state, int attempts) {
        tables.updateWhere(TABLE, "execution_id = ? AND id = ?", List.of(executionId, taskId),
                Map.of("state", state.name(), "attempts", attempts));
    }

    /** Keeps what a succeeded operation task produced (nothing is written for a null output). */
    public void storeOutput(String executionId, String taskId, Object output) {
        if (output != null) {
            tables.updateWhere(TABLE, "execution_id = ? AND id = ?", List.of(executionId, taskId),
                    Map.of("output", json.write(output)));
        }
    }

    /** The stored outputs of an execution's tasks, by task id, in task order; tasks without output are left out. */
    public Map<String, Object> outputs(String executionId) {
        Map<String, Object> outputs = new java.util.TreeMap<>();
        tables.find(TABLE, "execution_id = ? AND output IS NOT NULL", List.of(executionId),
                rs -> Map.entry(rs.getString("id"), json.readValue(rs.getString("output"))))
                .forEach(e -> outputs.put(e.getKey(), e.getValue()));
        return outputs;
    }

    /** Forgets an execution's task outputs (results their caller has discarded); the task graph stays. */
    public void clearOutputs(String executionId) {
        Map<String, Object> none = new java.util.HashMap<>();
        none.put("output", null);
        tables.updateWhere(TABLE, "execution_id = ?", List.of(executionId), none);
    }

    private static Map<String, Object> toMap(Task task) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", task.id());
        map.put("kind", task.kind().name());
        map.put("node_instance_id", task.nodeInstanceId());
        map.put("node_id", task.nodeId());
        map.put("operation", task.operation());
        map.put("state", task.state());
        map.put("relationship_target", task.relationshipTarget());
        map.put("side", task.side().name());
        map.put("depends_on", task.dependsOn());
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Task fromMap(Map<String, Object> map) {
        return new Task((String) map.get("id"), Task.Kind.valueOf((String) map.get("kind")),
                (String) map.get("node_instance_id"), (String) map.get("node_id"), (String) map.get("operation"),
                (String) map.get("state"), (String) map.get("relationship_target"),
                Task.Side.valueOf((String) map.get("side")), (List<String>) map.get("depends_on"));
    }
}
