package io.steward.api.cloudify.wire;

import io.steward.engine.execution.Execution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** An execution as Cloudify renders it (v3 and v3.1 are identical). */
public final class ExecutionWire {
    public static final List<String> FIELDS = List.of("id", "workflow_id", "deployment_id", "blueprint_id",
            "deployment_display_name", "status", "status_display", "parameters", "parameters_p", "error",
            "created_at", "started_at", "ended_at", "scheduled_for", "is_system_workflow", "is_dry_run", "resume",
            "allow_custom_parameters", "total_operations", "finished_operations", "visibility",
            "resource_availability", "private_resource", "tenant_name", "created_by");

    /**
     * What {@code _include} may name on one execution: the fields, and {@code waiting}, Steward's own key (Cloudify's
     * clients ignore it): {@code {"reason": "tenant cap 5 of 5", "place_in_line": 3}} while the execution is queued,
     * pending or scheduled, else null. Lists show it when no {@code _include} is given.
     */
    public static final List<String> INCLUDABLE = java.util.stream.Stream.concat(FIELDS.stream(),
            java.util.stream.Stream.of("waiting")).toList();

    private ExecutionWire() {
    }

    /** {@code rendered} with its {@code waiting} key. */
    public static Map<String, Object> withWaiting(Map<String, Object> rendered,
                                                  io.steward.engine.execution.ExecutionAdmission.Waiting waiting) {
        if (waiting == null) {
            rendered.put("waiting", null);
        } else {
            Map<String, Object> why = new LinkedHashMap<>();
            why.put("reason", waiting.reason());
            why.put("place_in_line", waiting.placeInLine());
            rendered.put("waiting", why);
        }
        return rendered;
    }

    public static Map<String, Object> render(Execution e) {
        return EVERY_FIELD.apply(e);
    }

    /**
     * A renderer of {@code fields} alone (every field when empty), in Cloudify's order, made once per list: with
     * {@code _include} no other value is formatted, and the executions carry no other value (see
     * {@code ExecutionQueries.list}).
     */
    public static Function<Execution, Map<String, Object>> renderer(List<String> fields) {
        if (fields.isEmpty()) {
            return EVERY_FIELD;
        }
        List<BiConsumer<Execution, Map<String, Object>>> chosen = new ArrayList<>();
        WRITERS.forEach((field, writer) -> {
            boolean ownership = field.equals(OWNERSHIP) && Ownership.FIELDS.stream().anyMatch(fields::contains);
            if (ownership || fields.contains(field)) {
                chosen.add(writer);
            }
        });
        return e -> write(e, chosen);
    }

    private static final String OWNERSHIP = "(ownership)";
    private static final Map<String, BiConsumer<Execution, Map<String, Object>>> WRITERS = writers();
    private static final Function<Execution, Map<String, Object>> EVERY_FIELD = renderEvery();

    private static Function<Execution, Map<String, Object>> renderEvery() {
        List<BiConsumer<Execution, Map<String, Object>>> all = List.copyOf(WRITERS.values());
        return e -> write(e, all);
    }

    private static Map<String, Object> write(Execution e, List<BiConsumer<Execution, Map<String, Object>>> writers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (BiConsumer<Execution, Map<String, Object>> writer : writers) {
            writer.accept(e, out);
        }
        return out;
    }

    private static Map<String, BiConsumer<Execution, Map<String, Object>>> writers() {
        Map<String, BiConsumer<Execution, Map<String, Object>>> w = new LinkedHashMap<>();
        w.put("id", (e, out) -> out.put("id", e.id()));
        w.put("workflow_id", (e, out) -> out.put("workflow_id", e.workflowId()));
        w.put("deployment_id", (e, out) -> out.put("deployment_id", e.deploymentId()));
        w.put("blueprint_id", (e, out) -> out.put("blueprint_id", e.blueprintId()));
        w.put("deployment_display_name", (e, out) -> out.put("deployment_display_name", e.deploymentId()));
        w.put("status", (e, out) -> out.put("status", e.status().wire()));
        w.put("status_display", (e, out) -> out.put("status_display", e.status().display()));
        w.put("parameters", (e, out) -> out.put("parameters", e.parameters()));
        // A legacy pickled column in Cloudify: always null for new rows, kept because clients see the key.
        w.put("parameters_p", (e, out) -> out.put("parameters_p", null));
        w.put("error", (e, out) -> out.put("error", e.error()));
        w.put("created_at", (e, out) -> out.put("created_at", Timestamps.format(e.createdAt())));
        w.put("started_at", (e, out) -> out.put("started_at", Timestamps.format(e.startedAt())));
        w.put("ended_at", (e, out) -> out.put("ended_at", Timestamps.format(e.endedAt())));
        w.put("scheduled_for", (e, out) -> out.put("scheduled_for", Timestamps.format(e.scheduledFor())));
        w.put("is_system_workflow", (e, out) -> out.put("is_system_workflow", e.systemWorkflow()));
        w.put("is_dry_run", (e, out) -> out.put("is_dry_run", e.dryRun()));
        w.put("resume", (e, out) -> out.put("resume", e.resume()));
        w.put("allow_custom_parameters", (e, out) -> out.put("allow_custom_parameters", e.allowCustomParameters()));
        w.put("total_operations", (e, out) -> out.put("total_operations", e.totalOperations()));
        w.put("finished_operations", (e, out) -> out.put("finished_operations", e.finishedOperations()));
        // All five ownership fields at once; the include projection after rendering keeps those asked for.
        w.put(OWNERSHIP, (e, out) -> Ownership.put(out, e.tenantName(), e.createdBy(),
                e.visibility() == null ? null : e.visibility().wire()));
        return Collections.unmodifiableMap(w);
    }
}
