package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Api;
import io.steward.api.support.Archives;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.steward.api.cloudify.AbstractBlueprintApiTest.uploadYaml;
import static org.assertj.core.api.Assertions.assertThat;

/** Deployments: inputs checked against the blueprint, nodes and node instances created, deletion rules. */
abstract class AbstractDeploymentApiTest extends ApiTestBase {

    private Api userWithBlueprint(String blueprintId) {
        Api user = newMember(newTenant(), "user");
        assertThat(uploadYaml(user, blueprintId, Archives.resourceText("blueprints/three-tier.yaml")).status())
                .isEqualTo(201);
        return user;
    }

    @Test
    void a_deployment_gets_its_inputs_nodes_and_instances() {
        Api user = userWithBlueprint("shop");
        var created = user.put("/api/v3.1/deployments/shop-1", Map.of("blueprint_id", "shop",
                "inputs", Map.of("db_name", "orders"), "visibility", "tenant", "skip_plugins_validation", false,
                "runtime_only_evaluation", false));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json()).containsEntry("inputs", Map.of("port", 8080, "db_name", "orders"));

        var nodes = user.get("/api/v3.1/nodes?_evaluate_functions=False&deployment_id=shop-1").items();
        assertThat(nodes).extracting(n -> n.get("id")).containsExactlyInAnyOrder("host", "db", "app");
        var app = nodes.stream().filter(n -> n.get("id").equals("app")).findFirst().orElseThrow();
        assertThat(app.get("properties")).isEqualTo(Map.of("url", "http://127.0.0.1:8080"));

        var instances = user.get("/api/v3.1/node-instances?deployment_id=shop-1&_include=id,node_id,state").items();
        assertThat(instances).hasSize(3).allSatisfy(i -> {
            assertThat(i.get("state")).isEqualTo("uninitialized");
            assertThat((String) i.get("id")).matches(i.get("node_id") + "_[a-z0-9]{6}");
        });
    }

    @Test
    void a_deployment_lists_its_workflows_with_their_parameters() {
        Api user = userWithBlueprint("wf");
        user.put("/api/v3.1/deployments/wf-1", Map.of("blueprint_id", "wf", "inputs", Map.of("db_name", "x")));
        @SuppressWarnings("unchecked")
        var workflows = (List<Map<String, Object>>) user.get("/api/v3.1/deployments/wf-1?_include=id,workflows")
                .json().get("workflows");
        assertThat(workflows).extracting(w -> w.get("name"))
                .contains("install", "uninstall", "execute_operation", "scale", "heal");
    }

    @Test
    void missing_unknown_and_invalid_inputs_answer_their_400s() {
        Api user = userWithBlueprint("checked");
        assertThat(user.put("/api/v3.1/deployments/d1", Map.of("blueprint_id", "checked")).errorCode())
                .isEqualTo("missing_required_deployment_input_error");
        assertThat(user.put("/api/v3.1/deployments/d2", Map.of("blueprint_id", "checked",
                "inputs", Map.of("db_name", "x", "colour", "red"))).errorCode())
                .isEqualTo("unknown_deployment_input_error");
        var constraint = user.put("/api/v3.1/deployments/d3", Map.of("blueprint_id", "checked",
                "inputs", Map.of("db_name", "x", "port", 80)));
        assertThat(constraint.status()).isEqualTo(400);
        assertThat(constraint.errorCode()).isEqualTo("constraint_error");
        assertThat(user.put("/api/v3.1/deployments/d4", Map.of("blueprint_id", "checked",
                "inputs", "not-a-map")).errorCode()).isEqualTo("bad_parameters_error");
        assertThat(user.get("/api/v3.1/deployments").items()).isEmpty();
    }

    @Test
    void an_unknown_blueprint_answers_404() {
        Api user = newMember(newTenant(), "user");
        var response = user.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "ghost"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found_error");
    }

    @Test
    void a_deployment_id_is_unique_in_its_tenant() {
        Api user = userWithBlueprint("uniq");
        Map<String, Object> body = Map.of("blueprint_id", "uniq", "inputs", Map.of("db_name", "x"));
        assertThat(user.put("/api/v3.1/deployments/same", body).status()).isEqualTo(201);
        assertThat(user.put("/api/v3.1/deployments/same", body).status()).isEqualTo(409);
    }

    @Test
    void deployments_list_and_filter_by_blueprint() {
        Api user = userWithBlueprint("one");
        uploadYaml(user, "two", Archives.resourceText("blueprints/three-tier.yaml"));
        user.put("/api/v3.1/deployments/a", Map.of("blueprint_id", "one", "inputs", Map.of("db_name", "x")));
        user.put("/api/v3.1/deployments/b", Map.of("blueprint_id", "two", "inputs", Map.of("db_name", "x")));
        assertThat(user.get("/api/v3.1/deployments?blueprint_id=two&_include=id").items())
                .containsExactly(Map.of("id", "b"));
    }

    @Test
    void deleting_a_deployment_removes_its_nodes_and_instances() {
        Api user = userWithBlueprint("gone");
        user.put("/api/v3.1/deployments/g", Map.of("blueprint_id", "gone", "inputs", Map.of("db_name", "x")));
        assertThat(user.delete("/api/v3.1/deployments/g?force=False&delete_logs=False").status()).isEqualTo(204);
        assertThat(user.get("/api/v3.1/deployments/g").status()).isEqualTo(404);
        assertThat(user.get("/api/v3.1/nodes?deployment_id=g").items()).isEmpty();
        assertThat(user.get("/api/v3.1/node-instances?deployment_id=g").items()).isEmpty();
    }

    @Test
    void a_viewer_cannot_create_or_delete_deployments() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        uploadYaml(user, "bp", Archives.resourceText("blueprints/three-tier.yaml"));
        Api viewer = newMember(tenant, "viewer");
        assertThat(viewer.put("/api/v3.1/deployments/v", Map.of("blueprint_id", "bp",
                "inputs", Map.of("db_name", "x"))).status()).isEqualTo(403);
        user.put("/api/v3.1/deployments/u", Map.of("blueprint_id", "bp", "inputs", Map.of("db_name", "x")));
        assertThat(viewer.delete("/api/v3.1/deployments/u").status()).isEqualTo(403);
        assertThat(viewer.get("/api/v3.1/deployments/u").status()).isEqualTo(200);
    }

    @Test
    void instance_counts_multiply_through_containment() {
        Api user = newMember(newTenant(), "user");
        String yaml = """
                tosca_definitions_version: cloudify_dsl_1_4
                imports: [cloudify/types/types.yaml]
                node_templates:
                  vm:
                    type: cloudify.nodes.Compute
                    capabilities:
                      scalable:
                        properties: {default_instances: 2}
                  worker:
                    type: cloudify.nodes.SoftwareComponent
                    instances: {deploy: 3}
                    relationships:
                      - {type: cloudify.relationships.contained_in, target: vm}
                """;
        assertThat(uploadYaml(user, "scaled", yaml).status()).isEqualTo(201);
        user.put("/api/v3.1/deployments/s", Map.of("blueprint_id", "scaled"));
        var workers = user.get("/api/v3.1/node-instances?deployment_id=s&node_id=worker").items();
        assertThat(workers).hasSize(6);
        assertThat(workers).extracting(w -> w.get("host_id")).doesNotContainNull().hasSize(6);
        assertThat(user.get("/api/v3.1/nodes?deployment_id=s&id=worker").items().get(0))
                .containsEntry("number_of_instances", 6).containsEntry("deploy_number_of_instances", 3);
    }
}
