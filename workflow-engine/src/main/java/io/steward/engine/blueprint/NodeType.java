package io.steward.engine.blueprint;

import java.util.List;
import java.util.Map;

/**
 * A node type with everything inherited already applied.
 *
 * @param hierarchy  this type first, then its ancestors up to the root
 * @param interfaces interface name → operation name → operation
 */
record NodeType(String name, List<String> hierarchy, Map<String, PropertyDefinition> properties,
                Map<String, Map<String, OperationSpec>> interfaces) {
}
