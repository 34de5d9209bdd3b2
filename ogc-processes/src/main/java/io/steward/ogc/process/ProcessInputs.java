package io.steward.ogc.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a job's inputs against the process description: unknown inputs, missing required ones, too few or too many
 * occurrences and values that do not fit the input's whole JSON Schema ({@link InputSchemas}) are refused with
 * {@code InvalidParameterValue} naming the input. A reference ({@code {"href": …}}) is fetched through
 * {@link References} and its content checked like an inline value.
 *
 * <p>Qualified values are unwrapped, in the flat form ({@code value}, {@code mediaType}, {@code encoding},
 * {@code schema}) and in the older nested one ({@code value} and {@code format: {mediaType, encoding, schema}}).
 * Liberal where clients are: when the unwrapped value does not fit the schema but the whole object does (the OGC
 * test suite sends {@code {"value": "teststring"}} to an input of {@code type: object}), the object is the value.
 */
final class ProcessInputs {
    private static final Set<String> QUALIFIED = Set.of("value", "mediaType", "encoding", "schema", "format");
    private static final Set<String> FORMAT = Set.of("mediaType", "encoding", "schema");

    /** How a reference input becomes its content; throws {@code InvalidParameterValue} when it may not. */
    @FunctionalInterface
    interface References {
        Object fetch(String inputId, String href);
    }

    private ProcessInputs() {
    }

    static Map<String, Object> check(ProcessDefinition process, Map<String, Object> given, References references) {
        Map<String, Map<String, Object>> declared = process.inputs();
        Map<String, Object> values = new LinkedHashMap<>();
        given.forEach((id, value) -> {
            Map<String, Object> input = declared.get(id);
            if (input == null) {
                throw ProcessException.invalidInput("Process '" + process.id() + "' has no input '" + id
                        + "'; its inputs are " + declared.keySet());
            }
            values.put(id, checkOccurrences(id, input, value, references));
        });
        declared.forEach((id, input) -> {
            if (!values.containsKey(id) && minOccurs(input) > 0) {
                throw ProcessException.invalidInput("Input '" + id + "' of process '" + process.id()
                        + "' is required");
            }
        });
        return values;
    }

    private static Object checkOccurrences(String id, Map<String, Object> input, Object value,
                                           References references) {
        Map<String, Object> schema = schema(input);
        Object maxOccurs = input.getOrDefault("maxOccurs", 1);
        boolean unbounded = "unbounded".equals(maxOccurs);
        int max = maxOccurs instanceof Number n ? n.intValue() : 1;
        boolean many = unbounded || max > 1;
        if (many && value instanceof List<?> list && !fitsWhole(schema, list)) {
            int min = minOccurs(input);
            if (list.size() < min || (!unbounded && list.size() > max)) {
                throw ProcessException.invalidInput("Input '" + id + "' occurs " + list.size() + " times; it takes "
                        + min + " to " + (unbounded ? "any number" : String.valueOf(max)));
            }
            List<Object> each = new ArrayList<>();
            list.forEach(v -> each.add(accept(id, schema, v, references)));
            return each;
        }
        return accept(id, schema, value, references);
    }

    /** Whether a list given to a repeatable input is one value of an array schema rather than several values. */
    private static boolean fitsWhole(Map<String, Object> schema, List<?> list) {
        return "array".equals(schema.get("type")) && InputSchemas.problem(schema, list) == null;
    }

    /** The value an input takes from what was sent, or {@code InvalidParameterValue} saying why none. */
    private static Object accept(String id, Map<String, Object> schema, Object sent, References references) {
        if (sent instanceof Map<?, ?> map && map.get("href") instanceof String href) {
            Object content = references.fetch(id, href);
            requireFits(id, schema, content, " (fetched from " + href + ")");
            return content;
        }
        if (sent instanceof Map<?, ?> map && map.containsKey("href")) {
            throw ProcessException.invalidInput("Input '" + id + "': href must be a string");
        }
        if (isQualified(sent)) {
            Object unwrapped = ((Map<?, ?>) sent).get("value");
            String problem = InputSchemas.problem(schema, unwrapped);
            if (problem == null) {
                return unwrapped;
            }
            if (InputSchemas.problem(schema, sent) == null) {
                return sent;
            }
            throw mismatch(id, problem, "");
        }
        requireFits(id, schema, sent, "");
        return sent;
    }

    private static boolean isQualified(Object value) {
        if (!(value instanceof Map<?, ?> map) || !map.containsKey("value")
                || !QUALIFIED.containsAll(map.keySet())) {
            return false;
        }
        Object format = map.get("format");
        return format == null || format instanceof Map<?, ?> f && FORMAT.containsAll(f.keySet());
    }

    private static void requireFits(String id, Map<String, Object> schema, Object value, String where) {
        String problem = InputSchemas.problem(schema, value);
        if (problem != null) {
            throw mismatch(id, problem, where);
        }
    }

    private static ProcessException mismatch(String id, String problem, String where) {
        return ProcessException.invalidInput("Input '" + id + "'" + where + " does not fit its schema: " + problem);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(Map<String, Object> input) {
        return input.get("schema") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static int minOccurs(Map<String, Object> input) {
        return input.get("minOccurs") instanceof Number n ? n.intValue() : 1;
    }
}
