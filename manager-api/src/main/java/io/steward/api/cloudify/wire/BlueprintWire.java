package io.steward.api.cloudify.wire;

import io.steward.engine.blueprint.Blueprint;
import io.steward.engine.execution.Execution;
import io.steward.engine.label.Label;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A blueprint as Cloudify renders it. */
public final class BlueprintWire {
    public static final List<String> FIELDS;

    static {
        List<String> fields = new ArrayList<>(List.of("id", "description", "main_file_name", "plan", "plan_p", "state", "error",
                "error_traceback", "labels", "upload_execution", "requirements", "is_hidden", "created_at",
                "updated_at"));
        fields.addAll(Ownership.FIELDS);
        FIELDS = List.copyOf(fields);
    }

    private BlueprintWire() {
    }

    private static Map<String, Object> noExecution() {
        Map<String, Object> none = new LinkedHashMap<>();
        ExecutionWire.FIELDS.forEach(field -> none.put(field, null));
        return none;
    }

    /**
     * {@code cfy blueprints get} indexes the plan's {@code metadata}, {@code inputs} and plugin lists; Steward runs
     * no plugins, so those lists are truthfully empty.
     */
    private static Map<String, Object> planAsCloudifyReads(Map<String, Object> plan) {
        if (plan == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>(plan);
        out.putIfAbsent("metadata", Map.of());
        out.putIfAbsent("inputs", Map.of());
        for (String plugins : List.of("deployment_plugins_to_install", "workflow_plugins_to_install",
                "host_agent_plugins_to_install")) {
            out.putIfAbsent(plugins, List.of());
        }
        return out;
    }

    /** {@code uploadExecution} is the upload_blueprint execution; without one, an object of nulls, as Cloudify's. */
    public static Map<String, Object> render(Blueprint b, Execution uploadExecution) {
        return render(b, uploadExecution, List.of());
    }

    public static Map<String, Object> render(Blueprint b, Execution uploadExecution, List<Label> labels) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", b.id());
        out.put("description", b.description());
        out.put("main_file_name", b.mainFileName());
        out.put("plan", planAsCloudifyReads(b.plan()));
        out.put("plan_p", null);
        out.put("state", b.state());
        out.put("error", b.error());
        out.put("error_traceback", b.errorTraceback());
        out.put("labels", LabelWire.render(labels));
        out.put("upload_execution", uploadExecution == null ? noExecution() : ExecutionWire.render(uploadExecution));
        out.put("requirements", null);
        out.put("is_hidden", false);
        out.put("created_at", Timestamps.format(b.createdAt()));
        out.put("updated_at", Timestamps.format(b.updatedAt()));
        Ownership.put(out, b.tenantName(), b.createdBy(), b.visibility().wire());
        return out;
    }
}
