package io.steward.engine.blueprint;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The primitive types a blueprint may declare for inputs, parameters and properties. {@link #accepts} is Cloudify's
 * strict check used for deployment inputs; {@link #convert} is the lenient one Cloudify applies to workflow
 * execution parameters, which often arrive as strings from a command line.
 */
public enum ValueType {
    STRING("string"),
    INTEGER("integer"),
    FLOAT("float"),
    BOOLEAN("boolean"),
    LIST("list"),
    DICT("dict");

    private final String dslName;

    ValueType(String dslName) {
        this.dslName = dslName;
    }

    public String dslName() {
        return dslName;
    }

    static Optional<ValueType> fromDslName(String name) {
        return Arrays.stream(values()).filter(type -> type.dslName.equals(name)).findFirst();
    }

    static List<String> dslNames() {
        return Arrays.stream(values()).map(ValueType::dslName).toList();
    }

    /** Whether the value already has this type. Integers count as floats; booleans never count as numbers. */
    public boolean accepts(Object value) {
        return switch (this) {
            case STRING -> value instanceof String;
            case INTEGER -> isIntegral(value);
            case FLOAT -> isIntegral(value) || value instanceof Float || value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case LIST -> value instanceof List;
            case DICT -> value instanceof Map;
        };
    }

    /** The value in this type, reading numbers and booleans from strings ("5", "2.5", "true"); empty if impossible. */
    public Optional<Object> convert(Object value) {
        if (accepts(value)) {
            return Optional.of(value);
        }
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        try {
            return switch (this) {
                case INTEGER -> Optional.of(NumberValues.narrow(new java.math.BigInteger(trimmed)));
                case FLOAT -> Optional.of(Double.parseDouble(trimmed));
                case BOOLEAN -> parseBoolean(trimmed);
                default -> Optional.empty();
            };
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Object> parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Optional.of(Boolean.TRUE);
        }
        if (text.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger
                || value instanceof Short || value instanceof Byte;
    }
}
