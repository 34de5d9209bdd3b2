package io.steward.engine.blueprint;

/**
 * One constraint of an input or parameter, such as {@code greater_than: 5}.
 *
 * @param operator what to check
 * @param argument the operator's argument as written in the blueprint (plain data)
 */
public record Constraint(ConstraintOperator operator, Object argument) {

    public boolean isSatisfiedBy(Object value) {
        return operator.test(argument, value);
    }

    /** How the constraint is written in a blueprint, for messages: {@code in_range: [1, 10]}. */
    public String describe() {
        return operator.dslName() + ": " + argument;
    }
}
