package io.steward.api.ogc.wire;

import io.steward.ogc.process.ProcessDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** processSummary and process (18-062r2), with {@code mutable} on every one as Part 2 asks. */
public final class ProcessWire {
    private static final List<String> SUMMARY_FIELDS = List.of("id", "title", "description", "version", "keywords",
            "metadata", "additionalParameters", "jobControlOptions", "outputTransmission");

    private ProcessWire() {
    }

    public static Map<String, Object> summary(ProcessDefinition process, String root) {
        Map<String, Object> summary = new LinkedHashMap<>();
        SUMMARY_FIELDS.forEach(field -> {
            if (process.description().containsKey(field)) {
                summary.put(field, process.description().get(field));
            }
        });
        summary.put("id", process.id());
        summary.putIfAbsent("version", "1.0.0");
        summary.put("jobControlOptions", process.jobControlOptions());
        summary.put("outputTransmission", process.outputTransmission());
        summary.put("mutable", process.mutable());
        String self = root + "/processes/" + process.id();
        summary.put("links", List.of(
                Link.of(self, "self", "application/json", "process description"),
                Link.of(self + "/execution", Link.OGC_REL + "execute", "application/json", "execute the process")));
        return summary;
    }

    public static Map<String, Object> description(ProcessDefinition process, String root) {
        Map<String, Object> description = summary(process, root);
        description.put("inputs", process.inputs());
        description.put("outputs", process.outputs());
        return description;
    }
}
