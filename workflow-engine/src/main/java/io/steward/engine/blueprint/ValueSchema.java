package io.steward.engine.blueprint;

import java.util.List;
import java.util.Optional;

/**
 * What inputs, workflow parameters and type properties share: an optional type, an optional default, whether a
 * value is required, and constraints.
 */
public interface ValueSchema {
    String name();

    /** Empty when the blueprint declared no type: then any value is accepted. */
    Optional<ValueType> type();

    /** Whether a default was written, even {@code default: null} (which makes the value optional). */
    boolean hasDefault();

    Object defaultValue();

    boolean required();

    String description();

    List<Constraint> constraints();

    /** The first constraint {@code value} violates, if any. */
    default Optional<Constraint> firstViolation(Object value) {
        return constraints().stream().filter(constraint -> !constraint.isSatisfiedBy(value)).findFirst();
    }
}
