package io.steward.ogc.process;

import io.steward.engine.storage.JsonColumns;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Steward's own processes, immutable and visible in every tenant: {@code echo} (the test process conformance tools
 * expect: its first input a plain string, an optional {@code pause}, and further inputs of other shapes, each echoed
 * to the output of the same id) and {@code sha256} (the SHA-256 digest of a text).
 */
final class BuiltinProcesses {
    private BuiltinProcesses() {
    }

    static final List<ProcessDefinition> ALL = List.of(echo(), sha256());

    private static ProcessDefinition echo() {
        Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
        inputs.put("a", io("A string", "Echoed to output a.", Map.of("type", "string"), 1));
        inputs.put("pause", io("Pause", "Seconds to wait before answering (0 to 600).",
                Map.of("type", "number", "minimum", 0, "maximum", 600), 0));
        inputs.put("b", io("Integers", "Echoed to output b.",
                Map.of("type", "array", "items", Map.of("type", "integer")), 0));
        inputs.put("c", io("Bounding box", "Echoed to output c.", bboxSchema(), 0));
        inputs.put("d", io("Object", "Any JSON object, echoed to output d.", Map.of("type", "object"), 0));
        inputs.put("e", io("String or integer", "Echoed to output e.",
                Map.of("oneOf", List.of(Map.of("type", "string"), Map.of("type", "integer"))), 0));
        inputs.put("f", io("Text", "Plain text, echoed to output f.",
                Map.of("type", "string", "contentMediaType", "text/plain"), 0));
        Map<String, Object> outputs = new LinkedHashMap<>();
        inputs.forEach((id, input) -> {
            if (!id.equals("pause")) {
                outputs.put(id, Map.of("title", input.get("title"), "schema", input.get("schema")));
            }
        });
        Map<String, Object> description = summary("echo", "Echo",
                "Returns its inputs as outputs of the same id, after an optional pause.", List.of("test"));
        description.put("inputs", inputs);
        description.put("outputs", outputs);
        return new ProcessDefinition("echo", description, new Builtin("echo", "steward.echo",
                in -> {
                    Map<String, Object> values = new LinkedHashMap<>(in);
                    Object pause = values.remove("pause");
                    Map<String, Object> kwargs = new LinkedHashMap<>();
                    kwargs.put("values", values);
                    kwargs.put("pause", pause == null ? 0 : pause);
                    return kwargs;
                }, ExecutionUnit::byOutputId), false);
    }

    private static ProcessDefinition sha256() {
        Map<String, Object> description = summary("sha256", "SHA-256 digest",
                "The SHA-256 digest of a text (UTF-8), as lower-case hexadecimal.", List.of("digest", "hash"));
        description.put("inputs", Map.of("text", io("Text", "The text to digest.", Map.of("type", "string"), 1)));
        description.put("outputs", Map.of("digest", Map.of("title", "Digest",
                "schema", Map.of("type", "string", "pattern", "^[0-9a-f]{64}$"))));
        return new ProcessDefinition("sha256", description, new Builtin("digest", "steward.digest",
                in -> Map.of("text", in.get("text")), ExecutionUnit::byOutputId), false);
    }

    private static Map<String, Object> summary(String id, String title, String text, List<String> keywords) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("id", id);
        description.put("title", title);
        description.put("description", text);
        description.put("version", "1.0.0");
        description.put("keywords", keywords);
        description.put("jobControlOptions", List.of(ProcessDefinition.SYNC, ProcessDefinition.ASYNC,
                ProcessDefinition.DISMISS));
        description.put("outputTransmission", List.of("value", "reference"));
        return description;
    }

    private static Map<String, Object> io(String title, String text, Map<String, Object> schema, int minOccurs) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("title", title);
        input.put("description", text);
        input.put("minOccurs", minOccurs);
        input.put("maxOccurs", 1);
        input.put("schema", schema);
        return input;
    }

    /** A bounding box as the spec's example describes one: {@code allOf} of the {@code ogc-bbox} format and its shape. */
    private static Map<String, Object> bboxSchema() {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("type", "object");
        shape.put("required", List.of("bbox"));
        shape.put("properties", Map.of(
                "bbox", Map.of("type", "array", "oneOf", List.of(
                        Map.of("minItems", 4, "maxItems", 4), Map.of("minItems", 6, "maxItems", 6)),
                        "items", Map.of("type", "number")),
                "crs", Map.of("type", "string", "format", "uri")));
        return Map.of("allOf", List.of(Map.of("format", "ogc-bbox"), shape));
    }

    /** A unit that runs one of the engine's built-in operations. */
    record Builtin(String name, String implementation, Function<Map<String, Object>, Map<String, Object>> kwargs,
                   BiFunction<Object, Collection<String>, Map<String, Object>> toResults) implements ExecutionUnit {
        @Override
        public String type() {
            return "builtin";
        }

        @Override
        public String operation() {
            return ProcessBlueprint.INTERFACE + "." + name;
        }

        @Override
        public Map<String, Object> operationInputs(Map<String, Object> inputs, JsonColumns json) {
            return kwargs.apply(inputs);
        }

        @Override
        public Map<String, Object> results(Object output, Collection<String> outputIds) {
            return toResults.apply(output, outputIds);
        }

        @Override
        public Map<String, Object> toJson() {
            return Map.of("type", type(), "operation", implementation);
        }
    }
}
