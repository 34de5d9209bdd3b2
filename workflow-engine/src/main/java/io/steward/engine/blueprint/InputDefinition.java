package io.steward.engine.blueprint;

import java.util.List;
import java.util.Optional;

/** A blueprint input. {@code required} is true unless the blueprint said otherwise or gave a default. */
public record InputDefinition(String name, Optional<ValueType> type, boolean hasDefault, Object defaultValue,
                              boolean required, String description, List<Constraint> constraints)
        implements ValueSchema {
    public InputDefinition {
        constraints = List.copyOf(constraints);
    }
}
