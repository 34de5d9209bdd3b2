package io.steward.api.cloudify.wire;

import io.steward.engine.execution.Execution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An execution as Cloudify renders it (v3 and v3.1 are identical). */
public final class ExecutionWire {
    public static final List<String> FIELDS = List.of("id", "workflow_id", "deployment_id", "blueprint_id",
            "deployment_display_name", "status", "status_display", "parameters", "parameters_p", "error",
            "created_at", "started_at", "ended_at", "scheduled_for", "is_system_workflow", "is_dry_run", "resume",
            "allow_custom_parameters", "total_operations", "finished_operations", "visibility",
            "resource_availability", "private_resource", "tenant_name", "created_by");

    private ExecutionWire() {
    }

    public static Map<String, Object> render(Execution e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id());
        out.put("workflow_id", e.workflowId());
        out.put("deployment_id", e.deploymentId());
        out.put("blueprint_id", e.blueprintId());
        out.put("deployment_display_name", e.deploymentId());
        out.put("status", e.status().wire());
        out.put("status_display", e.status().display());
        out.put("parameters", e.parameters());
        // A legacy pickled column in Cloudify: always null for new rows, kept because clients see the key.
        out.put("parameters_p", null);
        out.put("error", e.error());
        out.put("created_at", Timestamps.format(e.createdAt()));
        out.put("started_at", Timestamps.format(e.startedAt()));
        out.put("ended_at", Timestamps.format(e.endedAt()));
        out.put("scheduled_for", Timestamps.format(e.scheduledFor()));
        out.put("is_system_workflow", e.systemWorkflow());
        out.put("is_dry_run", e.dryRun());
        out.put("resume", e.resume());
        out.put("allow_custom_parameters", e.allowCustomParameters());
        out.put("total_operations", e.totalOperations());
        out.put("finished_operations", e.finishedOperations());
        Ownership.put(out, e.tenantName(), e.createdBy(), e.visibility().wire());
        return out;
    }
}
