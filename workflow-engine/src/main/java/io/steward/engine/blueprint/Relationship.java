package io.steward.engine.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A relationship from a node template to {@code targetId}.
 *
 * @param typeHierarchy    the relationship type first, then its ancestors
 * @param properties       resolved property values (type defaults filled); may contain function calls
 * @param sourceOperations full operation name → operation run on the source node's instances
 * @param targetOperations full operation name → operation run on the target node's instances
 */
public record Relationship(String type, List<String> typeHierarchy, String targetId, Map<String, Object> properties,
                           Map<String, Operation> sourceOperations, Map<String, Operation> targetOperations) {
    public static final String DEPENDS_ON = "cloudify.relationships.depends_on";
    public static final String CONTAINED_IN = "cloudify.relationships.contained_in";
    public static final String CONNECTED_TO = "cloudify.relationships.connected_to";

    public Relationship {
        typeHierarchy = List.copyOf(typeHierarchy);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        sourceOperations = Collections.unmodifiableMap(new LinkedHashMap<>(sourceOperations));
        targetOperations = Collections.unmodifiableMap(new LinkedHashMap<>(targetOperations));
    }

    public boolean isDerivedFrom(String relationshipType) {
        return typeHierarchy.contains(relationshipType);
    }

    public boolean isContainedIn() {
        return isDerivedFrom(CONTAINED_IN);
    }
}
