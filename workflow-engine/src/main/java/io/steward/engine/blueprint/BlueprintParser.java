package io.steward.engine.blueprint;

import io.steward.engine.document.DocumentLimits;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a Cloudify DSL blueprint (a useful subset of {@code cloudify_dsl_1_0} … {@code cloudify_dsl_1_5}) into a
 * validated {@link BlueprintPlan}. Every refusal is an {@link InvalidInputException} with
 * {@link Problem#INVALID_BLUEPRINT} whose message names the field path and line, for example
 * {@code node_templates.web.type: unknown node type 'foo.Bar' (line 12)}.
 *
 * <p>Supported top-level keys: {@code tosca_definitions_version} (required), {@code description}, {@code imports}
 * (see {@link ImportResolver}), {@code dsl_definitions} (a place for YAML anchors), {@code inputs},
 * {@code node_types}, {@code relationships}, {@code node_templates}, {@code workflows}, {@code outputs},
 * {@code capabilities}, {@code labels} (the deployment's) and {@code blueprint_labels}, each
 * {@code key: {values: [text, …]}}, {@code groups} and {@code policies} (scaling policies only, see
 * {@link ScalingGroupParser}). Cloudify's base types and default workflows are always available.
 *
 * <p>Custom workflows: a workflow's {@code mapping} is a script in the archive, run once per execution with the
 * parameters as its inputs, or {@code steward.sequence}, which runs node operations in order:
 * <pre>
 * workflows:
 *   backup: scripts/backup.sh
 *   refresh:
 *     mapping: steward.sequence
 *     parameters:
 *       reason: {type: string, default: manual}
 *     steps:
 *       - {node: app, operation: cloudify.interfaces.lifecycle.configure}
 *       - {node: web, operation: maintenance.reload}
 * </pre>
 * Each step names a node template and one of its operations (full name); steps take no arguments of their own.
 * A mapping to one of Cloudify's default workflow functions ({@code default_workflows.cloudify.plugins.workflows.*})
 * reuses that built-in with the parameters declared.
 *
 * <p>Operations: see {@link OperationResolver} for what an implementation may be and {@link Operation} for defaults.
 * Instances are thread-safe: the parser holds no state between calls. Every file (main and imported) is held to the
 * {@link DocumentLimits} before it is read.
 */
public final class BlueprintParser {
    private static final Set<String> OUTPUT_KEYS = Set.of("value", "description");
    private static final Set<String> LABEL_KEYS = Set.of("values");

    private final DocumentLimits limits;

    public BlueprintParser() {
        this(DocumentLimits.DEFAULT);
    }

    public BlueprintParser(DocumentLimits limits) {
        this.limits = limits;
    }

    /** Parses {@code applicationFileName} ({@code blueprint.yaml} when null or blank) and what it imports. */
    public BlueprintPlan parse(BlueprintArchive archive, String applicationFileName) {
        String mainName = applicationFileName == null || applicationFileName.isBlank()
                ? BlueprintArchive.DEFAULT_APPLICATION_FILE : applicationFileName;
        YamlValue root = YamlLoader.load(archive.mainYaml(mainName), "", mainName, limits);
        BlueprintSources.checkVersion(root.child("tosca_definitions_version").orElseThrow(
                () -> root.withPath("tosca_definitions_version").error("is required, e.g. cloudify_dsl_1_4")));
        BlueprintSources sources = ImportResolver.resolve(archive, mainName, root, limits);
        TypeRegistry types = TypeRegistry.build(BuiltinTypes.sources(), sources);
        Map<String, InputDefinition> inputs = SchemaParser.parseAll(sources.section("inputs"), InputDefinition::new);

        List<FunctionSite> functionSites = new ArrayList<>();
        Map<String, NodeTemplate> templates = nodeTemplates(sources, types, archive, functionSites);
        rejectRelationshipCycles(sources, templates);
        Map<String, Output> outputs = outputs(sources.section("outputs"), functionSites);
        Map<String, Output> capabilities = outputs(sources.section("capabilities"), functionSites);
        FunctionReferenceValidator validator = new FunctionReferenceValidator(inputs, templates);
        functionSites.forEach(validator::check);

        Map<String, WorkflowDefinition> workflows = WorkflowParser.parse(BuiltinTypes.sources().section("workflows"),
                sources.section("workflows"), archive, templates);
        Map<String, List<String>> groups = ScalingGroupParser.groups(sources.section("groups"), templates);
        Map<String, ScalingGroup> scaling = ScalingGroupParser.scalingGroups(sources.section("policies"), groups,
                templates);
        Map<String, NodeTemplate> counted = ScalingGroupParser.multiplied(templates, scaling, groups);
        return new BlueprintPlan(sources.description().orElse(null), inputs, List.copyOf(counted.values()),
                workflows, outputs, capabilities, labels(sources.section("labels")),
                labels(sources.section("blueprint_labels")), groups, scaling);
    }

    private static Map<String, NodeTemplate> nodeTemplates(BlueprintSources sources, TypeRegistry types,
                                                           BlueprintArchive archive, List<FunctionSite> sites) {
        Map<String, YamlValue> declared = sources.section("node_templates");
        NodeTemplateParser parser = new NodeTemplateParser(types, new OperationResolver(archive), declared.keySet(),
                sites);
        Map<String, NodeTemplate> templates = new LinkedHashMap<>();
        declared.forEach((id, template) -> templates.put(id, parser.parse(id, template)));
        return templates;
    }

    private static void rejectRelationshipCycles(BlueprintSources sources, Map<String, NodeTemplate> templates) {
        Optional<List<String>> cycle = NodeOrdering.findCycle(List.copyOf(templates.values()));
        cycle.ifPresent(ids -> {
            YamlValue first = sources.section("node_templates").get(ids.get(0));
            YamlValue where = first.child("relationships").orElse(first);
            throw where.error("relationship cycle: " + String.join(" -> ", ids));
        });
    }

    /**
     * A {@code labels} or {@code blueprint_labels} section: key to its values. Values are text as written (numbers
     * and booleans too); Cloudify's intrinsic functions in label values are not evaluated by Steward, so refused.
     */
    private static Map<String, List<String>> labels(Map<String, YamlValue> declared) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        declared.forEach((key, declaration) -> {
            declaration.allowOnly(LABEL_KEYS);
            YamlValue values = declaration.child("values").orElseThrow(
                    () -> declaration.withPath(declaration.childPath("values")).error("is required"));
            List<String> texts = new ArrayList<>();
            for (YamlValue value : values.items()) {
                Object plain = value.plain();
                if (plain == null || plain instanceof Map<?, ?> || plain instanceof List<?>) {
                    throw value.error("a label value must be text; functions in label values are not supported");
                }
                texts.add(String.valueOf(plain));
            }
            labels.put(key, List.copyOf(texts));
        });
        return labels;
    }

    private static Map<String, Output> outputs(Map<String, YamlValue> declared, List<FunctionSite> sites) {
        Map<String, Output> outputs = new LinkedHashMap<>();
        declared.forEach((name, declaration) -> {
            declaration.allowOnly(OUTPUT_KEYS);
            YamlValue value = declaration.entries().get("value");
            if (value == null) {
                throw declaration.withPath(declaration.childPath("value")).error("is required");
            }
            String description = declaration.child("description").map(d -> String.valueOf(d.plain())).orElse(null);
            outputs.put(name, new Output(name, value.plain(), description));
            sites.add(FunctionSite.ofOutput(value));
        });
        return outputs;
    }
}
