package io.steward.engine.blueprint;

import java.util.List;
import java.util.Optional;

/** A workflow parameter; the same shape as an input, converted more leniently (see {@link ValueType#convert}). */
public record ParameterDefinition(String name, Optional<ValueType> type, boolean hasDefault, Object defaultValue,
                                  boolean required, String description, List<Constraint> constraints)
        implements ValueSchema {
    public ParameterDefinition {
        constraints = List.copyOf(constraints);
    }
}
