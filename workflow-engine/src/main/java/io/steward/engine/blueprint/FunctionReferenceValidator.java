package io.steward.engine.blueprint;

import java.util.List;
import java.util.Map;

/**
 * Checks, at parse time, that every intrinsic function call refers to something that exists: declared inputs, node
 * templates, and (for {@code get_property}) a property the node has. {@code SELF} is allowed on nodes, {@code SOURCE}
 * and {@code TARGET} in relationships, and none of them in outputs.
 */
final class FunctionReferenceValidator {
    private final Map<String, InputDefinition> inputs;
    private final Map<String, NodeTemplate> templates;

    FunctionReferenceValidator(Map<String, InputDefinition> inputs, Map<String, NodeTemplate> templates) {
        this.inputs = inputs;
        this.templates = templates;
    }

    void check(FunctionSite site) {
        walk(site.value(), site);
    }

    private void walk(YamlValue value, FunctionSite site) {
        if (value.isSequence()) {
            value.items().forEach(item -> walk(item, site));
            return;
        }
        if (!value.isMapping()) {
            return;
        }
        Map<String, YamlValue> entries = value.entries();
        if (entries.size() == 1 && IntrinsicFunctions.NAMES.contains(entries.keySet().iterator().next())) {
            String function = entries.keySet().iterator().next();
            checkCall(value, function, entries.get(function).plain(), site);
        }
        entries.values().forEach(child -> walk(child, site));
    }

    private void checkCall(YamlValue call, String function, Object argument, FunctionSite site) {
        switch (function) {
            case IntrinsicFunctions.GET_INPUT -> checkGetInput(call, argument);
            case IntrinsicFunctions.GET_PROPERTY -> checkNodeReference(call, function, argument, site, true);
            case IntrinsicFunctions.GET_ATTRIBUTE -> checkNodeReference(call, function, argument, site, false);
            case IntrinsicFunctions.CONCAT -> {
                if (!(argument instanceof List)) {
                    throw call.error("concat takes a list of values to join");
                }
            }
            case IntrinsicFunctions.GET_SECRET -> {
                Object name = argument instanceof List<?> path && !path.isEmpty() ? path.get(0) : argument;
                if (!(name instanceof String) && !IntrinsicFunctions.isFunctionCall(name)) {
                    throw call.error("get_secret takes a secret name, or a list [name, key or index, …]");
                }
            }
            default -> throw new IllegalStateException("not a function: " + function);
        }
    }

    private void checkGetInput(YamlValue call, Object argument) {
        Object name = argument instanceof List<?> path && !path.isEmpty() ? path.get(0) : argument;
        if (IntrinsicFunctions.isFunctionCall(name)) {
            return;
        }
        if (!(name instanceof String inputName)) {
            throw call.error("get_input takes an input name, or a list [name, key or index, …]");
        }
        if (!inputs.containsKey(inputName)) {
            throw call.error("get_input refers to unknown input '" + inputName + "'; declared inputs are "
                    + inputs.keySet());
        }
    }

    private void checkNodeReference(YamlValue call, String function, Object argument, FunctionSite site,
                                    boolean propertyMustExist) {
        if (!(argument instanceof List<?> path) || path.size() < 2 || !(path.get(0) instanceof String reference)) {
            throw call.error(function + " takes a list [SELF|SOURCE|TARGET|node, name, nested…]");
        }
        String node = referencedNode(call, function, reference, site);
        if (propertyMustExist && path.get(1) instanceof String property
                && !templates.get(node).properties().containsKey(property)) {
            throw call.error(function + " refers to property '" + property + "' that node '" + node
                    + "' does not have");
        }
    }

    private String referencedNode(YamlValue call, String function, String reference, FunctionSite site) {
        switch (reference) {
            case "SELF" -> {
                if (site.self() == null || site.inRelationship()) {
                    throw call.error(function + ": SELF can only be used in a node template's properties and"
                            + " operation inputs" + (site.inRelationship() ? "; use SOURCE or TARGET here" : ""));
                }
                return site.self();
            }
            case "SOURCE", "TARGET" -> {
                if (!site.inRelationship()) {
                    throw call.error(function + ": " + reference + " can only be used in a relationship");
                }
                return reference.equals("SOURCE") ? site.self() : site.target();
            }
            default -> {
                if (!templates.containsKey(reference)) {
                    throw call.error(function + " refers to unknown node '" + reference + "'");
                }
                return reference;
            }
        }
    }
}
