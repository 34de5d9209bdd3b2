package io.steward.engine.blueprint;

import java.util.List;
import java.util.Map;

/** A relationship type with everything inherited already applied; {@code hierarchy} starts with this type. */
record RelationshipType(String name, List<String> hierarchy, Map<String, PropertyDefinition> properties,
                        Map<String, Map<String, OperationSpec>> sourceInterfaces,
                        Map<String, Map<String, OperationSpec>> targetInterfaces) {
}
