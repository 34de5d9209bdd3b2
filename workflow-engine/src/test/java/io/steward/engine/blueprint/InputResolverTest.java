package io.steward.engine.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class InputResolverTest {
    private final InputResolver resolver = new InputResolver();
    private final BlueprintPlan plan = Fixtures.parse("""
            tosca_definitions_version: cloudify_dsl_1_4
            inputs:
              name: {type: string, constraints: [{pattern: '[a-z]+'}, {max_length: 8}]}
              port: {type: integer, default: 8080, constraints: [{in_range: [1024, 65535]}]}
              ratio: {type: float, default: 0.5}
              tags: {type: list, default: []}
              comment: {required: false}
            workflows:
              backup:
                mapping: steward.sequence
                steps: [{node: db, operation: cloudify.interfaces.lifecycle.start}]
                parameters:
                  keep: {type: integer, default: 3, constraints: [{greater_or_equal: 1}]}
                  compress: {type: boolean, default: false}
                  target: {type: string}
            node_templates:
              db: {type: cloudify.nodes.Root}
            """);

    @Test
    void defaults_are_filled_and_optional_inputs_are_null() {
        Map<String, Object> resolved = resolver.resolveDeploymentInputs(plan.inputs(), Map.of("name", "shop"));
        assertThat(resolved).containsEntry("name", "shop").containsEntry("port", 8080).containsEntry("ratio", 0.5)
                .containsEntry("tags", List.of()).containsEntry("comment", null);
        assertThat(resolved.keySet()).containsExactly("name", "port", "ratio", "tags", "comment");
    }

    @Test
    void missing_required_inputs_are_listed() {
        rejected(() -> resolver.resolveDeploymentInputs(plan.inputs(), Map.of()), Problem.MISSING_DEPLOYMENT_INPUT)
                .hasMessage("Required inputs [name] were not specified");
    }

    @Test
    void an_explicit_null_does_not_satisfy_a_required_input() {
        Map<String, Object> given = new HashMap<>();
        given.put("name", null);
        rejected(() -> resolver.resolveDeploymentInputs(plan.inputs(), given), Problem.MISSING_DEPLOYMENT_INPUT);
    }

    @Test
    void undeclared_inputs_are_refused() {
        rejected(() -> resolver.resolveDeploymentInputs(plan.inputs(), Map.of("name", "shop", "colour", "red")),
                Problem.UNKNOWN_DEPLOYMENT_INPUT).hasMessageStartingWith("Unknown input(s) [colour] specified");
    }

    @Test
    void deployment_inputs_are_not_coerced_from_strings() {
        rejected(() -> resolver.resolveDeploymentInputs(plan.inputs(), Map.of("name", "shop", "port", "5000")),
                Problem.INPUT_TYPE_MISMATCH)
                .hasMessage("Input 'port' must be of type integer, but its value '5000' is a string");
    }

    @Test
    void an_integer_is_a_valid_float_input_but_a_boolean_is_not_an_integer() {
        assertThat(resolver.resolveDeploymentInputs(plan.inputs(), Map.of("name", "a", "ratio", 2)))
                .containsEntry("ratio", 2);
        rejected(() -> resolver.resolveDeploymentInputs(plan.inputs(), Map.of("name", "a", "port", true)),
                Problem.INPUT_TYPE_MISMATCH);
    }

    @Test
    void constraint_violations_name_the_input_the_constraint_and_the_value() {
        rejected(() -> resolver.resolveDeploymentInputs(plan.inputs(), Map.of("name", "shop", "port", 80)),
                Problem.INPUT_CONSTRAINT_VIOLATED)
                .hasMessage("Value 80 of input 'port' violates constraint in_range: [1024, 65535]");
        rejected(() -> resolver.resolveDeploymentInputs(plan.inputs(), Map.of("name", "Shop")),
                Problem.INPUT_CONSTRAINT_VIOLATED)
                .hasMessage("Value 'Shop' of input 'name' violates constraint pattern: [a-z]+");
        rejected(() -> resolver.resolveDeploymentInputs(plan.inputs(), Map.of("name", "abcdefghij")),
                Problem.INPUT_CONSTRAINT_VIOLATED).hasMessageContaining("max_length: 8");
    }

    @Test
    void workflow_parameters_get_defaults_and_are_converted_from_strings() {
        Map<String, Object> resolved = resolver.resolveWorkflowParameters(workflow("backup"),
                Map.of("keep", "5", "compress", "TRUE", "target", "/srv"), false);
        assertThat(resolved).containsExactly(Map.entry("keep", 5), Map.entry("compress", true),
                Map.entry("target", "/srv"));
        assertThat(resolver.resolveWorkflowParameters(workflow("backup"), Map.of("target", "/srv"), false))
                .containsEntry("keep", 3).containsEntry("compress", false);
    }

    @Test
    void missing_workflow_parameters_are_illegal() {
        rejected(() -> resolver.resolveWorkflowParameters(workflow("execute_operation"), Map.of(), false),
                Problem.ILLEGAL_WORKFLOW_PARAMETERS)
                .hasMessage("Workflow \"execute_operation\" must be provided with the following parameters to execute:"
                        + " operation");
    }

    @Test
    void undeclared_workflow_parameters_are_illegal_unless_custom_ones_are_allowed() {
        Map<String, Object> given = Map.of("node_ids", List.of("web"), "verbose", true);
        rejected(() -> resolver.resolveWorkflowParameters(workflow("install"), given, false),
                Problem.ILLEGAL_WORKFLOW_PARAMETERS)
                .hasMessage("Workflow \"install\" does not have the following parameters declared: verbose. Remove"
                        + " these parameters or use the flag for allowing custom parameters");
        assertThat(resolver.resolveWorkflowParameters(workflow("install"), given, true))
                .containsEntry("verbose", true).containsEntry("node_ids", List.of("web"))
                .containsEntry("type_names", List.of());
    }

    @Test
    void workflow_parameters_that_cannot_be_converted_are_illegal() {
        rejected(() -> resolver.resolveWorkflowParameters(workflow("scale"),
                Map.of("scalable_entity_name", "web", "delta", "two"), false), Problem.ILLEGAL_WORKFLOW_PARAMETERS)
                .hasMessage("Workflow \"scale\": parameter 'delta' must be of type integer, but its value 'two' is a"
                        + " string");
    }

    @Test
    void workflow_parameter_constraints_are_checked_after_conversion() {
        rejected(() -> resolver.resolveWorkflowParameters(workflow("backup"),
                Map.of("target", "/srv", "keep", "0"), false), Problem.ILLEGAL_WORKFLOW_PARAMETERS)
                .hasMessage("Workflow \"backup\": value 0 of parameter 'keep' violates constraint greater_or_equal: 1");
    }

    @Test
    void a_parameter_defaulting_to_null_is_optional_and_passed_as_null() {
        Map<String, Object> resolved = resolver.resolveWorkflowParameters(workflow("execute_operation"),
                Map.of("operation", "cloudify.interfaces.lifecycle.start"), false);
        assertThat(resolved).containsEntry("allow_kwargs_override", null).containsEntry("operation_kwargs", Map.of())
                .containsEntry("run_by_dependency_order", false);
    }

    private WorkflowDefinition workflow(String name) {
        return plan.workflow(name).orElseThrow();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejected(ThrowingCallable call, Problem problem) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
