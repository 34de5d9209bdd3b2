package io.steward.engine.blueprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The node types and relationship types a blueprint can use: Steward's built-ins plus the blueprint's own, each with
 * its inherited properties and interfaces. A blueprint may not redefine a built-in type.
 */
final class TypeRegistry {
    private static final Set<String> NODE_TYPE_KEYS = Set.of("derived_from", "properties", "interfaces",
            "description");
    private static final Set<String> RELATIONSHIP_KEYS = Set.of("derived_from", "properties", "source_interfaces",
            "target_interfaces", "description");

    private final Map<String, NodeType> nodeTypes;
    private final Map<String, RelationshipType> relationshipTypes;

    private TypeRegistry(Map<String, NodeType> nodeTypes, Map<String, RelationshipType> relationshipTypes) {
        this.nodeTypes = nodeTypes;
        this.relationshipTypes = relationshipTypes;
    }

    static TypeRegistry build(BlueprintSources builtins, BlueprintSources blueprint) {
        Map<String, YamlValue> nodeDeclarations = combine(builtins.section("node_types"),
                blueprint.section("node_types"), "node type");
        Map<String, YamlValue> relationshipDeclarations = combine(builtins.section("relationships"),
                blueprint.section("relationships"), "relationship type");
        return new TypeRegistry(
                new TypeHierarchy<NodeType>("node type", nodeDeclarations, TypeRegistry::nodeType).resolveAll(),
                new TypeHierarchy<RelationshipType>("relationship type", relationshipDeclarations, TypeRegistry::relationshipType)
                        .resolveAll());
    }

    Optional<NodeType> nodeType(String name) {
        return Optional.ofNullable(nodeTypes.get(name));
    }

    Optional<RelationshipType> relationshipType(String name) {
        return Optional.ofNullable(relationshipTypes.get(name));
    }

    private static Map<String, YamlValue> combine(Map<String, YamlValue> builtins, Map<String, YamlValue> own,
                                                  String kind) {
        Map<String, YamlValue> all = new LinkedHashMap<>(builtins);
        own.forEach((name, declaration) -> {
            if (all.putIfAbsent(name, declaration) != null) {
                throw declaration.error("'" + name + "' is a built-in " + kind + " and cannot be redefined");
            }
        });
        return all;
    }

    private static NodeType nodeType(YamlValue declaration, NodeType parent) {
        if (!declaration.isNull()) {
            declaration.allowOnly(NODE_TYPE_KEYS);
        }
        String name = declaredName(declaration);
        return new NodeType(name,
                hierarchy(name, parent == null ? List.of() : parent.hierarchy()),
                properties(declaration, parent == null ? Map.of() : parent.properties()),
                InterfaceParser.merge(parent == null ? Map.of() : parent.interfaces(),
                        interfaces(declaration, "interfaces")));
    }

    private static RelationshipType relationshipType(YamlValue declaration, RelationshipType parent) {
        if (!declaration.isNull()) {
            declaration.allowOnly(RELATIONSHIP_KEYS);
        }
        String name = declaredName(declaration);
        return new RelationshipType(name,
                hierarchy(name, parent == null ? List.of() : parent.hierarchy()),
                properties(declaration, parent == null ? Map.of() : parent.properties()),
                InterfaceParser.merge(parent == null ? Map.of() : parent.sourceInterfaces(),
                        interfaces(declaration, "source_interfaces")),
                InterfaceParser.merge(parent == null ? Map.of() : parent.targetInterfaces(),
                        interfaces(declaration, "target_interfaces")));
    }

    /** The name as declared: the path is {@code <section>.<name>}, and names themselves contain dots. */
    private static String declaredName(YamlValue declaration) {
        return declaration.path().substring(declaration.path().indexOf('.') + 1);
    }

    private static List<String> hierarchy(String name, List<String> parentHierarchy) {
        List<String> hierarchy = new ArrayList<>();
        hierarchy.add(name);
        hierarchy.addAll(parentHierarchy);
        return List.copyOf(hierarchy);
    }

    private static Map<String, PropertyDefinition> properties(YamlValue declaration,
                                                              Map<String, PropertyDefinition> inherited) {
        Map<String, PropertyDefinition> merged = new LinkedHashMap<>(inherited);
        if (declaration.isMapping()) {
            declaration.child("properties").ifPresent(
                    section -> merged.putAll(SchemaParser.parseAll(section, PropertyDefinition::new)));
        }
        return Collections.unmodifiableMap(merged);
    }

    private static Map<String, Map<String, OperationSpec>> interfaces(YamlValue declaration, String key) {
        if (!declaration.isMapping()) {
            return Map.of();
        }
        return declaration.child(key).map(section -> InterfaceParser.parse(section, InterfaceParser.Level.TYPE))
                .orElse(Map.of());
    }
}
