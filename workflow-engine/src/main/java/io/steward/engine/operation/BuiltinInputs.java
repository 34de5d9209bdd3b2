package io.steward.engine.operation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** Typed access to a built-in's inputs; a missing or mistyped input fails the operation with a message naming it. */
final class BuiltinInputs {

    private final String builtin;
    private final Map<String, Object> values;

    BuiltinInputs(String builtin, Map<String, Object> values) {
        this.builtin = builtin;
        this.values = values;
    }

    Optional<Object> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String requiredString(String name) {
        return string(name).orElseThrow(() -> invalid(name, "is required"));
    }

    /** Strings, numbers and booleans are accepted as text, since YAML authors rarely quote them. */
    Optional<String> string(String name) {
        return value(name).map(v -> {
            if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                return String.valueOf(v);
            }
            throw invalid(name, "must be a string, not " + v.getClass().getSimpleName());
        });
    }

    /** A number, or a string holding one. */
    Optional<BigDecimal> number(String name) {
        return value(name).map(v -> {
            try {
                return new BigDecimal(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                throw invalid(name, "must be a number, not '" + v + "'");
            }
        });
    }

    Optional<Map<?, ?>> map(String name) {
        return value(name).map(v -> {
            if (v instanceof Map<?, ?> m) {
                return m;
            }
            throw invalid(name, "must be a map, not " + v.getClass().getSimpleName());
        });
    }

    OperationFailure invalid(String name, String problem) {
        return new OperationFailure(builtin + ": input '" + name + "' " + problem);
    }
}
