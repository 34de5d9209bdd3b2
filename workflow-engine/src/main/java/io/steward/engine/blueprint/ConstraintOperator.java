package io.steward.engine.blueprint;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Cloudify's input constraint operators. A value of the wrong kind for an operator (a list against
 * {@code greater_than}) does not satisfy it rather than raising, so the caller reports one clear violation.
 * {@code pattern} must match the whole string, as TOSCA defines it.
 */
public enum ConstraintOperator {
    EQUAL("equal"),
    GREATER_THAN("greater_than"),
    GREATER_OR_EQUAL("greater_or_equal"),
    LESS_THAN("less_than"),
    LESS_OR_EQUAL("less_or_equal"),
    IN_RANGE("in_range"),
    VALID_VALUES("valid_values"),
    LENGTH("length"),
    MIN_LENGTH("min_length"),
    MAX_LENGTH("max_length"),
    PATTERN("pattern");

    private final String dslName;

    ConstraintOperator(String dslName) {
        this.dslName = dslName;
    }

    public String dslName() {
        return dslName;
    }

    static Optional<ConstraintOperator> fromDslName(String name) {
        return Arrays.stream(values()).filter(op -> op.dslName.equals(name)).findFirst();
    }

    static List<String> dslNames() {
        return Arrays.stream(values()).map(ConstraintOperator::dslName).toList();
    }

    /** Why {@code argument} cannot be used with this operator, or empty when it can. */
    Optional<String> argumentProblem(Object argument) {
        return switch (this) {
            case EQUAL -> Optional.empty();
            case GREATER_THAN, GREATER_OR_EQUAL, LESS_THAN, LESS_OR_EQUAL ->
                    NumberValues.isNumber(argument) || argument instanceof String
                            ? Optional.empty() : Optional.of("expects a number or a string");
            case IN_RANGE -> rangeProblem(argument);
            case VALID_VALUES -> argument instanceof List<?> list && !list.isEmpty()
                    ? Optional.empty() : Optional.of("expects a non-empty list of values");
            case LENGTH, MIN_LENGTH, MAX_LENGTH -> argument instanceof Integer n && n >= 0
                    ? Optional.empty() : Optional.of("expects a non-negative integer");
            case PATTERN -> patternProblem(argument);
        };
    }

    boolean test(Object argument, Object value) {
        return switch (this) {
            case EQUAL -> NumberValues.sameValue(argument, value);
            case GREATER_THAN -> compare(value, argument, c -> c > 0);
            case GREATER_OR_EQUAL -> compare(value, argument, c -> c >= 0);
            case LESS_THAN -> compare(value, argument, c -> c < 0);
            case LESS_OR_EQUAL -> compare(value, argument, c -> c <= 0);
            case IN_RANGE -> compare(value, ((List<?>) argument).get(0), c -> c >= 0)
                    && compare(value, ((List<?>) argument).get(1), c -> c <= 0);
            case VALID_VALUES -> ((List<?>) argument).stream().anyMatch(v -> NumberValues.sameValue(v, value));
            case LENGTH -> length(value).orElse(-1) == (Integer) argument;
            case MIN_LENGTH -> length(value).isPresent() && length(value).getAsInt() >= (Integer) argument;
            case MAX_LENGTH -> length(value).isPresent() && length(value).getAsInt() <= (Integer) argument;
            case PATTERN -> value instanceof String text && Pattern.compile((String) argument).matcher(text).matches();
        };
    }

    private static boolean compare(Object value, Object bound, java.util.function.IntPredicate holds) {
        OptionalInt order = NumberValues.compare(value, bound);
        return order.isPresent() && holds.test(order.getAsInt());
    }

    private static OptionalInt length(Object value) {
        if (value instanceof String text) {
            return OptionalInt.of(text.codePointCount(0, text.length()));
        }
        if (value instanceof List<?> list) {
            return OptionalInt.of(list.size());
        }
        if (value instanceof Map<?, ?> map) {
            return OptionalInt.of(map.size());
        }
        return OptionalInt.empty();
    }

    private static Optional<String> rangeProblem(Object argument) {
        if (!(argument instanceof List<?> bounds) || bounds.size() != 2) {
            return Optional.of("expects a list of two bounds [low, high]");
        }
        OptionalInt order = NumberValues.compare(bounds.get(0), bounds.get(1));
        if (order.isEmpty()) {
            return Optional.of("expects two numbers or two strings as bounds");
        }
        return order.getAsInt() > 0 ? Optional.of("low bound is above the high bound") : Optional.empty();
    }

    private static Optional<String> patternProblem(Object argument) {
        if (!(argument instanceof String regex)) {
            return Optional.of("expects a regular expression string");
        }
        try {
            Pattern.compile(regex);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of("is not a valid regular expression: " + e.getDescription());
        }
    }
}
