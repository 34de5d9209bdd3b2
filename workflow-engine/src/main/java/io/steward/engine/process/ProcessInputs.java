package io.steward.engine.process;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a job's inputs against the process description and unwraps qualified values ({@code {"value": …}}).
 * Unknown inputs, missing required ones, wrong JSON types and references ({@code href}: Steward fetches nothing
 * remote) are refused with {@code InvalidParameterValue} naming the input. Schemas are checked for their
 * {@code type}, {@code oneOf}, {@code minimum}/{@code maximum}, array items and {@code minItems}/{@code maxItems},
 * and objects' {@code required} members and {@code properties}: enough to refuse what the operation could not take
 * (a bounding box whose {@code bbox} is not four to six numbers), without a full JSON-Schema validator.
 */
final class ProcessInputs {
    private ProcessInputs() {
    }

    static Map<String, Object> check(ProcessDefinition process, Map<String, Object> given) {
        Map<String, Map<String, Object>> declared = process.inputs();
        Map<String, Object> values = new LinkedHashMap<>();
        given.forEach((id, value) -> {
            Map<String, Object> input = declared.get(id);
            if (input == null) {
                throw ProcessException.invalidInput("Process '" + process.id() + "' has no input '" + id
                        + "'; its inputs are " + declared.keySet());
            }
            values.put(id, checkOccurrences(id, input, unwrap(id, value)));
        });
        declared.forEach((id, input) -> {
            if (!values.containsKey(id) && minOccurs(input) > 0) {
                throw ProcessException.invalidInput("Input '" + id + "' of process '" + process.id()
                        + "' is required");
            }
        });
        return values;
    }

    private static Object checkOccurrences(String id, Map<String, Object> input, Object value) {
        Map<String, Object> schema = schema(input);
        Object maxOccurs = input.getOrDefault("maxOccurs", 1);
        boolean many = "unbounded".equals(maxOccurs) || (maxOccurs instanceof Number n && n.intValue() > 1);
        if (many && value instanceof List<?> list && !"array".equals(schema.get("type"))) {
            List<Object> each = list.stream().map(v -> unwrap(id, v)).toList();
            each.forEach(v -> requireMatches(id, schema, v));
            return each;
        }
        requireMatches(id, schema, value);
        return value;
    }

    private static Object unwrap(String id, Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey("href")) {
                throw ProcessException.invalidInput("Input '" + id + "' is a reference (href); Steward takes inline"
                        + " values only");
            }
            if (map.containsKey("value") && map.keySet().stream()
                    .allMatch(k -> List.of("value", "mediaType", "encoding", "schema").contains(k))) {
                return map.get("value");
            }
        }
        return value;
    }

    private static void requireMatches(String id, Map<String, Object> schema, Object value) {
        String problem = mismatch(schema, value);
        if (problem != null) {
            throw ProcessException.invalidInput("Input '" + id + "' " + problem);
        }
    }

    /** Why {@code value} does not fit {@code schema}, or null when it does. */
    @SuppressWarnings("unchecked")
    private static String mismatch(Map<String, Object> schema, Object value) {
        if (schema.get("oneOf") instanceof List<?> options) {
            boolean any = options.stream().anyMatch(o -> o instanceof Map<?, ?> m
                    && mismatch((Map<String, Object>) m, value) == null);
            return any ? null : "matches none of the schemas in oneOf";
        }
        Object type = schema.get("type");
        if (type == null) {
            return null;
        }
        boolean fits = switch (String.valueOf(type)) {
            case "string" -> value instanceof String;
            case "number" -> value instanceof Number;
            case "integer" -> value instanceof Number n && new BigDecimal(n.toString()).stripTrailingZeros().scale() <= 0;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof List<?>;
            case "object" -> value instanceof Map<?, ?>;
            default -> true;
        };
        if (!fits) {
            return "must be of type " + type + ", not " + describe(value);
        }
        if (value instanceof Number n) {
            BigDecimal number = new BigDecimal(n.toString());
            if (schema.get("minimum") instanceof Number min && number.compareTo(new BigDecimal(min.toString())) < 0) {
                return "must be at least " + min + ", not " + n;
            }
            if (schema.get("maximum") instanceof Number max && number.compareTo(new BigDecimal(max.toString())) > 0) {
                return "must be at most " + max + ", not " + n;
            }
        }
        if (value instanceof List<?> list) {
            if (schema.get("minItems") instanceof Number min && list.size() < min.intValue()) {
                return "must have at least " + min + " items, not " + list.size();
            }
            if (schema.get("maxItems") instanceof Number max && list.size() > max.intValue()) {
                return "must have at most " + max + " items, not " + list.size();
            }
        }
        if (value instanceof Map<?, ?> object) {
            String problem = objectMismatch(schema, object);
            if (problem != null) {
                return problem;
            }
        }
        if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (Object item : list) {
                String problem = mismatch((Map<String, Object>) items, item);
                if (problem != null) {
                    return "has an item that " + problem.replaceFirst("^must", "must");
                }
            }
        }
        return null;
    }

    /** The first required member missing, or member that does not fit its property schema; null when none. */
    @SuppressWarnings("unchecked")
    private static String objectMismatch(Map<String, Object> schema, Map<?, ?> object) {
        if (schema.get("required") instanceof List<?> required) {
            for (Object member : required) {
                if (!object.containsKey(member)) {
                    return "must have the member '" + member + "'";
                }
            }
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            for (Map.Entry<?, ?> property : properties.entrySet()) {
                if (object.containsKey(property.getKey()) && property.getValue() instanceof Map<?, ?> member) {
                    String problem = mismatch((Map<String, Object>) member, object.get(property.getKey()));
                    if (problem != null) {
                        return "has a member '" + property.getKey() + "' that " + problem;
                    }
                }
            }
        }
        return null;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "a number";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(Map<String, Object> input) {
        return input.get("schema") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static int minOccurs(Map<String, Object> input) {
        return input.get("minOccurs") instanceof Number n ? n.intValue() : 1;
    }
}
