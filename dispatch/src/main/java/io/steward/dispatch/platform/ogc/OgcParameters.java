package io.steward.dispatch.platform.ogc;

import io.steward.dispatch.platform.ProcessParameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OGC process description's inputs as APEx parameters: the type from {@code schema.type}/{@code format}
 * (date-interval, bounding-box, boolean, integer, double), else string, or bounding-box when the schema requires
 * {@code bbox}; optional when {@code minOccurs} is 0; options from {@code enum}.
 */
final class OgcParameters {
    private OgcParameters() {
    }

    static List<ProcessParameter> of(Map<String, Object> description) {
        List<ProcessParameter> parameters = new ArrayList<>();
        if (!(description.get("inputs") instanceof Map<?, ?> inputs)) {
            return parameters;
        }
        inputs.forEach((name, value) -> {
            Map<?, ?> input = value instanceof Map<?, ?> m ? m : Map.of();
            Map<?, ?> schema = input.get("schema") instanceof Map<?, ?> s ? s : Map.of();
            Object minOccurs = input.get("minOccurs");
            boolean optional = minOccurs instanceof Number n && n.intValue() == 0;
            Object description1 = input.get("description") != null ? input.get("description") : input.get("title");
            List<Object> options = schema.get("enum") instanceof List<?> e ? new ArrayList<>(e) : List.of();
            String checkedAs = typeOf(schema);
            parameters.add(new ProcessParameter(String.valueOf(name), checkedAs == null ? "string" : checkedAs,
                    optional, description1 == null ? "" : String.valueOf(description1), schema.get("default"),
                    options, checkedAs));
        });
        return parameters;
    }

    /** The APEx type values are checked against, or null when none fits the schema. */
    private static String typeOf(Map<?, ?> schema) {
        Object format = schema.get("format");
        if ("date-interval".equals(format) || "bounding-box".equals(format)) {
            return (String) format;
        }
        String type = String.valueOf(schema.get("type"));
        switch (type) {
            case "boolean":
                return "boolean";
            case "integer":
                return "integer";
            case "number":
                return "double";
            default:
                break;
        }
        if (schema.get("required") instanceof List<?> required && required.contains("bbox")) {
            return "bounding-box";
        }
        if ("string".equals(type)) {
            return "string";
        }
        if ("array".equals(type) && schema.get("items") instanceof Map<?, ?> items
                && "string".equals(items.get("type"))) {
            return "array-string";
        }
        // No APEx type fits (an array of numbers, an object, oneOf, no type at all): shown as string, not checked.
        return null;
    }
}
