package io.steward.engine.blueprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code workflows}: Cloudify's default workflows first, then the blueprint's, which replace a default of the
 * same name. A workflow is a mapping string, or {@code {mapping, parameters, steps}}. Steward runs a mapping that is
 * one of Cloudify's default workflow functions, a script in the archive, or {@code steward.sequence}; any other
 * mapping (a plugin's workflow) is refused.
 */
final class WorkflowParser {
    private static final Set<String> KEYS = Set.of("mapping", "parameters", "steps");
    private static final Set<String> STEP_KEYS = Set.of("node", "operation");

    private final BlueprintArchive archive;
    private final Map<String, NodeTemplate> templates;
    private final Set<String> builtinFunctions;

    private WorkflowParser(BlueprintArchive archive, Map<String, NodeTemplate> templates,
                           Set<String> builtinFunctions) {
        this.archive = archive;
        this.templates = templates;
        this.builtinFunctions = builtinFunctions;
    }

    static Map<String, WorkflowDefinition> parse(Map<String, YamlValue> builtins, Map<String, YamlValue> own,
                                                 BlueprintArchive archive, Map<String, NodeTemplate> templates) {
        Set<String> functions = builtins.values().stream()
                .map(value -> value.child("mapping").orElseThrow().string())
                .filter(mapping -> mapping.startsWith(WorkflowDefinition.BUILTIN_MAPPING_PREFIX))
                .collect(Collectors.toUnmodifiableSet());
        WorkflowParser parser = new WorkflowParser(archive, templates, functions);
        Map<String, WorkflowDefinition> workflows = new LinkedHashMap<>();
        builtins.forEach((name, value) -> workflows.put(name, parser.workflow(name, value)));
        own.forEach((name, value) -> workflows.put(name, parser.workflow(name, value)));
        return Collections.unmodifiableMap(workflows);
    }

    private WorkflowDefinition workflow(String name, YamlValue value) {
        if (!value.isMapping()) {
            return definition(name, value, value.string().trim(), Map.of(), List.of());
        }
        value.allowOnly(KEYS);
        YamlValue mapping = RelationshipParser.required(value, "mapping");
        Map<String, ParameterDefinition> parameters = value.child("parameters")
                .map(section -> SchemaParser.parseAll(section, ParameterDefinition::new)).orElse(Map.of());
        List<WorkflowStep> steps = value.child("steps").map(this::steps).orElse(List.of());
        return definition(name, mapping, mapping.string().trim(), parameters, steps);
    }

    private WorkflowDefinition definition(String name, YamlValue where, String mapping,
                                          Map<String, ParameterDefinition> parameters, List<WorkflowStep> steps) {
        WorkflowKind kind = kind(where, mapping);
        if (kind == WorkflowKind.SEQUENCE && steps.isEmpty()) {
            throw where.error(WorkflowDefinition.SEQUENCE_MAPPING + " needs a non-empty steps list");
        }
        if (kind != WorkflowKind.SEQUENCE && !steps.isEmpty()) {
            throw where.error("steps are only allowed with mapping " + WorkflowDefinition.SEQUENCE_MAPPING);
        }
        String stored = kind == WorkflowKind.SCRIPT ? ArchivePath.resolveRelative("", mapping).orElseThrow() : mapping;
        return new WorkflowDefinition(name, stored, kind, parameters, steps);
    }

    private WorkflowKind kind(YamlValue where, String mapping) {
        if (builtinFunctions.contains(mapping)) {
            return WorkflowKind.BUILTIN;
        }
        if (mapping.equals(WorkflowDefinition.SEQUENCE_MAPPING)) {
            return WorkflowKind.SEQUENCE;
        }
        if (ArchivePath.resolveRelative("", mapping).filter(archive::contains).isPresent()) {
            return WorkflowKind.SCRIPT;
        }
        throw where.error("mapping '" + mapping + "' is not a file in the blueprint archive, "
                + WorkflowDefinition.SEQUENCE_MAPPING + ", or one of Cloudify's default workflows");
    }

    private List<WorkflowStep> steps(YamlValue list) {
        List<WorkflowStep> steps = new ArrayList<>();
        for (YamlValue item : list.items()) {
            item.allowOnly(STEP_KEYS);
            YamlValue nodeValue = RelationshipParser.required(item, "node");
            NodeTemplate node = templates.get(nodeValue.string());
            if (node == null) {
                throw nodeValue.error("unknown node template '" + nodeValue.string() + "'");
            }
            YamlValue operationValue = RelationshipParser.required(item, "operation");
            if (node.operation(operationValue.string()).isEmpty()) {
                throw operationValue.error("node '" + node.id() + "' has no operation '" + operationValue.string()
                        + "' (use the full name, e.g. cloudify.interfaces.lifecycle.configure)");
            }
            steps.add(new WorkflowStep(node.id(), operationValue.string()));
        }
        return List.copyOf(steps);
    }
}
