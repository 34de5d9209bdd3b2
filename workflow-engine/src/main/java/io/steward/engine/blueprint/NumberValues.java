package io.steward.engine.blueprint;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Comparing values that came from YAML and JSON, where the same number may be an Integer in one and a Long or a
 * Double in the other: {@code 5}, {@code 5L} and {@code 5.0} are equal here, as they are in Python.
 */
final class NumberValues {
    private NumberValues() {
    }

    static boolean isNumber(Object value) {
        return value instanceof Number && !(value instanceof Boolean);
    }

    static BigDecimal decimal(Object number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Double || number instanceof Float) {
            return BigDecimal.valueOf(((Number) number).doubleValue());
        }
        return BigDecimal.valueOf(((Number) number).longValue());
    }

    /** Integer when it fits, then Long, else the BigInteger itself; the same narrowing SnakeYAML applies. */
    static Object narrow(BigInteger value) {
        if (value.bitLength() < Integer.SIZE) {
            return value.intValue();
        }
        if (value.bitLength() < Long.SIZE) {
            return value.longValue();
        }
        return value;
    }

    static boolean sameValue(Object left, Object right) {
        if (isNumber(left) && isNumber(right)) {
            return decimal(left).compareTo(decimal(right)) == 0;
        }
        if (left instanceof List<?> a && right instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (left instanceof Map<?, ?> a && right instanceof Map<?, ?> b) {
            return a.keySet().equals(b.keySet())
                    && a.keySet().stream().allMatch(key -> sameValue(a.get(key), b.get(key)));
        }
        return Objects.equals(left, right);
    }

    /** Orders two numbers or two strings; any other pair is not comparable and yields empty. */
    static java.util.OptionalInt compare(Object left, Object right) {
        if (isNumber(left) && isNumber(right)) {
            return java.util.OptionalInt.of(decimal(left).compareTo(decimal(right)));
        }
        if (left instanceof String a && right instanceof String b) {
            return java.util.OptionalInt.of(a.compareTo(b));
        }
        return java.util.OptionalInt.empty();
    }
}
