package io.steward.engine.blueprint;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one node template: its type, properties, operations, relationships and instance counts. */
final class NodeTemplateParser {
    private static final Set<String> KEYS = Set.of("type", "properties", "interfaces", "relationships", "instances",
            "capabilities");

    private final TypeRegistry types;
    private final OperationResolver operations;
    private final RelationshipParser relationships;
    private final List<FunctionSite> functionSites;

    NodeTemplateParser(TypeRegistry types, OperationResolver operations, Set<String> templateIds,
                       List<FunctionSite> functionSites) {
        this.types = types;
        this.operations = operations;
        this.relationships = new RelationshipParser(types, operations, templateIds, functionSites);
        this.functionSites = functionSites;
    }

    NodeTemplate parse(String id, YamlValue template) {
        if (template.isNull()) {
            throw template.withPath(template.childPath("type")).error("a node template needs a type");
        }
        template.allowOnly(KEYS);
        YamlValue typeValue = RelationshipParser.required(template, "type");
        NodeType type = types.nodeType(typeValue.string()).orElseThrow(
                () -> typeValue.error("unknown node type '" + typeValue.string() + "'"));
        YamlValue properties = template.child("properties").orElse(null);
        Map<String, Object> values = PropertyResolver.resolve(template, properties, type.properties(), type.name());
        if (properties != null) {
            functionSites.add(FunctionSite.ofNode(properties, id));
        }
        InstanceCounts counts = InstanceCounts.of(template);
        return new NodeTemplate(id, type.name(), type.hierarchy(), values, operations(id, template, type),
                template.child("relationships").map(list -> relationships.parse(id, list)).orElse(List.of()),
                counts.defaultInstances(), counts.minInstances(), counts.maxInstances());
    }

    private Map<String, Operation> operations(String id, YamlValue template, NodeType type) {
        Map<String, Map<String, OperationSpec>> written = template.child("interfaces")
                .map(section -> InterfaceParser.parse(section, InterfaceParser.Level.TEMPLATE)).orElse(Map.of());
        Map<String, Map<String, OperationSpec>> merged = InterfaceParser.merge(type.interfaces(), written);
        merged.values().forEach(ops -> ops.values().forEach(spec -> spec.inputs().values().forEach(
                input -> functionSites.add(FunctionSite.ofNode(input.source(), id)))));
        return operations.resolveAll(merged);
    }
}
