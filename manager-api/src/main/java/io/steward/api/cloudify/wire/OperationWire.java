package io.steward.api.cloudify.wire;

import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionOperations.Operation;
import io.steward.engine.workflow.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Cloudify's tasks graph and operation resources, made from Steward's stored task graph. */
public final class OperationWire {
    /** Operation types {@code skip_internal} keeps (Cloudify: real operations and subgraphs). */
    public static final String REMOTE = "RemoteWorkflowTask";

    private OperationWire() {
    }

    public static Map<String, Object> graph(Execution execution) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", execution.id());
        out.put("name", execution.workflowId());
        out.put("execution_id", execution.id());
        out.put("created_at", Timestamps.format(execution.startedAt() != null ? execution.startedAt()
                : execution.createdAt()));
        Ownership.put(out, execution.tenantName(), execution.createdBy(), execution.visibility().wire());
        return out;
    }

    /** Cloudify's operation state for a task's state. */
    public static String state(Operation operation) {
        return switch (operation.task().state()) {
            case PENDING -> "pending";
            case RUNNING -> "started";
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed";
        };
    }

    public static String type(Operation operation) {
        return operation.task().task().kind() == Task.Kind.OPERATION ? REMOTE
                : operation.task().task().kind() == Task.Kind.SET_STATE ? "SetNodeInstanceStateTask"
                : "LocalWorkflowTask";
    }

    public static Map<String, Object> operation(Operation operation) {
        Task task = operation.task().task();
        Execution execution = operation.execution();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", operation.id());
        out.put("name", task.kind() == Task.Kind.OPERATION ? task.operation()
                : task.kind().name().toLowerCase(Locale.ROOT) + (task.state() == null ? "" : " " + task.state()));
        out.put("state", state(operation));
        out.put("type", type(operation));
        List<String> dependencies = new ArrayList<>();
        for (String dependency : task.dependsOn()) {
            dependencies.add(execution.id() + "." + dependency);
        }
        out.put("dependencies", dependencies);
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("node_instance_id", task.nodeInstanceId());
        kwargs.put("node_id", task.nodeId());
        kwargs.put("operation", task.operation());
        kwargs.put("relationship_target", task.relationshipTarget());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("task_kwargs", kwargs);
        parameters.put("current_retries", Math.max(0, operation.task().attempts() - 1));
        parameters.put("error", null);
        out.put("parameters", parameters);
        out.put("manager_name", null);
        out.put("agent_name", null);
        out.put("tasks_graph_id", execution.id());
        out.put("execution_id", execution.id());
        out.put("created_at", Timestamps.format(execution.createdAt()));
        Ownership.put(out, execution.tenantName(), execution.createdBy(), execution.visibility().wire());
        return out;
    }
}
