package io.steward.ogc.process;

import java.util.List;
import java.util.Map;

/**
 * A process: its OGC description (id, version, title, jobControlOptions, outputTransmission, inputs and outputs as
 * maps keyed by id, each with a JSON {@code schema}), how it runs, and whether Part 2 may replace or undeploy it.
 */
public record ProcessDefinition(String id, Map<String, Object> description, ExecutionUnit unit, boolean mutable) {
    public static final String SYNC = "sync-execute";
    public static final String ASYNC = "async-execute";
    public static final String DISMISS = "dismiss";

    public ProcessDefinition {
        description = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(description));
    }

    @SuppressWarnings("unchecked")
    public List<String> jobControlOptions() {
        return (List<String>) description.getOrDefault("jobControlOptions", List.of(SYNC, ASYNC, DISMISS));
    }

    @SuppressWarnings("unchecked")
    public List<String> outputTransmission() {
        return (List<String>) description.getOrDefault("outputTransmission", List.of("value"));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> inputs() {
        return (Map<String, Map<String, Object>>) description.getOrDefault("inputs", Map.of());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> outputs() {
        return (Map<String, Map<String, Object>>) description.getOrDefault("outputs", Map.of());
    }

    /** The output's schema, or an empty one. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> outputSchema(String outputId) {
        Map<String, Object> output = outputs().getOrDefault(outputId, Map.of());
        return (Map<String, Object>) output.getOrDefault("schema", Map.of());
    }

    /** Runs only asynchronously: the execute table of OGC 18-062r2 §7.11.2 says 201 even without a Prefer header. */
    public boolean asyncOnly() {
        return jobControlOptions().contains(ASYNC) && !jobControlOptions().contains(SYNC);
    }

    public boolean syncOnly() {
        return jobControlOptions().contains(SYNC) && !jobControlOptions().contains(ASYNC);
    }
}
