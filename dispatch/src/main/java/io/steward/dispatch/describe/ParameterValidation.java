package io.steward.dispatch.describe;

import io.steward.dispatch.platform.ProcessParameter;
import io.steward.dispatch.validation.FieldError;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a job's parameters against its process's inputs: each required input is present and not null, each given
 * name is an input, each value has its input's basic type (and is one of its options, when it has some). Every
 * problem is a {@link FieldError} at {@code ["parameters", name]}; an empty list means the parameters fit.
 * Value shapes accepted per APEx type: boolean; integer (an integral number); double (any number); string and
 * datetime (a string); date-interval (two strings or nulls); bounding-box ({@code {west,south,east,north}},
 * {@code [w,s,e,n]}, OGC's {@code {"bbox":[…]}} or a GeoJSON Polygon); polygon (a GeoJSON geometry object);
 * array-string (an array of strings).
 */
public final class ParameterValidation {
    private static final Set<String> BOX_SIDES = Set.of("west", "south", "east", "north");

    private ParameterValidation() {
    }

    public static List<FieldError> validate(ProcessDescription description, Map<String, Object> parameters) {
        Map<String, Object> given = parameters == null ? Map.of() : parameters;
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (ProcessParameter input : description.inputs()) {
            names.add(input.name());
        }
        for (ProcessParameter input : description.inputs()) {
            Object value = given.get(input.name());
            if (value == null) {
                if (!input.optional()) {
                    errors.add(FieldError.typed("missing", "is required by process " + description.processId(),
                            "parameters", input.name()));
                }
                continue;
            }
            String problem = typeProblem(input.checkedAs(), value);
            if (problem != null) {
                errors.add(FieldError.typed(errorType(input.checkedAs()), problem, "parameters", input.name()));
            } else if (input.options() != null && !input.options().isEmpty()
                    && !(value instanceof Map<?, ?>) && !(value instanceof List<?>)
                    && input.options().stream().noneMatch(option -> same(option, value))) {
                errors.add(FieldError.typed("enum", "must be one of " + input.options(), "parameters", input.name()));
            }
        }
        for (String name : new TreeSet<>(given.keySet())) {
            if (!names.contains(name)) {
                errors.add(FieldError.typed("extra_forbidden", "is not an input of process "
                        + description.processId() + "; its inputs are " + names, "parameters", name));
            }
        }
        return errors;
    }

    /** What is wrong with the value for the type, or null when it fits. An unknown type takes anything. */
    static String typeProblem(String type, Object value) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "boolean" -> value instanceof Boolean ? null : "must be a boolean";
            case "integer" -> integral(value) ? null : "must be an integer";
            case "double" -> value instanceof Number ? null : "must be a number";
            case "string" -> value instanceof String ? null : "must be a string";
            case "datetime" -> value instanceof String ? null : "must be a date-time string";
            case "date-interval" -> value instanceof List<?> list && list.size() == 2
                    && list.stream().allMatch(v -> v == null || v instanceof String)
                    ? null : "must be a [start, end] pair of date strings";
            case "bounding-box" -> boundingBox(value) ? null
                    : "must be a bounding box: {west, south, east, north}, [west, south, east, north] or a GeoJSON Polygon";
            case "polygon" -> value instanceof Map<?, ?> object && object.get("type") instanceof String
                    ? null : "must be a GeoJSON geometry object";
            case "array-string" -> value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)
                    ? null : "must be an array of strings";
            default -> null;
        };
    }

    /** pydantic's name for a value of the wrong type. */
    private static String errorType(String type) {
        return switch (type) {
            case "boolean" -> "bool_type";
            case "integer" -> "int_type";
            case "double" -> "float_type";
            case "string", "datetime" -> "string_type";
            case "array-string" -> "list_type";
            default -> "value_error";
        };
    }

    private static boolean integral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return true;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) && d == Math.rint(d);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().scale() <= 0;
        }
        return false;
    }

    private static boolean boundingBox(Object value) {
        if (value instanceof List<?> list) {
            return (list.size() == 4 || list.size() == 6) && list.stream().allMatch(v -> v instanceof Number);
        }
        if (value instanceof Map<?, ?> object) {
            if (object.keySet().containsAll(BOX_SIDES)) {
                return BOX_SIDES.stream().allMatch(side -> object.get(side) instanceof Number);
            }
            if (object.get("bbox") instanceof List<?> bbox) {
                return boundingBox(bbox);
            }
            return "Polygon".equals(object.get("type")) && object.get("coordinates") instanceof List<?>;
        }
        return false;
    }

    private static boolean same(Object option, Object value) {
        if (option instanceof Number a && value instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        return option != null && option.equals(value);
    }
}
