package io.steward.engine.blueprint;

import java.util.List;
import java.util.Optional;

/** A property a node or relationship type declares; node templates are checked against these. */
record PropertyDefinition(String name, Optional<ValueType> type, boolean hasDefault, Object defaultValue,
                          boolean required, String description, List<Constraint> constraints)
        implements ValueSchema {
    PropertyDefinition {
        constraints = List.copyOf(constraints);
    }
}
