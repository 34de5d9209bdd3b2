package io.steward.engine.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node template with its type resolved.
 *
 * @param typeHierarchy    the node type first, then its ancestors up to {@code cloudify.nodes.Root}
 * @param properties       resolved property values (type defaults filled); may contain function calls
 * @param operations       full operation name → operation, including the type's operations that map to nothing
 * @param defaultInstances instances created on deployment ({@code capabilities.scalable} or {@code instances.deploy})
 * @param minInstances     lower bound for scaling, default 0
 * @param maxInstances     upper bound for scaling; {@value #UNBOUNDED} (the default) means none
 */
public record NodeTemplate(String id, String type, List<String> typeHierarchy, Map<String, Object> properties,
                           Map<String, Operation> operations, List<Relationship> relationships,
                           int defaultInstances, int minInstances, int maxInstances) {
    public static final int UNBOUNDED = -1;

    public NodeTemplate {
        typeHierarchy = List.copyOf(typeHierarchy);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
        relationships = List.copyOf(relationships);
    }

    public boolean isDerivedFrom(String nodeType) {
        return typeHierarchy.contains(nodeType);
    }

    public Optional<Operation> operation(String fullName) {
        return Optional.ofNullable(operations.get(fullName));
    }

    /** The node this one is contained in (its host), if any. */
    public Optional<String> containedIn() {
        return relationships.stream().filter(Relationship::isContainedIn).map(Relationship::targetId).findFirst();
    }

    /** Every node this one has a relationship to, in declaration order, each once: they are installed first. */
    public List<String> dependsOn() {
        return relationships.stream().map(Relationship::targetId).distinct().toList();
    }
}
