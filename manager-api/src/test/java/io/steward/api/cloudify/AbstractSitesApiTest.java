package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.steward.api.cloudify.AbstractBlueprintApiTest.uploadYaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sites, deployments in sites and scaling groups, from the requests {@code cfy sites create|list|get|update|delete},
 * {@code cfy deployments create --site-name}, {@code cfy deployments set-site [--detach-site]} and
 * {@code cfy executions start scale -p scalable_entity_name=<group> -p delta=1} sent to a Steward server (read off
 * a logging proxy between the real client and the server).
 */
abstract class AbstractSitesApiTest extends ApiTestBase {
    /** A host and an application on it, scaled together: two copies at first, between one and five. */
    static final String SCALED = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            node_templates:
              vm:
                type: cloudify.nodes.Compute
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: {implementation: steward.log, inputs: {message: vm up}}
              app:
                type: cloudify.nodes.Root
                relationships:
                  - {type: cloudify.relationships.contained_in, target: vm}
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: {implementation: steward.log, inputs: {message: app up}}
              db:
                type: cloudify.nodes.Root
            groups:
              vm_group:
                members: [vm]
            policies:
              vm_scaling:
                type: cloudify.policies.scaling
                properties: {default_instances: 2, min_instances: 1, max_instances: 5}
                targets: [vm_group]
            """;

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static List<Object> names(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.items().stream().map(s -> s.get("name")).toList();
    }

    private static Api.Response deploy(Api user, String id, String blueprint, String site) {
        Map<String, Object> request = body("blueprint_id", blueprint, "visibility", "tenant", "inputs", Map.of());
        if (site != null) {
            request.put("site_name", site);
        }
        request.put("display_name", id);
        request.put("skip_plugins_validation", false);
        request.put("runtime_only_evaluation", false);
        return user.put("/api/v3.1/deployments/" + id, request);
    }

    @Test
    void sites_are_created_listed_renamed_and_deleted_as_cfy_sites_does() {
        Api user = newMember(newTenant(), "user");
        var paris = user.put("/api/v3.1/sites/paris", body("visibility", "tenant", "location", "48.8566,2.3522"));
        assertThat(paris.status()).as(paris.body()).isEqualTo(200);
        assertThat(paris.json()).containsOnlyKeys("name", "latitude", "longitude", "location", "created_at",
                "tenant_name", "created_by", "visibility", "private_resource", "resource_availability")
                .containsEntry("name", "paris").containsEntry("latitude", 48.8566).containsEntry("longitude", 2.3522)
                .containsEntry("location", "48.8566, 2.3522").containsEntry("visibility", "tenant")
                .containsEntry("private_resource", false);
        assertThat((String) paris.json().get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        var nowhere = user.put("/api/v3.1/sites/nowhere", body("visibility", "tenant"));
        assertThat(nowhere.json()).containsEntry("location", null).containsEntry("latitude", null);
        assertThat(user.put("/api/v3.1/sites/tlv", body("visibility", "private", "location", "32.071072,34.787274"))
                .json()).containsEntry("location", "32.071072, 34.787274").containsEntry("private_resource", true);
        // Python's float repr: small values in exponent form, whole ones with ".0".
        assertThat(user.put("/api/v3.1/sites/pole", body("location", "-90,0.00001")).json())
                .containsEntry("location", "-90.0, 1e-05");

        var list = user.get("/api/v3.1/sites?_all_tenants=False&_offset=0&_size=1000&_sort=name");
        assertThat(names(list)).containsExactly("nowhere", "paris", "pole", "tlv");
        assertThat(list.json().get("metadata")).asString().contains("total=4");
        assertThat(user.get("/api/v3.1/sites/paris").json()).isEqualTo(paris.json());
        assertThat(user.get("/api/v3.1/sites/paris?_include=name,location").json())
                .containsOnlyKeys("name", "location");

        var renamed = user.post("/api/v3.1/sites/paris", body("location", "48.85,2.35", "new_name", "paris2"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json()).containsEntry("name", "paris2").containsEntry("location", "48.85, 2.35")
                .containsEntry("created_at", paris.json().get("created_at"));
        assertThat(names(user.get("/api/v3.1/sites?_all_tenants=False&_search=PAR&_offset=0&_size=1000"
                + "&_sort=-created_at"))).containsExactly("paris2");
        assertThat(names(user.get("/api/v3.1/sites?_sort=-name&_size=2&_offset=1"))).containsExactly("pole",
                "paris2");
        assertThat(names(user.get("/api/v3.1/sites?visibility=private"))).containsExactly("tlv");
        // An empty location clears it; visibility only widens.
        assertThat(user.post("/api/v3.1/sites/paris2", body("location", "", "visibility", "tenant")).json())
                .containsEntry("location", null);
        assertThat(user.post("/api/v3.1/sites/tlv", body("visibility", "tenant")).json())
                .containsEntry("visibility", "tenant");

        assertThat(user.delete("/api/v3.1/sites/nowhere").status()).isEqualTo(204);
        var gone = user.get("/api/v3.1/sites/nowhere");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("not_found_error");
        assertThat(gone.json()).containsEntry("message", "Requested `Site` with ID `nowhere` was not found");
    }

    @Test
    void bad_sites_answer_cloudifys_errors() {
        Api user = newMember(newTenant(), "user");
        assertThat(user.put("/api/v3.1/sites/here", body("location", "1,2")).status()).isEqualTo(200);
        assertThat(user.put("/api/v3.1/sites/there", body()).status()).isEqualTo(200);
        Map<String, String> messages = Map.of(
                "91,0", "Invalid location `91,0`. The latitude must be a number between -90 and 90 and the longitude"
                        + " between -180 and 180",
                "32.07", "Invalid location `32.07`, the format is expected to be \"latitude,longitude\" such as"
                        + " \"32.071072,34.787274\"",
                "a,b", "Invalid location `a,b`, the latitude and longitude are expected to be of type float");
        messages.forEach((location, message) -> {
            var refused = user.put("/api/v3.1/sites/" + unique("s"), body("location", location));
            assertThat(refused.status()).as(location).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("bad_parameters_error");
            assertThat(refused.json()).containsEntry("message", message);
        });
        for (String location : List.of("0,180.5", "nan,1", "1,inf", "1,2,3", ",", " ,1")) {
            assertThat(user.put("/api/v3.1/sites/" + unique("s"), body("location", location)).errorCode())
                    .as(location).isEqualTo("bad_parameters_error");
        }
        assertThat(user.put("/api/v3.1/sites/" + unique("s"), body("location", " -45.5 , 1e1 ")).json())
                .containsEntry("location", "-45.5, 10.0");
        var duplicate = user.put("/api/v3.1/sites/here", body("visibility", "tenant"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.errorCode()).isEqualTo("conflict_error");
        assertThat(user.post("/api/v3.1/sites/here", body("new_name", "there")).errorCode())
                .isEqualTo("conflict_error");
        assertThat(user.post("/api/v3.1/sites/ghost", body("location", "1,2")).status()).isEqualTo(404);
        assertThat(user.delete("/api/v3.1/sites/ghost").status()).isEqualTo(404);
        assertThat(user.post("/api/v3.1/sites/here", body("visibility", "private")).errorCode())
                .isEqualTo("illegal_action_error");
        assertThat(user.post("/api/v3.1/sites/here", body("new_name", "bad name")).errorCode())
                .isEqualTo("bad_parameters_error");
        assertThat(user.put("/api/v3.1/sites/" + unique("s"), body("visibility", "public")).errorCode())
                .isEqualTo("bad_parameters_error");
        assertThat(user.put("/api/v3.1/sites/" + unique("s"), body("location", 12)).errorCode())
                .isEqualTo("bad_parameters_error");
        assertThat(user.put("/api/v3.1/sites/" + unique("s"), body("created_at", "2020-01-01")).errorCode())
                .isEqualTo("bad_parameters_error");
        assertThat(user.get("/api/v3.1/sites?location=1,2").errorCode()).isEqualTo("bad_parameters_error");
        assertThat(user.get("/api/v3.1/sites?_include=name,colour").status()).isEqualTo(400);
        assertThat(user.get("/api/v3/sites").status()).isEqualTo(404);
    }

    @Test
    void sites_follow_cloudifys_tenancy_and_roles() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        assertThat(user.put("/api/v3.1/sites/shared", body("visibility", "tenant")).status()).isEqualTo(200);
        assertThat(user.put("/api/v3.1/sites/mine", body("visibility", "private")).status()).isEqualTo(200);

        Api colleague = newMember(tenant, "user");
        assertThat(names(colleague.get("/api/v3.1/sites"))).containsExactly("shared");
        assertThat(colleague.get("/api/v3.1/sites/mine").status()).isEqualTo(404);
        assertThat(names(newMember(tenant, "manager").get("/api/v3.1/sites?_sort=name")))
                .containsExactly("mine", "shared");
        // A private site's name is still taken in the tenant.
        assertThat(colleague.put("/api/v3.1/sites/mine", body()).status()).isEqualTo(409);

        Api viewer = newMember(tenant, "viewer");
        assertThat(names(viewer.get("/api/v3.1/sites"))).containsExactly("shared");
        assertThat(viewer.get("/api/v3.1/sites/shared").status()).isEqualTo(200);
        assertThat(viewer.put("/api/v3.1/sites/v", body()).errorCode()).isEqualTo("forbidden_error");
        assertThat(viewer.post("/api/v3.1/sites/shared", body("location", "1,1")).status()).isEqualTo(403);
        assertThat(viewer.delete("/api/v3.1/sites/shared").status()).isEqualTo(403);
        Api operations = newMember(tenant, "operations");
        assertThat(operations.put("/api/v3.1/sites/o", body()).status()).isEqualTo(403);

        String otherTenant = newTenant();
        Api stranger = newMember(otherTenant, "manager");
        assertThat(stranger.get("/api/v3.1/sites").items()).isEmpty();
        assertThat(stranger.get("/api/v3.1/sites/shared").status()).isEqualTo(404);
        assertThat(stranger.post("/api/v3.1/sites/shared", body("location", "1,1")).status()).isEqualTo(404);
        assertThat(stranger.delete("/api/v3.1/sites/shared").status()).isEqualTo(404);
        // The same name is free in another tenant.
        assertThat(stranger.put("/api/v3.1/sites/shared", body()).status()).isEqualTo(200);
        assertThat(user.get("/api/v3.1/sites/shared").json()).containsEntry("tenant_name", tenant);

        // Global needs sys_admin; then every tenant sees it, and only its own tenant changes it.
        assertThat(user.put("/api/v3.1/sites/world", body("visibility", "global")).status()).isEqualTo(403);
        assertThat(admin.tenant(tenant).put("/api/v3.1/sites/world", body("visibility", "global",
                "location", "0,0")).status()).isEqualTo(200);
        // Reads learn that a table has global rows within a second (TenantTables caches it).
        assertThat(Await.until("the global site to be seen from another tenant", Duration.ofSeconds(10),
                () -> stranger.get("/api/v3.1/sites/world"), r -> r.status() == 200).json())
                .containsEntry("tenant_name", tenant);
        assertThat(stranger.post("/api/v3.1/sites/world", body("location", "1,1")).errorCode())
                .isEqualTo("forbidden_error");
        assertThat(stranger.delete("/api/v3.1/sites/world").status()).isEqualTo(403);
        assertThat(stranger.put("/api/v3.1/sites/world", body()).status()).isEqualTo(409);

        // A tenant with sites is not deleted, like one with deployments.
        var refused = admin.delete("/api/v3.1/tenants/" + otherTenant);
        assertThat(refused.errorCode()).as(refused.body()).isEqualTo("dependent_exists_error");
        assertThat((String) refused.json().get("message")).contains("1 site(s)");
        assertThat(stranger.delete("/api/v3.1/sites/shared").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v3.1/tenants/" + otherTenant).status()).isIn(200, 204);
        // The global site goes, so other tests' lists do not see it.
        assertThat(admin.tenant(tenant).delete("/api/v3.1/sites/world").status()).isEqualTo(204);
    }

    @Test
    void deployments_name_a_site_move_with_it_and_leave_it_when_it_goes() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        assertThat(uploadYaml(user, "app", ONE_TASK).status()).isEqualTo(201);
        assertThat(user.put("/api/v3.1/sites/paris", body("location", "48.8566,2.3522")).status()).isEqualTo(200);
        assertThat(user.put("/api/v3.1/sites/lyon", body()).status()).isEqualTo(200);

        var created = deploy(user, "d1", "app", "paris");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json()).containsEntry("site_name", "paris");
        assertThat(deploy(user, "d2", "app", null).json()).containsEntry("site_name", null);
        var unknown = deploy(user, "d3", "app", "ghost");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).containsEntry("message", "Requested `Site` with ID `ghost` was not found");
        assertThat(user.get("/api/v3.1/deployments/d3").status()).isEqualTo(404);
        assertThat(deploy(user, "d4", "app", "").errorCode()).isEqualTo("bad_parameters_error");

        assertThat(user.get("/api/v3.1/deployments?site_name=paris&_include=id,site_name").items())
                .containsExactly(Map.of("id", "d1", "site_name", "paris"));
        assertThat(user.post("/api/v3.1/searches/deployments?_include=id", Map.of("filter_rules", List.of(
                AbstractFiltersApiTest.rule("site_name", List.of("par"), "starts_with", "attribute")))).items())
                .containsExactly(Map.of("id", "d1"));

        var moved = user.post("/api/v3.1/deployments/d2/set-site", body("detach_site", false, "site_name", "lyon"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json()).containsEntry("id", "d2").containsEntry("site_name", "lyon");
        assertThat(user.post("/api/v3.1/deployments/d2/set-site", body("detach_site", true)).json())
                .containsEntry("site_name", null);
        for (Map<String, Object> wrong : List.of(body("detach_site", false), body("detach_site", true,
                "site_name", "lyon"), body())) {
            var refused = user.post("/api/v3.1/deployments/d2/set-site", wrong);
            assertThat(refused.errorCode()).as(wrong.toString()).isEqualTo("bad_parameters_error");
            assertThat((String) refused.json().get("message")).startsWith("Must provide either a `site_name`");
        }
        assertThat(user.post("/api/v3.1/deployments/d2/set-site", body("site_name", "ghost")).status())
                .isEqualTo(404);
        assertThat(user.post("/api/v3.1/deployments/ghost/set-site", body("detach_site", true)).status())
                .isEqualTo(404);
        // A deployment may not be wider than its site.
        assertThat(user.put("/api/v3.1/sites/secret", body("visibility", "private")).status()).isEqualTo(200);
        var wider = user.post("/api/v3.1/deployments/d2/set-site", body("site_name", "secret"));
        assertThat(wider.errorCode()).isEqualTo("illegal_action_error");
        assertThat(deploy(user, "d5", "app", "secret").errorCode()).isEqualTo("illegal_action_error");

        // Renaming the site moves its deployments; deleting it leaves them in no site.
        user.post("/api/v3.1/deployments/d2/set-site", body("site_name", "paris"));
        assertThat(user.post("/api/v3.1/sites/paris", body("new_name", "paris2")).status()).isEqualTo(200);
        assertThat(user.get("/api/v3.1/deployments?_sort=id&_include=id,site_name").items()).containsExactly(
                Map.of("id", "d1", "site_name", "paris2"), Map.of("id", "d2", "site_name", "paris2"));
        assertThat(user.delete("/api/v3.1/sites/paris2").status()).isEqualTo(204);
        assertThat(user.get("/api/v3.1/deployments/d1").json()).containsEntry("site_name", null);

        // Roles and tenants: operations may set a site, viewers may not; another tenant's sites are not there.
        assertThat(newMember(tenant, "operations").post("/api/v3.1/deployments/d1/set-site",
                body("site_name", "lyon")).status()).isEqualTo(200);
        assertThat(newMember(tenant, "viewer").post("/api/v3.1/deployments/d1/set-site",
                body("detach_site", true)).status()).isEqualTo(403);
        Api stranger = newMember(newTenant(), "manager");
        assertThat(stranger.post("/api/v3.1/deployments/d1/set-site", body("detach_site", true)).status())
                .isEqualTo(404);
        assertThat(uploadYaml(stranger, "app", ONE_TASK).status()).isEqualTo(201);
        assertThat(deploy(stranger, "d1", "app", "lyon").status()).isEqualTo(404);
        assertThat(user.get("/api/v3.1/deployments/d1").json()).containsEntry("site_name", "lyon");
    }

    @Test
    @SuppressWarnings("unchecked")
    void scaling_groups_multiply_instances_and_scale_as_whole_copies() {
        Api user = newMember(newTenant(), "user");
        var uploaded = uploadYaml(user, "scaled", SCALED);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(deploy(user, "s1", "scaled", null).status()).isEqualTo(201);

        Map<String, Object> groups = (Map<String, Object>) user.get("/api/v3.1/deployments/s1?_include=id,"
                + "scaling_groups").json().get("scaling_groups");
        assertThat(groups).isEqualTo(Map.of("vm_group", Map.of("members", List.of("vm"), "properties", Map.of(
                "default_instances", 2, "min_instances", 1, "max_instances", 5, "current_instances", 2,
                "planned_instances", 2))));
        assertThat(counts(user)).isEqualTo(Map.of("vm", 2L, "app", 2L, "db", 1L));
        assertThat(user.get("/api/v3.1/nodes?deployment_id=s1&id=vm").items().get(0))
                .containsEntry("number_of_instances", 2);

        awaitTerminated(user, start(user, "install", Map.of()));
        // As `cfy executions start scale -p scalable_entity_name=vm_group -p delta=1` sends it: delta as text.
        String grow = start(user, "scale", Map.of("scalable_entity_name", "vm_group", "delta", "1"));
        awaitTerminated(user, grow);
        assertThat(counts(user)).isEqualTo(Map.of("vm", 3L, "app", 3L, "db", 1L));
        assertThat(user.get("/api/v3.1/node-instances?deployment_id=s1").items())
                .allSatisfy(i -> assertThat(i.get("state")).isEqualTo("started"));
        assertThat(groupCount(user)).isEqualTo(3);

        awaitTerminated(user, start(user, "scale", Map.of("scalable_entity_name", "vm_group", "delta", "-2")));
        assertThat(counts(user)).isEqualTo(Map.of("vm", 1L, "app", 1L, "db", 1L));
        assertThat(groupCount(user)).isEqualTo(1);

        String below = start(user, "scale", Map.of("scalable_entity_name", "vm_group", "delta", -1));
        Map<String, Object> failed = Await.until("scale below the minimum to fail", Duration.ofSeconds(30),
                () -> user.get("/api/v3.1/executions/" + below).json(), e -> "failed".equals(e.get("status")));
        assertThat((String) failed.get("error")).contains("Provided delta: -1 is illegal").contains("[1, 5]");
        String above = start(user, "scale", Map.of("scalable_entity_name", "vm_group", "delta", 5));
        Await.until("scale above the maximum to fail", Duration.ofSeconds(30),
                () -> user.get("/api/v3.1/executions/" + above).json(), e -> "failed".equals(e.get("status")));
        assertThat(counts(user)).isEqualTo(Map.of("vm", 1L, "app", 1L, "db", 1L));
    }

    @Test
    void bad_groups_and_policies_are_invalid_blueprints() {
        Api user = newMember(newTenant(), "user");
        String base = SCALED.substring(0, SCALED.indexOf("groups:"));
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("unknown member", "groups: {g: {members: [ghost]}}\n");
        cases.put("no members", "groups: {g: {members: []}}\n");
        cases.put("group named like a node", "groups: {vm: {members: [db]}}\n");
        cases.put("groups in a cycle", "groups: {a: {members: [b]}, b: {members: [a]}}\n");
        cases.put("unknown policy type", "groups: {g: {members: [vm]}}\npolicies: {p: {type: my.policy,"
                + " targets: [g]}}\n");
        cases.put("target not a group", "groups: {g: {members: [vm]}}\npolicies: {p: {type:"
                + " cloudify.policies.scaling, targets: [vm]}}\n");
        cases.put("min above default", "groups: {g: {members: [vm]}}\npolicies: {p: {type:"
                + " cloudify.policies.scaling, properties: {default_instances: 1, min_instances: 2}, targets: [g]}}\n");
        cases.put("default above max", "groups: {g: {members: [vm]}}\npolicies: {p: {type:"
                + " cloudify.policies.scaling, properties: {default_instances: 3, max_instances: 2}, targets: [g]}}\n");
        cases.put("negative default", "groups: {g: {members: [vm]}}\npolicies: {p: {type:"
                + " cloudify.policies.scaling, properties: {default_instances: -1}, targets: [g]}}\n");
        cases.put("unknown property", "groups: {g: {members: [vm]}}\npolicies: {p: {type:"
                + " cloudify.policies.scaling, properties: {colour: red}, targets: [g]}}\n");
        cases.put("shared member", "groups: {g: {members: [vm]}, h: {members: [vm]}}\npolicies: {p: {type:"
                + " cloudify.policies.scaling, targets: [g, h]}}\n");
        cases.forEach((name, yaml) -> {
            var refused = uploadYaml(user, unique("bp"), base + yaml);
            assertThat(refused.status()).as(name + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.errorCode()).as(name).isEqualTo("invalid_blueprint_error");
        });
        // Nested groups: the inner group scales within each copy of the outer one.
        var nested = uploadYaml(user, "nested", base + "groups: {inner: {members: [vm]}, outer: {members: [inner,"
                + " db]}}\npolicies: {p: {type: cloudify.policies.scaling, properties: {default_instances: 2},"
                + " targets: [inner]}, q: {type: cloudify.policies.scaling, properties: {default_instances: 3},"
                + " targets: [outer]}}\n");
        assertThat(nested.status()).as(nested.body()).isEqualTo(201);
        assertThat(deploy(user, "s1", "nested", null).status()).isEqualTo(201);
        assertThat(counts(user)).isEqualTo(Map.of("vm", 6L, "app", 6L, "db", 3L));
    }

    private static Map<Object, Long> counts(Api user) {
        return user.get("/api/v3.1/node-instances?deployment_id=s1&_include=node_id").items().stream()
                .collect(java.util.stream.Collectors.groupingBy(i -> i.get("node_id"),
                        java.util.stream.Collectors.counting()));
    }

    @SuppressWarnings("unchecked")
    private static Object groupCount(Api user) {
        Map<String, Object> groups = (Map<String, Object>) user.get("/api/v3.1/deployments/s1").json()
                .get("scaling_groups");
        return ((Map<String, Object>) ((Map<String, Object>) groups.get("vm_group")).get("properties"))
                .get("current_instances");
    }

    private static String start(Api user, String workflow, Map<String, Object> parameters) {
        var response = user.post("/api/v3.1/executions", body("deployment_id", "s1", "workflow_id", workflow,
                "parameters", parameters, "allow_custom_parameters", "false", "force", "false", "dry_run", "false",
                "queue", "false", "wait_after_fail", 600));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    private static void awaitTerminated(Api user, String id) {
        Map<String, Object> ended = Await.until("execution " + id + " to end", Duration.ofSeconds(30),
                () -> user.get("/api/v3.1/executions/" + id).json(),
                e -> List.of("terminated", "failed", "cancelled").contains(e.get("status")));
        assertThat(ended).as(String.valueOf(ended.get("error"))).containsEntry("status", "terminated");
    }
}
