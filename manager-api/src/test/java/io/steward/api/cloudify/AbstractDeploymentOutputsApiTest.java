package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.steward.api.cloudify.AbstractBlueprintApiTest.uploadYaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outputs and capabilities evaluated at read time ({@code cfy deployments outputs|capabilities}), the client's
 * {@code evaluate.functions}, and {@code node_instances.update} with Cloudify's version rule, with the exact requests
 * {@code cloudify_rest_client} sends.
 */
abstract class AbstractDeploymentOutputsApiTest extends ApiTestBase {
    static final String WEB = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            inputs:
              port: {type: integer, default: 8080}
            node_templates:
              vm:
                type: cloudify.nodes.Compute
                properties: {ip: 10.0.0.1}
              web:
                type: cloudify.nodes.WebServer
                properties: {port: {get_input: port}}
                relationships:
                  - {type: cloudify.relationships.contained_in, target: vm}
              worker:
                type: cloudify.nodes.Compute
                capabilities:
                  scalable:
                    properties: {default_instances: 2}
            outputs:
              endpoint:
                description: where the web server listens
                value: {concat: ["http://", {get_attribute: [vm, public_ip]}, ":", {get_property: [web, port]}]}
              address:
                value: {get_attribute: [vm, ip]}
              vm_instance:
                value: {get_attribute: [vm, node_instance_id]}
              nested:
                value: {list: [{get_input: port}, {get_attribute: [vm, facts, os]}]}
              workers:
                value: {get_attribute: [worker, name]}
            capabilities:
              public_ip:
                description: the vm's public address
                value: {get_attribute: [vm, public_ip]}
            """;
    static final String AMBIGUOUS_CAPABILITY = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            node_templates:
              worker:
                type: cloudify.nodes.Compute
                capabilities:
                  scalable:
                    properties: {default_instances: 2}
            capabilities:
              worker_name:
                value: {get_attribute: [worker, name]}
            """;

    private Api userWithDeployment(String tenant, String deploymentId) {
        Api user = newMember(tenant, "user");
        assertThat(uploadYaml(user, "web-" + deploymentId, WEB).status()).isEqualTo(201);
        var created = user.put("/api/v3.1/deployments/" + deploymentId, Map.of("blueprint_id", "web-" + deploymentId,
                "inputs", Map.of("port", 9090), "visibility", "tenant", "display_name", deploymentId,
                "skip_plugins_validation", false, "runtime_only_evaluation", false));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return user;
    }

    private static String vmInstance(Api user, String deploymentId) {
        return (String) user.get("/api/v3.1/node-instances?deployment_id=" + deploymentId + "&node_id=vm")
                .items().get(0).get("id");
    }

    /** What {@code node_instances.update(id, runtime_properties=…, version=…)} sends: only the keys given. */
    private static Api.Response setRuntimeProperties(Api user, String instanceId, Map<String, Object> properties,
                                                     int version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("runtime_properties", properties);
        return user.patch("/api/v3.1/node-instances/" + instanceId, body);
    }

    @Test
    void outputs_are_evaluated_from_inputs_properties_and_runtime_properties() {
        Api user = userWithDeployment(newTenant(), "shop");
        String vm = vmInstance(user, "shop");

        var before = user.get("/api/v3.1/deployments/shop/outputs");
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.json()).containsEntry("deployment_id", "shop");
        @SuppressWarnings("unchecked")
        var outputs = (Map<String, Object>) before.json().get("outputs");
        // Before install an attribute falls back to the node's property, or null.
        assertThat(outputs).containsEntry("endpoint", "http://:9090").containsEntry("address", "10.0.0.1")
                .containsEntry("vm_instance", vm).containsEntry("nested", Map.of("list", java.util.Arrays.asList(9090, null)));
        assertThat((String) outputs.get("workers")).isEqualTo("<ERROR: Unable to evaluate get_attribute function:"
                + " More than one node instance found for node \"worker\". Cannot resolve a node instance"
                + " unambiguously.>");

        assertThat(setRuntimeProperties(user, vm, Map.of("public_ip", "203.0.113.7", "ip", "192.168.1.2",
                "facts", Map.of("os", "linux")), 2).status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var after = (Map<String, Object>) user.get("/api/v3.1/deployments/shop/outputs").json().get("outputs");
        assertThat(after).containsEntry("endpoint", "http://203.0.113.7:9090").containsEntry("address", "192.168.1.2")
                .containsEntry("nested", Map.of("list", List.of(9090, "linux")));
        assertThat(user.get("/api/v3.1/deployments/shop/capabilities").json()).isEqualTo(Map.of(
                "deployment_id", "shop", "capabilities", Map.of("public_ip", "203.0.113.7")));
    }

    @Test
    void the_deployment_shows_the_definitions_the_cli_takes_descriptions_from() {
        Api user = userWithDeployment(newTenant(), "defs");
        var deployment = user.get("/api/v3.1/deployments/defs?all_sub_deployments=true&include_workdir=false").json();
        @SuppressWarnings("unchecked")
        var outputs = (Map<String, Map<String, Object>>) deployment.get("outputs");
        @SuppressWarnings("unchecked")
        var capabilities = (Map<String, Map<String, Object>>) deployment.get("capabilities");
        assertThat(outputs.get("endpoint")).containsEntry("description", "where the web server listens")
                .containsKey("value");
        assertThat(capabilities.get("public_ip")).containsEntry("description", "the vm's public address");
    }

    @Test
    void a_capability_of_an_ambiguous_node_is_a_400_and_none_is_an_empty_map() {
        Api user = newMember(newTenant(), "user");
        uploadYaml(user, "amb", AMBIGUOUS_CAPABILITY);
        user.put("/api/v3.1/deployments/amb", Map.of("blueprint_id", "amb"));
        var response = user.get("/api/v3.1/deployments/amb/capabilities");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("deployment_capabilities_evaluation_error");
        assertThat(user.get("/api/v3.1/deployments/amb/outputs").json())
                .isEqualTo(Map.of("deployment_id", "amb", "outputs", Map.of()));
    }

    @Test
    void evaluate_functions_resolves_self_from_the_context() {
        Api user = userWithDeployment(newTenant(), "ev");
        String vm = vmInstance(user, "ev");
        setRuntimeProperties(user, vm, Map.of("public_ip", "198.51.100.1"), 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deployment_id", "ev");
        body.put("context", Map.of("self", vm));
        body.put("payload", Map.of("a", Map.of("get_attribute", List.of("SELF", "public_ip")),
                "b", Map.of("concat", List.of(Map.of("get_property", List.of("SELF", "ip")), "/",
                        Map.of("get_input", "port"))), "c", "plain"));
        var response = user.post("/api/v3.1/evaluate/functions", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(Map.of("deployment_id", "ev",
                "payload", Map.of("a", "198.51.100.1", "b", "10.0.0.1/9090", "c", "plain")));

        var noSelf = user.post("/api/v3.1/evaluate/functions", Map.of("deployment_id", "ev", "context", Map.of(),
                "payload", Map.of("a", Map.of("get_attribute", List.of("SELF", "x")))));
        assertThat(noSelf.status()).isEqualTo(400);
        assertThat(noSelf.errorCode()).isEqualTo("functions_evaluation_error");
        assertThat(user.post("/api/v3.1/evaluate/functions", Map.of("context", Map.of(), "payload", Map.of()))
                .errorCode()).isEqualTo("bad_parameters_error");
        assertThat(user.post("/api/v3.1/evaluate/functions", Map.of("deployment_id", "ghost", "context", Map.of(),
                "payload", Map.of())).status()).isEqualTo(404);
    }

    @Test
    void a_node_instance_update_follows_cloudifys_version_rule() {
        Api user = userWithDeployment(newTenant(), "ver");
        String vm = vmInstance(user, "ver");
        var fetched = user.get("/api/v3.1/node-instances/" + vm + "?_include=version,runtime_properties").json();
        assertThat(fetched).containsEntry("version", 1);

        // The CLI's update-runtime sends the fetched version + 1 and the complete new dict.
        var first = setRuntimeProperties(user, vm, Map.of("a", Map.of("b", 1)), 2);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json()).containsEntry("version", 2).containsEntry("runtime_properties",
                Map.of("a", Map.of("b", 1)));
        // Equal is accepted; the dict is replaced, not merged.
        var second = setRuntimeProperties(user, vm, Map.of("c", 3), 2);
        assertThat(second.json()).containsEntry("version", 3).containsEntry("runtime_properties", Map.of("c", 3));
        // Older than stored: conflict, naming both versions.
        var stale = setRuntimeProperties(user, vm, Map.of("d", 4), 1);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("conflict_error");
        assertThat((String) stale.json().get("message"))
                .isEqualTo("Node instance update conflict [current version=3, update version=1]");
        // force=True skips the check.
        var forced = user.patch("/api/v3.1/node-instances/" + vm + "?force=True",
                Map.of("version", 0, "state", "started"));
        assertThat(forced.json()).containsEntry("version", 4).containsEntry("state", "started")
                .containsEntry("runtime_properties", Map.of("c", 3));
        // Nothing changed: the version stays.
        assertThat(user.patch("/api/v3.1/node-instances/" + vm, Map.of("version", 4, "state", "started")).json())
                .containsEntry("version", 4);
    }

    @Test
    void node_instance_updates_refuse_bad_input_with_400s() {
        Api user = userWithDeployment(newTenant(), "bad");
        String vm = vmInstance(user, "bad");
        String path = "/api/v3.1/node-instances/" + vm;
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("state", "x"),
                Map.of("version", -1), Map.of("version", "many"), Map.of("version", 1, "runtime_properties", "x"),
                Map.of("version", 1, "state", 7), Map.of("version", 1, "state", "s".repeat(33)),
                Map.of("version", 1, "relationships", List.of()), Map.of("version", 1, "system_properties", Map.of()))) {
            var response = user.patch(path, body);
            assertThat(response.status()).as(body.toString()).isEqualTo(400);
            assertThat(response.errorCode()).as(body.toString()).isEqualTo("bad_parameters_error");
        }
        assertThat(user.patch("/api/v3.1/node-instances/ghost_abc123", Map.of("version", 1)).status())
                .isEqualTo(404);
        assertThat(user.get(path).json()).containsEntry("version", 1);
    }

    @Test
    void other_tenants_see_nothing_and_viewers_change_nothing() {
        String tenant = newTenant();
        Api user = userWithDeployment(tenant, "mine");
        String vm = vmInstance(user, "mine");
        Api stranger = newMember(newTenant(), "manager");
        assertThat(stranger.get("/api/v3.1/deployments/mine/outputs").status()).isEqualTo(404);
        assertThat(stranger.get("/api/v3.1/deployments/mine/capabilities").status()).isEqualTo(404);
        assertThat(stranger.post("/api/v3.1/evaluate/functions", Map.of("deployment_id", "mine",
                "context", Map.of(), "payload", Map.of())).status()).isEqualTo(404);
        assertThat(setRuntimeProperties(stranger, vm, Map.of("x", 1), 5).status()).isEqualTo(404);

        Api viewer = newMember(tenant, "viewer");
        assertThat(viewer.get("/api/v3.1/deployments/mine/outputs").status()).isEqualTo(200);
        var refused = setRuntimeProperties(viewer, vm, Map.of("x", 1), 5);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("forbidden_error");
        assertThat(user.get("/api/v3.1/node-instances/" + vm).json()).containsEntry("runtime_properties", Map.of())
                .containsEntry("version", 1);
    }
    static final String FUNCTIONS = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            node_templates:
              vm:
                type: cloudify.nodes.Compute
                properties: {ip: 10.0.0.1}
              worker:
                type: cloudify.nodes.Compute
                capabilities:
                  scalable:
                    properties: {default_instances: 2}
            outputs:
              password: {value: {get_secret: db_password}}
              user: {value: {get_secret: [db_login, user]}}
              gone: {value: {get_secret: temporary}}
              tenant: {value: {get_sys: [tenant, name]}}
              whoami: {value: {concat: [{get_sys: [deployment, id]}, "/", {get_sys: [deployment, name]}, "/",
                                        {get_sys: [deployment, blueprint]}]}}
              envs: {value: {get_label: env}}
              first_env: {value: {get_label: [env, 0]}}
              upstream: {value: {get_capability: [net, cidr]}}
              upstream_gw: {value: {get_capability: [net, routes, gw]}}
              from_environment: {value: {get_environment_capability: cidr}}
              worker_ips: {value: {get_attributes_list: [worker, ip]}}
              worker_ips_by_id: {value: {get_attributes_dict: [worker, ip]}}
            capabilities:
              own_tenant: {value: {get_sys: [tenant, name]}}
            """;
    static final String NETWORK = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            node_templates:
              n: {type: cloudify.nodes.Root}
            capabilities:
              cidr: {value: 10.1.0.0/16}
              routes: {value: {gw: 10.1.0.1}}
            """;

    /** What {@code client.secrets.create(key, value, …)} sends. */
    private static void createSecret(Api user, String key, String value, boolean hidden) {
        var created = user.put("/api/v3.1/secrets/" + key, Map.of("value", value, "update_if_exists", false,
                "is_hidden_value", hidden, "visibility", "tenant"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
    }

    private static void createDeployment(Api user, String id, String blueprintId, List<Map<String, Object>> labels) {
        var created = user.put("/api/v3.1/deployments/" + id, Map.of("blueprint_id", blueprintId, "inputs",
                Map.of(), "visibility", "tenant", "labels", labels, "display_name", id + " shown",
                "skip_plugins_validation", false, "runtime_only_evaluation", false));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void outputs_evaluate_secrets_system_values_labels_other_capabilities_and_attribute_lists() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        createSecret(user, "db_password", "hunter2", false);
        createSecret(user, "db_login", "{\"user\": \"app\"}", false);
        createSecret(user, "temporary", "soon gone", false);
        assertThat(uploadYaml(user, "net", NETWORK).status()).isEqualTo(201);
        assertThat(uploadYaml(user, "fn", FUNCTIONS).status()).isEqualTo(201);
        createDeployment(user, "net", "net", List.of());
        createDeployment(user, "app", "fn", List.of(Map.of("env", List.of("prod", "eu")),
                Map.of("csys-obj-parent", "net")));
        // An output that is directly a get_secret of a secret deleted since is left out, as Cloudify does.
        assertThat(user.delete("/api/v3.1/secrets/temporary").status()).isEqualTo(204);
        List<String> workers = user.get("/api/v3.1/node-instances?deployment_id=app&node_id=worker&_sort=id")
                .items().stream().map(i -> (String) i.get("id")).toList();
        setRuntimeProperties(user, workers.get(0), Map.of("ip", "10.0.0.5"), 1);

        var response = user.get("/api/v3.1/deployments/app/outputs");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var outputs = (Map<String, Object>) response.json().get("outputs");
        assertThat(outputs).doesNotContainKey("gone").containsEntry("password", "hunter2")
                .containsEntry("user", "app").containsEntry("tenant", tenant)
                .containsEntry("whoami", "app/app shown/fn").containsEntry("envs", List.of("eu", "prod"))
                .containsEntry("first_env", "eu").containsEntry("upstream", "10.1.0.0/16")
                .containsEntry("upstream_gw", "10.1.0.1").containsEntry("from_environment", "10.1.0.0/16")
                .containsEntry("worker_ips", List.of("10.0.0.5", ""));
        var byId = new LinkedHashMap<String, Object>();
        byId.put(workers.get(0), "10.0.0.5");
        byId.put(workers.get(1), "");
        assertThat(outputs.get("worker_ips_by_id")).isEqualTo(byId);
        assertThat(user.get("/api/v3.1/deployments/app/capabilities").json().get("capabilities"))
                .isEqualTo(Map.of("own_tenant", tenant));
    }

    @Test
    void runtime_functions_stay_inside_the_tenant_and_a_hidden_secret_inside_its_readers() {
        String tenant = newTenant();
        Api owner = newMember(tenant, "user");
        createSecret(owner, "db_password", "hunter2", true);
        assertThat(uploadYaml(owner, "cross", """
                tosca_definitions_version: cloudify_dsl_1_4
                imports: [cloudify/types/types.yaml]
                node_templates:
                  n: {type: cloudify.nodes.Root}
                outputs:
                  upstream: {value: {get_capability: [net, cidr]}}
                """).status()).isEqualTo(201);
        assertThat(uploadYaml(owner, "hidden", """
                tosca_definitions_version: cloudify_dsl_1_4
                imports: [cloudify/types/types.yaml]
                node_templates:
                  n: {type: cloudify.nodes.Root}
                outputs:
                  password: {value: {get_secret: db_password}}
                """).status()).isEqualTo(201);
        // "net" exists only in another tenant: get_capability does not reach it.
        Api stranger = newMember(newTenant(), "user");
        assertThat(uploadYaml(stranger, "net", NETWORK).status()).isEqualTo(201);
        createDeployment(stranger, "net", "net", List.of());
        createDeployment(owner, "cross", "cross", List.of());
        createDeployment(owner, "hidden", "hidden", List.of());

        var cross = owner.get("/api/v3.1/deployments/cross/outputs");
        assertThat(cross.status()).as(cross.body()).isEqualTo(400);
        assertThat(cross.errorCode()).isEqualTo("deployment_outputs_evaluation_error");
        assertThat((String) cross.json().get("message")).contains("deployment `net` does not exist");
        assertThat(stranger.get("/api/v3.1/deployments/cross/outputs").status()).isEqualTo(404);

        // The hidden secret's creator reads it through an output; a colleague who may not read it does not.
        assertThat(owner.get("/api/v3.1/deployments/hidden/outputs").json().get("outputs"))
                .isEqualTo(Map.of("password", "hunter2"));
        var hidden = newMember(tenant, "user").get("/api/v3.1/deployments/hidden/outputs");
        assertThat(hidden.status()).isEqualTo(400);
        assertThat(hidden.errorCode()).isEqualTo("deployment_outputs_evaluation_error");
        assertThat(hidden.body()).doesNotContain("hunter2").contains("hidden value");
    }

    @Test
    void capabilities_that_refer_to_each_other_end_in_a_400() {
        Api user = newMember(newTenant(), "user");
        String loop = """
                tosca_definitions_version: cloudify_dsl_1_4
                imports: [cloudify/types/types.yaml]
                node_templates:
                  n: {type: cloudify.nodes.Root}
                capabilities:
                  mine: {value: {get_capability: [other, mine]}}
                """;
        assertThat(uploadYaml(user, "loop", loop).status()).isEqualTo(201);
        assertThat(uploadYaml(user, "loop2", loop.replace("[other, mine]", "[self, mine]")).status()).isEqualTo(201);
        createDeployment(user, "self", "loop", List.of());
        createDeployment(user, "other", "loop2", List.of());
        var response = user.get("/api/v3.1/deployments/self/capabilities");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("deployment_capabilities_evaluation_error");
        assertThat((String) response.json().get("message")).contains("more than 8 deployments");
    }
}
