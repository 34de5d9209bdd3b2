package io.steward.engine.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow a deployment of the blueprint can run.
 *
 * @param mapping    for BUILTIN Cloudify's mapping ({@code default_workflows.cloudify.plugins.workflows.install});
 *                   for SCRIPT the script's archive path; for SEQUENCE {@code steward.sequence}
 * @param parameters declared parameters in declaration order
 * @param steps      the steps of a SEQUENCE, empty otherwise
 */
public record WorkflowDefinition(String name, String mapping, WorkflowKind kind,
                                 Map<String, ParameterDefinition> parameters, List<WorkflowStep> steps) {
    public static final String BUILTIN_MAPPING_PREFIX = "default_workflows.cloudify.plugins.workflows.";
    public static final String SEQUENCE_MAPPING = "steward.sequence";

    public WorkflowDefinition {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        steps = List.copyOf(steps);
    }

    public boolean builtin() {
        return kind == WorkflowKind.BUILTIN;
    }

    /** For a BUILTIN, the function after Cloudify's prefix ({@code install}, {@code scale_entity}, …). */
    public String builtinFunction() {
        return builtin() ? mapping.substring(BUILTIN_MAPPING_PREFIX.length()) : "";
    }
}
