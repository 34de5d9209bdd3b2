package io.steward.engine.blueprint;

import static io.steward.engine.blueprint.Fixtures.assertRejected;

import org.junit.jupiter.api.Test;

/** Each refusal names the field path and the line, so an author can go straight to the mistake. */
class BlueprintErrorsTest {

    @Test
    void unknown_node_type_is_rejected_with_its_line() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  web:
                    type: foo.Bar
                """).hasMessage("node_templates.web.type: unknown node type 'foo.Bar' (line 4)");
    }

    @Test
    void yaml_syntax_errors_report_line_and_column() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  web: [unclosed
                """).hasMessageStartingWith("blueprint.yaml: invalid YAML:").hasMessageContaining("line 4, column 1");
    }

    @Test
    void a_top_level_that_is_not_a_mapping_is_rejected() {
        assertRejected("- just\n- a list\n").hasMessageContaining("the top level must be a mapping")
                .hasMessageContaining("(line 1)");
    }

    @Test
    void duplicate_keys_are_rejected_at_the_second_one() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  web:
                    type: cloudify.nodes.Root
                  web:
                    type: cloudify.nodes.Root
                """).hasMessage("node_templates.web: duplicate key 'web' (line 5)");
    }

    @Test
    void missing_dsl_version_is_rejected() {
        assertRejected("description: no version\n")
                .hasMessage("tosca_definitions_version: is required, e.g. cloudify_dsl_1_4 (line 1)");
    }

    @Test
    void unsupported_dsl_version_is_rejected() {
        assertRejected("tosca_definitions_version: tosca_simple_yaml_1_0\n")
                .hasMessageStartingWith("tosca_definitions_version: unsupported DSL version 'tosca_simple_yaml_1_0'")
                .hasMessageEndingWith("(line 1)");
    }

    @Test
    void unknown_top_level_keys_are_rejected_with_the_allowed_list() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                plugins: {}
                """).hasMessageStartingWith("plugins: unknown key; allowed keys are [blueprint_labels, capabilities, ")
                .hasMessageContaining("node_templates").hasMessageEndingWith("(line 2)");
    }

    @Test
    void unknown_property_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  web:
                    type: cloudify.nodes.WebServer
                    properties:
                      port: 80
                      colour: blue
                """).hasMessage("node_templates.web.properties.colour: unknown property;"
                + " type 'cloudify.nodes.WebServer' declares [port] (line 7)");
    }

    @Test
    void required_property_without_value_or_default_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_types:
                  my.Type:
                    derived_from: cloudify.nodes.Root
                    properties:
                      size: {type: integer}
                node_templates:
                  thing:
                    type: my.Type
                """).hasMessage("node_templates.thing.properties.size: required property of type 'my.Type'"
                + " has no value and no default (line 8)");
    }

    @Test
    void property_value_of_the_wrong_type_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  web:
                    type: cloudify.nodes.WebServer
                    properties:
                      port: eighty
                """).hasMessage("node_templates.web.properties.port: value eighty is not of type integer (line 6)");
    }

    @Test
    void node_type_cycles_are_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_types:
                  a.Type:
                    derived_from: b.Type
                  b.Type:
                    derived_from: a.Type
                """).hasMessage("node_types.a.Type.derived_from: node type hierarchy has a cycle:"
                + " a.Type -> b.Type -> a.Type (line 4)");
    }

    @Test
    void unknown_parent_type_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_types:
                  a.Type:
                    derived_from: cloudify.nodes.Nope
                """).hasMessage("node_types.a.Type.derived_from: unknown node type 'cloudify.nodes.Nope' (line 4)");
    }

    @Test
    void redefining_a_builtin_type_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_types:
                  cloudify.nodes.Root: {}
                """).hasMessage("node_types.cloudify.nodes.Root: 'cloudify.nodes.Root' is a built-in node type and"
                + " cannot be redefined (line 3)");
    }

    @Test
    void relationship_to_an_unknown_node_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  web:
                    type: cloudify.nodes.Root
                    relationships:
                      - type: cloudify.relationships.contained_in
                        target: ghost
                """).hasMessage("node_templates.web.relationships.0.target: unknown target node 'ghost' (line 7)");
    }

    @Test
    void relationship_to_itself_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  web:
                    type: cloudify.nodes.Root
                    relationships:
                      - {type: cloudify.relationships.depends_on, target: web}
                """).hasMessage("node_templates.web.relationships.0.target: a node cannot have a relationship to"
                + " itself (line 6)");
    }

    @Test
    void unknown_relationship_type_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  a: {type: cloudify.nodes.Root}
                  b:
                    type: cloudify.nodes.Root
                    relationships:
                      - {type: cloudify.relationships.hosted_by, target: a}
                """).hasMessage("node_templates.b.relationships.0.type: unknown relationship type"
                + " 'cloudify.relationships.hosted_by' (line 7)");
    }

    @Test
    void relationship_cycles_are_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  a:
                    type: cloudify.nodes.Root
                    relationships:
                      - {type: cloudify.relationships.depends_on, target: b}
                  b:
                    type: cloudify.nodes.Root
                    relationships:
                      - {type: cloudify.relationships.connected_to, target: a}
                """).hasMessage("node_templates.a.relationships: relationship cycle: a -> b -> a (line 5)");
    }

    @Test
    void two_contained_in_relationships_are_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  h1: {type: cloudify.nodes.Compute}
                  h2: {type: cloudify.nodes.Compute}
                  app:
                    type: cloudify.nodes.Root
                    relationships:
                      - {type: cloudify.relationships.contained_in, target: h1}
                      - {type: cloudify.relationships.contained_in, target: h2}
                """).hasMessage("node_templates.app.relationships: a node can be contained in at most one node,"
                + " found 2 contained_in relationships (line 7)");
    }

    @Test
    void implementation_that_is_neither_a_file_nor_a_builtin_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  vm:
                    type: cloudify.nodes.Root
                    interfaces:
                      cloudify.interfaces.lifecycle:
                        create: openstack.nova_plugin.server.create
                """).hasMessageStartingWith("node_templates.vm.interfaces.cloudify.interfaces.lifecycle.create:"
                + " implementation 'openstack.nova_plugin.server.create' is neither a file in the blueprint archive"
                + " nor a Steward built-in").hasMessageEndingWith("(line 7)");
    }

    @Test
    void a_command_or_docker_builtin_without_its_required_input_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  vm:
                    type: cloudify.nodes.Root
                    interfaces:
                      cloudify.interfaces.lifecycle:
                        create: steward.command
                """).hasMessageContaining("steward.command needs a command input");
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  vm:
                    type: cloudify.nodes.Root
                    interfaces:
                      cloudify.interfaces.lifecycle:
                        create:
                          implementation: steward.docker
                          inputs: {command: [echo, hi]}
                """).hasMessageContaining("steward.docker needs an image input");
    }

    @Test
    void missing_script_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  vm:
                    type: cloudify.nodes.Root
                    interfaces:
                      cloudify.interfaces.lifecycle:
                        create: scripts/missing.sh
                """, "scripts/present.sh").hasMessageContaining("'scripts/missing.sh' is neither a file")
                .hasMessageEndingWith("(line 7)");
    }

    @Test
    void script_runner_without_an_existing_script_path_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  vm:
                    type: cloudify.nodes.Root
                    interfaces:
                      cloudify.interfaces.lifecycle:
                        create:
                          implementation: script.script_runner.tasks.run
                          inputs: {script_path: ../outside.sh}
                """).hasMessage("node_templates.vm.interfaces.cloudify.interfaces.lifecycle.create: script_path"
                + " '../outside.sh' is not a file in the blueprint archive (line 7)");
    }

    @Test
    void unknown_operation_keys_are_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  vm:
                    type: cloudify.nodes.Root
                    interfaces:
                      cloudify.interfaces.lifecycle:
                        create:
                          implementation: steward.noop
                          retries: 3
                """).hasMessageStartingWith("node_templates.vm.interfaces.cloudify.interfaces.lifecycle.create.retries:"
                + " unknown key; allowed keys are [executor, implementation, inputs,").hasMessageEndingWith("(line 9)");
    }

    @Test
    void unknown_input_constraint_operator_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                inputs:
                  size:
                    type: integer
                    constraints:
                      - bigger_than: 3
                """).hasMessageStartingWith("inputs.size.constraints.0.bigger_than: unknown constraint operator"
                + " 'bigger_than'").hasMessageEndingWith("(line 6)");
    }

    @Test
    void input_default_violating_its_type_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                inputs:
                  size:
                    type: integer
                    default: large
                """).hasMessage("inputs.size.default: default value large is not of type integer (line 5)");
    }

    @Test
    void input_default_violating_a_constraint_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                inputs:
                  size:
                    default: 2
                    constraints:
                      - valid_values: [1, 3, 5]
                """).hasMessage("inputs.size.default: default value 2 violates constraint valid_values: [1, 3, 5]"
                + " (line 4)");
    }

    @Test
    void unknown_input_type_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                inputs:
                  size:
                    type: number
                """).hasMessage("inputs.size.type: unknown type 'number'; supported types are"
                + " [string, integer, float, boolean, list, dict] (line 4)");
    }

    @Test
    void get_input_of_an_undeclared_input_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                inputs:
                  port: {default: 80}
                node_templates:
                  web:
                    type: cloudify.nodes.WebServer
                    properties:
                      port: {get_input: prot}
                """).hasMessage("node_templates.web.properties.port: get_input refers to unknown input 'prot';"
                + " declared inputs are [port] (line 8)");
    }

    @Test
    void get_property_of_an_unknown_node_is_rejected_in_nested_concat() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  web:
                    type: cloudify.nodes.Root
                    interfaces:
                      cloudify.interfaces.lifecycle:
                        start:
                          implementation: steward.log
                          inputs:
                            message: {concat: [port, {get_property: [dbb, port]}]}
                """).hasMessage("node_templates.web.interfaces.cloudify.interfaces.lifecycle.start.inputs.message"
                + ".concat.1: get_property refers to unknown node 'dbb' (line 10)");
    }

    @Test
    void get_property_of_a_property_the_node_lacks_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  web:
                    type: cloudify.nodes.WebServer
                outputs:
                  url:
                    value: {get_property: [web, url]}
                """).hasMessage("outputs.url.value: get_property refers to property 'url' that node 'web' does not"
                + " have (line 7)");
    }

    @Test
    void self_in_an_output_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                outputs:
                  ip:
                    value: {get_attribute: [SELF, ip]}
                """).hasMessageStartingWith("outputs.ip.value: get_attribute: SELF can only be used in a node")
                .hasMessageEndingWith("(line 4)");
    }

    @Test
    void get_attribute_of_an_unknown_node_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                outputs:
                  ip:
                    value: {get_attribute: [vm, ip]}
                """).hasMessage("outputs.ip.value: get_attribute refers to unknown node 'vm' (line 4)");
    }

    @Test
    void custom_workflow_with_a_plugin_mapping_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                workflows:
                  backup:
                    mapping: my_plugin.workflows.backup
                """).hasMessageStartingWith("workflows.backup.mapping: mapping 'my_plugin.workflows.backup' is not a"
                + " file in the blueprint archive").hasMessageEndingWith("(line 4)");
    }

    @Test
    void sequence_step_with_an_unknown_operation_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  app: {type: cloudify.nodes.Root}
                workflows:
                  refresh:
                    mapping: steward.sequence
                    steps:
                      - {node: app, operation: configure}
                """).hasMessageStartingWith("workflows.refresh.steps.0.operation: node 'app' has no operation"
                + " 'configure'").hasMessageEndingWith("(line 8)");
    }

    @Test
    void sequence_without_steps_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                workflows:
                  refresh: steward.sequence
                """).hasMessage("workflows.refresh: steward.sequence needs a non-empty steps list (line 3)");
    }

    @Test
    void default_instances_above_max_instances_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  vm:
                    type: cloudify.nodes.Compute
                    capabilities:
                      scalable:
                        properties: {default_instances: 4, max_instances: 2}
                """).hasMessage("node_templates.vm.capabilities.scalable.properties: default_instances 4 is above"
                + " max_instances 2 (line 7)");
    }

    @Test
    void node_template_without_a_type_is_rejected() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  web:
                    properties: {}
                """).hasMessage("node_templates.web.type: is required (line 3)");
    }

    @Test
    void missing_application_file_is_rejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BlueprintParser()
                        .parse(BlueprintArchive.fromYaml("other.yaml", "tosca_definitions_version: cloudify_dsl_1_4"),
                                "main.yaml"))
                .hasMessageStartingWith("application file 'main.yaml' is not in the blueprint archive");
    }

    @Test
    void recursive_yaml_aliases_are_rejected_instead_of_overflowing() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  web:
                    type: cloudify.nodes.Root
                    interfaces:
                      i:
                        op:
                          implementation: steward.noop
                          inputs:
                            loop: &loop [*loop]
                """).hasMessageContaining("nested too deeply");
    }
}
