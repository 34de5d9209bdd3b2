package io.steward.engine.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlueprintParserTest {
    private final BlueprintPlan plan = new BlueprintParser().parse(Fixtures.threeNodes(), "blueprint.yaml");

    @Test
    void three_node_blueprint_keeps_declaration_order_and_description() {
        assertThat(plan.description()).isEqualTo("A web server on a host, and an app that uses a database");
        assertThat(plan.nodeTemplates()).extracting(NodeTemplate::id).containsExactly("host", "web", "app", "db");
    }

    @Test
    void type_hierarchy_lists_the_most_specific_type_first() {
        assertThat(node("web").typeHierarchy()).containsExactly("cloudify.nodes.WebServer",
                "cloudify.nodes.SoftwareComponent", "cloudify.nodes.Root");
        assertThat(node("app").typeHierarchy()).containsExactly("steward.nodes.App",
                "cloudify.nodes.ApplicationModule", "cloudify.nodes.Root");
        assertThat(node("app").isDerivedFrom("cloudify.nodes.Root")).isTrue();
    }

    @Test
    void properties_keep_functions_raw_and_get_type_defaults() {
        assertThat(node("web").properties()).containsExactly(entry("port", Map.of("get_input", "port")));
        assertThat(node("app").properties()).containsKeys("greeting", "url").containsEntry("greeting", "hello");
        assertThat(node("host").properties()).containsEntry("ip", "").containsEntry("os_family", "linux")
                .containsEntry("agent_config", Map.of("install_method", "none"));
    }

    @Test
    void operations_are_named_in_full_and_classified() {
        NodeTemplate web = node("web");
        assertThat(web.operations()).containsKeys("cloudify.interfaces.lifecycle.precreate",
                "cloudify.interfaces.validation.create", "cloudify.interfaces.monitoring.stop");
        Operation create = web.operation("cloudify.interfaces.lifecycle.create").orElseThrow();
        assertThat(create.kind()).isEqualTo(OperationKind.SCRIPT);
        assertThat(create.implementation()).isEqualTo("scripts/create.sh");
        assertThat(create.maxRetries()).isEqualTo(Operation.DEFAULT_MAX_RETRIES);
        assertThat(create.retryIntervalSeconds()).isEqualTo(Operation.DEFAULT_RETRY_INTERVAL_SECONDS);
        assertThat(web.operation("cloudify.interfaces.lifecycle.stop").orElseThrow().kind())
                .isEqualTo(OperationKind.NOOP);
    }

    @Test
    void operation_settings_come_from_the_map_form_and_yaml_merge_keys() {
        Operation start = node("web").operation("cloudify.interfaces.lifecycle.start").orElseThrow();
        assertThat(start.kind()).isEqualTo(OperationKind.BUILTIN);
        assertThat(start.implementation()).isEqualTo("steward.log");
        assertThat(start.maxRetries()).isEqualTo(3);
        assertThat(start.retryIntervalSeconds()).isEqualTo(5);
        assertThat(start.timeoutSeconds()).isEqualTo(60);
        assertThat(start.inputs()).containsOnlyKeys("message");
    }

    @Test
    void a_template_inherits_operations_its_type_maps() {
        Operation configure = node("app").operation("cloudify.interfaces.lifecycle.configure").orElseThrow();
        assertThat(configure.kind()).isEqualTo(OperationKind.SCRIPT);
        assertThat(configure.implementation()).isEqualTo("scripts/configure.sh");
    }

    @Test
    void relationships_resolve_type_hierarchy_target_and_operations() {
        Relationship contained = node("web").relationships().get(0);
        assertThat(contained.typeHierarchy()).containsExactly(Relationship.CONTAINED_IN, Relationship.DEPENDS_ON);
        assertThat(contained.properties()).containsEntry("connection_type", "all_to_all");
        assertThat(node("web").containedIn()).contains("host");

        Relationship connected = node("app").relationships().get(0);
        assertThat(connected.targetId()).isEqualTo("db");
        assertThat(connected.isContainedIn()).isFalse();
        Operation preconfigure = connected.sourceOperations()
                .get("cloudify.interfaces.relationship_lifecycle.preconfigure");
        assertThat(preconfigure.kind()).isEqualTo(OperationKind.SCRIPT);
        assertThat(preconfigure.implementation()).isEqualTo("scripts/link.sh");
        assertThat(preconfigure.inputs()).containsOnlyKeys("database");
        assertThat(connected.targetOperations().get("cloudify.interfaces.relationship_lifecycle.establish").kind())
                .isEqualTo(OperationKind.NOOP);
        assertThat(node("app").dependsOn()).containsExactly("db");
        assertThat(node("app").containedIn()).isEmpty();
    }

    @Test
    void topological_order_puts_relationship_targets_before_sources() {
        assertThat(plan.topologicalOrder()).extracting(NodeTemplate::id).containsExactly("host", "web", "db", "app");
    }

    @Test
    void instance_counts_come_from_scalable_capabilities() {
        assertThat(node("app").defaultInstances()).isEqualTo(2);
        assertThat(node("app").minInstances()).isZero();
        assertThat(node("app").maxInstances()).isEqualTo(5);
        assertThat(node("db").defaultInstances()).isEqualTo(1);
        assertThat(node("db").maxInstances()).isEqualTo(NodeTemplate.UNBOUNDED);
    }

    @Test
    void inputs_are_parsed_with_types_defaults_and_required_flags() {
        InputDefinition port = plan.inputs().get("port");
        assertThat(port.type()).contains(ValueType.INTEGER);
        assertThat(port.defaultValue()).isEqualTo(8080);
        assertThat(port.required()).isFalse();
        assertThat(port.constraints()).containsExactly(new Constraint(ConstraintOperator.IN_RANGE, List.of(1024, 65535)));
        assertThat(plan.inputs().get("db_name").required()).isTrue();
        assertThat(plan.inputs().get("db_name").description()).isEqualTo("Name of the database to create");
    }

    @Test
    void default_workflows_are_included_with_cloudify_parameters() {
        assertThat(plan.workflows()).containsKeys("install", "uninstall", "reinstall", "start", "stop", "restart",
                "execute_operation", "heal", "scale", "refresh", "backup");
        WorkflowDefinition executeOperation = plan.workflow("execute_operation").orElseThrow();
        assertThat(executeOperation.builtin()).isTrue();
        assertThat(executeOperation.builtinFunction()).isEqualTo("execute_operation");
        assertThat(executeOperation.parameters().get("operation").required()).isTrue();
        assertThat(executeOperation.parameters().get("run_by_dependency_order").defaultValue()).isEqualTo(false);
        assertThat(executeOperation.parameters().get("allow_kwargs_override").hasDefault()).isTrue();
        assertThat(plan.workflow("install").orElseThrow().parameters())
                .containsOnlyKeys("type_names", "node_ids", "node_instance_ids");
        assertThat(plan.workflow("uninstall").orElseThrow().parameters().get("ignore_failure").defaultValue())
                .isEqualTo(false);
        assertThat(plan.workflow("scale").orElseThrow().parameters().get("delta").defaultValue()).isEqualTo(1);
    }

    @Test
    void custom_workflows_are_a_script_or_a_sequence_of_node_operations() {
        WorkflowDefinition refresh = plan.workflow("refresh").orElseThrow();
        assertThat(refresh.kind()).isEqualTo(WorkflowKind.SEQUENCE);
        assertThat(refresh.steps()).containsExactly(
                new WorkflowStep("app", "cloudify.interfaces.lifecycle.configure"),
                new WorkflowStep("web", "cloudify.interfaces.lifecycle.start"));
        WorkflowDefinition backup = plan.workflow("backup").orElseThrow();
        assertThat(backup.kind()).isEqualTo(WorkflowKind.SCRIPT);
        assertThat(backup.mapping()).isEqualTo("scripts/backup.sh");
        assertThat(backup.parameters()).containsOnlyKeys("target", "keep");
        assertThat(backup.builtin()).isFalse();
    }

    @Test
    void outputs_and_capabilities_keep_their_raw_values() {
        assertThat(plan.outputs().get("endpoint").description()).isEqualTo("Where the web server listens");
        assertThat(plan.outputs().get("endpoint").value()).isInstanceOf(Map.class);
        assertThat(plan.capabilities().get("database").value()).isEqualTo(Map.of("get_input", "db_name"));
    }

    @Test
    void a_blueprint_can_override_a_default_workflow() {
        BlueprintPlan overridden = Fixtures.parse("""
                tosca_definitions_version: cloudify_dsl_1_4
                workflows:
                  install: scripts/install.sh
                """, "scripts/install.sh");
        assertThat(overridden.workflow("install").orElseThrow().kind()).isEqualTo(WorkflowKind.SCRIPT);
        assertThat(overridden.workflow("uninstall").orElseThrow().builtin()).isTrue();
    }

    @Test
    void a_node_template_may_add_operations_its_type_does_not_declare() {
        BlueprintPlan custom = Fixtures.parse("""
                tosca_definitions_version: cloudify_dsl_1_4
                node_templates:
                  svc:
                    type: cloudify.nodes.Root
                    interfaces:
                      maintenance:
                        reload: {implementation: steward.sleep, inputs: {seconds: 2}}
                """);
        Operation reload = custom.nodeTemplate("svc").orElseThrow().operation("maintenance.reload").orElseThrow();
        assertThat(reload.kind()).isEqualTo(OperationKind.BUILTIN);
        assertThat(reload.inputs()).containsEntry("seconds", 2);
    }

    @Test
    void legacy_instances_deploy_sets_the_default_instance_count() {
        BlueprintPlan legacy = Fixtures.parse("""
                tosca_definitions_version: cloudify_dsl_1_0
                node_templates:
                  vm:
                    type: cloudify.nodes.Compute
                    instances: {deploy: 3}
                """);
        assertThat(legacy.nodeTemplate("vm").orElseThrow().defaultInstances()).isEqualTo(3);
    }

    private NodeTemplate node(String id) {
        return plan.nodeTemplate(id).orElseThrow();
    }
}
