package io.steward.engine.blueprint;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the values a caller gives against declared inputs or workflow parameters, in Cloudify's order: missing
 * required values first, then undeclared names, then types, then constraints.
 *
 * <p>Deployment inputs are not converted: like Cloudify's DSL parser, {@code "5"} for an {@code integer} input is a
 * type error, not 5 (an integer is accepted for a {@code float} input). Workflow parameters are converted the way
 * Cloudify treats execution parameters, which often come from a command line as strings: {@code "5"} becomes 5 for
 * an integer, {@code "2.5"} a float, {@code "true"}/{@code "false"} (any case) a boolean.
 *
 * <p>An explicit {@code null} counts as not given. A value neither given nor defaulted, for an optional input, is
 * {@code null} in the result; for an optional parameter it is left out, as Cloudify does.
 */
public final class InputResolver {

    /**
     * @return every declared input's value, in declaration order
     * @throws InvalidInputException with {@link Problem#MISSING_DEPLOYMENT_INPUT}, {@link Problem#UNKNOWN_DEPLOYMENT_INPUT},
     *                               {@link Problem#INPUT_TYPE_MISMATCH} or {@link Problem#INPUT_CONSTRAINT_VIOLATED}
     */
    public Map<String, Object> resolveDeploymentInputs(Map<String, InputDefinition> definitions,
                                                       Map<String, Object> given) {
        Map<String, Object> values = given == null ? Map.of() : given;
        List<String> missing = missing(definitions, values);
        if (!missing.isEmpty()) {
            throw new InvalidInputException(Problem.MISSING_DEPLOYMENT_INPUT,
                    "Required inputs " + missing + " were not specified");
        }
        List<String> unknown = values.keySet().stream().filter(name -> !definitions.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(Problem.UNKNOWN_DEPLOYMENT_INPUT, "Unknown input(s) " + unknown
                    + " specified; declared inputs are " + definitions.keySet());
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        definitions.forEach((name, definition) -> {
            Object value = valueOrDefault(definition, values);
            if (value != null) {
                definition.type().filter(type -> !type.accepts(value)).ifPresent(type -> {
                    throw new InvalidInputException(Problem.INPUT_TYPE_MISMATCH, "Input '" + name + "' must be of type "
                            + type.dslName() + ", but its value " + quoted(value) + " is " + kindOf(value));
                });
                definition.firstViolation(value).ifPresent(constraint -> {
                    throw new InvalidInputException(Problem.INPUT_CONSTRAINT_VIOLATED, "Value " + quoted(value)
                            + " of input '" + name + "' violates constraint " + constraint.describe());
                });
            }
            resolved.put(name, value);
        });
        return Collections.unmodifiableMap(resolved);
    }

    /**
     * @param allowCustom whether parameters the workflow does not declare are passed through (Cloudify's
     *                    {@code allow_custom_parameters})
     * @return declared parameters (converted, defaults filled) in declaration order, then any custom ones
     * @throws InvalidInputException with {@link Problem#ILLEGAL_WORKFLOW_PARAMETERS}
     */
    public Map<String, Object> resolveWorkflowParameters(WorkflowDefinition workflow, Map<String, Object> given,
                                                         boolean allowCustom) {
        Map<String, Object> values = given == null ? Map.of() : given;
        Map<String, ParameterDefinition> declared = workflow.parameters();
        List<String> missing = missing(declared, values);
        if (!missing.isEmpty()) {
            throw illegal("Workflow \"" + workflow.name() + "\" must be provided with the following parameters to"
                    + " execute: " + String.join(", ", missing));
        }
        List<String> custom = values.keySet().stream().filter(name -> !declared.containsKey(name)).toList();
        if (!custom.isEmpty() && !allowCustom) {
            throw illegal("Workflow \"" + workflow.name() + "\" does not have the following parameters declared: "
                    + String.join(", ", custom) + ". Remove these parameters or use the flag for allowing custom"
                    + " parameters");
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        declared.forEach((name, definition) -> {
            if (values.get(name) != null || definition.hasDefault()) {
                resolved.put(name, checkedParameter(workflow, definition, valueOrDefault(definition, values)));
            }
        });
        custom.forEach(name -> resolved.put(name, values.get(name)));
        return Collections.unmodifiableMap(resolved);
    }

    private static Object checkedParameter(WorkflowDefinition workflow, ParameterDefinition definition,
                                           Object value) {
        if (value == null) {
            return null;
        }
        Object converted = value;
        if (definition.type().isPresent()) {
            ValueType type = definition.type().get();
            Optional<Object> typed = type.convert(value);
            if (typed.isEmpty()) {
                throw illegal("Workflow \"" + workflow.name() + "\": parameter '" + definition.name()
                        + "' must be of type " + type.dslName() + ", but its value " + quoted(value) + " is "
                        + kindOf(value));
            }
            converted = typed.get();
        }
        Object checked = converted;
        definition.firstViolation(checked).ifPresent(constraint -> {
            throw illegal("Workflow \"" + workflow.name() + "\": value " + quoted(checked) + " of parameter '"
                    + definition.name() + "' violates constraint " + constraint.describe());
        });
        return checked;
    }

    private static List<String> missing(Map<String, ? extends ValueSchema> declared, Map<String, Object> values) {
        List<String> missing = new ArrayList<>();
        declared.forEach((name, definition) -> {
            if (values.get(name) == null && definition.required() && !definition.hasDefault()) {
                missing.add(name);
            }
        });
        return missing;
    }

    private static Object valueOrDefault(ValueSchema definition, Map<String, Object> values) {
        Object value = values.get(definition.name());
        return value != null ? value : definition.defaultValue();
    }

    private static String quoted(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    private static String kindOf(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (NumberValues.isNumber(value)) {
            return "a number";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value instanceof Map ? "a dict" : "a " + value.getClass().getSimpleName();
    }

    private static InvalidInputException illegal(String message) {
        return new InvalidInputException(Problem.ILLEGAL_WORKFLOW_PARAMETERS, message);
    }
}
