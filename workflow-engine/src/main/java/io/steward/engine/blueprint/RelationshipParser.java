package io.steward.engine.blueprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a node template's {@code relationships} list against the relationship types and the other templates. */
final class RelationshipParser {
    private static final Set<String> KEYS = Set.of("type", "target", "properties", "source_interfaces",
            "target_interfaces");

    private final TypeRegistry types;
    private final OperationResolver operations;
    private final Set<String> templateIds;
    private final List<FunctionSite> functionSites;

    RelationshipParser(TypeRegistry types, OperationResolver operations, Set<String> templateIds,
                       List<FunctionSite> functionSites) {
        this.types = types;
        this.operations = operations;
        this.templateIds = templateIds;
        this.functionSites = functionSites;
    }

    List<Relationship> parse(String sourceId, YamlValue list) {
        List<Relationship> relationships = new ArrayList<>();
        for (YamlValue item : list.items()) {
            relationships.add(relationship(sourceId, item));
        }
        long containers = relationships.stream().filter(Relationship::isContainedIn).count();
        if (containers > 1) {
            throw list.error("a node can be contained in at most one node, found " + containers
                    + " contained_in relationships");
        }
        return List.copyOf(relationships);
    }

    private Relationship relationship(String sourceId, YamlValue item) {
        item.allowOnly(KEYS);
        YamlValue typeValue = required(item, "type");
        RelationshipType type = types.relationshipType(typeValue.string()).orElseThrow(
                () -> typeValue.error("unknown relationship type '" + typeValue.string() + "'"));
        YamlValue targetValue = required(item, "target");
        String target = targetValue.string();
        if (!templateIds.contains(target)) {
            throw targetValue.error("unknown target node '" + target + "'");
        }
        if (target.equals(sourceId)) {
            throw targetValue.error("a node cannot have a relationship to itself");
        }
        YamlValue properties = item.child("properties").orElse(null);
        Map<String, Object> values = PropertyResolver.resolve(item, properties, type.properties(), type.name());
        if (properties != null) {
            functionSites.add(FunctionSite.ofRelationship(properties, sourceId, target));
        }
        return new Relationship(type.name(), type.hierarchy(), target, values,
                operations(item, "source_interfaces", type.sourceInterfaces(), sourceId, target),
                operations(item, "target_interfaces", type.targetInterfaces(), sourceId, target));
    }

    private Map<String, Operation> operations(YamlValue item, String key,
                                              Map<String, Map<String, OperationSpec>> typeInterfaces,
                                              String sourceId, String target) {
        Map<String, Map<String, OperationSpec>> written = item.child(key)
                .map(section -> InterfaceParser.parse(section, InterfaceParser.Level.TEMPLATE)).orElse(Map.of());
        Map<String, Map<String, OperationSpec>> merged = InterfaceParser.merge(typeInterfaces, written);
        merged.values().forEach(ops -> ops.values().forEach(spec -> spec.inputs().values().forEach(
                input -> functionSites.add(FunctionSite.ofRelationship(input.source(), sourceId, target)))));
        return operations.resolveAll(merged);
    }

    static YamlValue required(YamlValue owner, String key) {
        return owner.child(key).orElseThrow(() -> owner.withPath(owner.childPath(key)).error("is required"));
    }
}
