package io.steward.api.cloudify.wire;

import io.steward.tenancy.error.InvalidInputException;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads fields of a JSON request body with Cloudify's rules and messages: booleans may be JSON booleans or the
 * strings "true"/"false" (Cloudify's client sends strings), a wrong type is a 400 naming the field.
 */
public record JsonBody(Map<String, Object> fields) {

    public static JsonBody of(Map<String, Object> body) {
        return new JsonBody(body == null ? Map.of() : body);
    }

    public String requiredString(String name) {
        String value = optionalString(name);
        if (value == null) {
            throw new InvalidInputException("Missing " + name + " in json request body");
        }
        return value;
    }

    public String optionalString(String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new InvalidInputException(name + " must be a string, got " + describe(value));
    }

    public boolean bool(String name, boolean fallback) {
        Object value = fields.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s.toLowerCase(Locale.ROOT));
        }
        throw new InvalidInputException(name + " must be <true/false>, got " + value);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> optionalObject(String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw new InvalidInputException(name + " must be a JSON object, got " + describe(value));
    }

    /** A list of strings, or null when absent. */
    public java.util.List<String> optionalStrings(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof java.util.List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new InvalidInputException(name + " must be a list of strings, got " + describe(value));
    }

    public Integer optionalInteger(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        // intValue() of a bigger number wraps around silently: 2^32 + 5 would read as 5.
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() >= Integer.MIN_VALUE && n.doubleValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidInputException(name + " must be an integer, got " + value);
    }

    /** An ISO-8601 date-time; without an offset it is taken as UTC, as Cloudify's client sends naive times. */
    public java.time.Instant optionalDateTime(String name) {
        String value = optionalString(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return DateTimes.parse(name, value);
    }

    private static String describe(Object value) {
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
    }
}
