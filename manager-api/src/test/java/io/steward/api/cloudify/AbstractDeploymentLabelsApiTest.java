package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Archives;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.steward.api.cloudify.AbstractBlueprintApiTest.uploadYaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deployment labels as {@code cfy deployments create --labels}, {@code cfy deployments labels add|delete} (the
 * client's {@code update_labels}: always the full new list) and {@code deployments_labels.list_keys()} /
 * {@code list_key_values(k)} / {@code get_reserved_labels_keys()} send and read them.
 */
abstract class AbstractDeploymentLabelsApiTest extends ApiTestBase {

    private Api userWithBlueprint(String tenant) {
        Api user = newMember(tenant, "user");
        assertThat(uploadYaml(user, "bp", Archives.resourceText("blueprints/three-tier.yaml")).status())
                .isEqualTo(201);
        return user;
    }

    /** The body {@code deployments.create(…, labels=[…])} sends. */
    private static Api.Response create(Api user, String id, Object labels) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("blueprint_id", "bp");
        body.put("inputs", Map.of("db_name", "x"));
        body.put("visibility", "tenant");
        body.put("skip_plugins_validation", false);
        body.put("runtime_only_evaluation", false);
        body.put("display_name", id);
        body.put("labels", labels);
        return user.put("/api/v3.1/deployments/" + id, body);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> labelsOf(Api.Response response) {
        return (List<Map<String, Object>>) response.json().get("labels");
    }

    private static List<String> pairs(List<Map<String, Object>> labels) {
        return labels.stream().map(l -> l.get("key") + ":" + l.get("value")).toList();
    }

    @Test
    void labels_sent_on_create_are_kept_lower_cased_with_who_added_them() {
        Api user = userWithBlueprint(newTenant());
        var created = create(user, "web", List.of(Map.of("Env", "prod"), Map.of("tier", List.of("web", "db")),
                Map.of("csys-obj-type", "environment"), Map.of("env", "prod")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(pairs(labelsOf(created))).containsExactly("csys-obj-type:environment", "env:prod", "tier:db",
                "tier:web");
        assertThat(labelsOf(created).get(0)).containsOnlyKeys("key", "value", "created_at", "created_by");
        assertThat((String) labelsOf(created).get(0).get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(labelsOf(created).get(0).get("created_by")).isNotNull();

        assertThat(pairs(labelsOf(user.get("/api/v3.1/deployments/web")))).hasSize(4);
        @SuppressWarnings("unchecked")
        var listed = (List<Map<String, Object>>) user.get("/api/v3.1/deployments?_include=id,labels").items()
                .get(0).get("labels");
        assertThat(pairs(listed)).contains("env:prod");
    }

    @Test
    void patch_replaces_the_whole_list_and_the_display_name() {
        Api user = userWithBlueprint(newTenant());
        create(user, "app", List.of(Map.of("env", "prod"), Map.of("team", "a")));
        String before = (String) labelsOf(user.get("/api/v3.1/deployments/app")).stream()
                .filter(l -> l.get("key").equals("team")).findFirst().orElseThrow().get("created_at");

        // What `cfy deployments labels add owner:b app` sends: the current labels plus the new one.
        var added = user.patch("/api/v3.1/deployments/app", Map.of("labels",
                List.of(Map.of("team", "a"), Map.of("owner", "b"))));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(pairs(labelsOf(added))).containsExactly("owner:b", "team:a");
        assertThat(labelsOf(added).stream().filter(l -> l.get("key").equals("team")).findFirst().orElseThrow()
                .get("created_at")).as("a kept label keeps its creation time").isEqualTo(before);

        var renamed = user.patch("/api/v3.1/deployments/app", Map.of("display_name", "The App"));
        assertThat(renamed.json()).containsEntry("display_name", "The App");
        assertThat(pairs(labelsOf(renamed))).containsExactly("owner:b", "team:a");
        assertThat(user.get("/api/v3.1/deployments?_search_name=the%20app&_include=id").items())
                .containsExactly(Map.of("id", "app"));

        assertThat(labelsOf(user.patch("/api/v3.1/deployments/app", Map.of("labels", List.of())))).isEmpty();
    }

    @Test
    void keys_and_values_are_listed_distinct_and_sorted() {
        Api user = userWithBlueprint(newTenant());
        create(user, "one", List.of(Map.of("env", "prod"), Map.of("tier", "web")));
        create(user, "two", List.of(Map.of("env", "dev"), Map.of("env", "prod")));

        var keys = user.get("/api/v3.1/labels/deployments");
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json().get("items")).isEqualTo(List.of("env", "tier"));
        assertThat(keys.json()).extractingByKey("metadata").asString().contains("total=2");
        assertThat(user.get("/api/v3.1/labels/deployments/env").json().get("items")).isEqualTo(List.of("dev", "prod"));
        assertThat(user.get("/api/v3.1/labels/deployments/ENV?_search=PR").json().get("items"))
                .isEqualTo(List.of("prod"));
        assertThat(user.get("/api/v3.1/labels/deployments?_search=TI").json().get("items")).isEqualTo(List.of("tier"));
        assertThat(user.get("/api/v3.1/labels/deployments/nothing").json().get("items")).isEqualTo(List.of());
        @SuppressWarnings("unchecked")
        var reserved = (List<String>) user.get("/api/v3.1/labels/deployments?_reserved=True").json().get("items");
        assertThat(reserved).contains("csys-obj-type", "csys-obj-parent", "csys-location-lat");
        assertThat(user.get("/api/v3.1/labels/blueprints").json().get("items")).isEqualTo(List.of());

        assertThat(user.delete("/api/v3.1/deployments/one").status()).isEqualTo(204);
        assertThat(user.get("/api/v3.1/labels/deployments").json().get("items")).isEqualTo(List.of("env"));
    }

    @Test
    void labels_that_break_cloudifys_rules_are_400s_and_nothing_is_stored() {
        Api user = userWithBlueprint(newTenant());
        for (Object labels : List.of(List.of(Map.of("csys-secret", "x")), List.of(Map.of("has space", "x")),
                List.of(Map.of("k", "say \"hi\"")), List.of(Map.of("k", "line\nbreak")), List.of(Map.of("k", 7)),
                List.of(Map.of("k", "")), List.of(Map.of("csys-location-lat", "91")),
                List.of(Map.of("csys-location-long", "east")), List.of(Map.of("a", "1", "b", "2")),
                List.of("k:v"), "k:v", Map.of("k", "v"), List.of(Map.of("k".repeat(257), "v")),
                List.of(Map.of("k", "v".repeat(257))))) {
            var response = create(user, "bad", labels);
            assertThat(response.status()).as(String.valueOf(labels)).isEqualTo(400);
            assertThat(response.errorCode()).as(String.valueOf(labels)).isEqualTo("bad_parameters_error");
        }
        assertThat(user.get("/api/v3.1/deployments/bad").status()).isEqualTo(404);
        assertThat(create(user, "located", List.of(Map.of("csys-location-lat", "-33.5"),
                Map.of("csys-location-long", "151"))).status()).isEqualTo(201);

        var badPatch = user.patch("/api/v3.1/deployments/located", Map.of("labels", List.of(Map.of("csys-x", "1"))));
        assertThat(badPatch.errorCode()).isEqualTo("bad_parameters_error");
        assertThat(pairs(labelsOf(user.get("/api/v3.1/deployments/located")))).hasSize(2);
        var empty = user.patch("/api/v3.1/deployments/located", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.errorCode()).isEqualTo("illegal_action_error");
        assertThat(user.patch("/api/v3.1/deployments/located", Map.of("blueprint_id", "other")).errorCode())
                .isEqualTo("bad_parameters_error");
        assertThat(user.patch("/api/v3.1/deployments/ghost", Map.of("labels", List.of())).status()).isEqualTo(404);
        assertThat(user.get("/api/v3.1/labels/widgets").status()).isEqualTo(404);
        assertThat(user.get("/api/v3.1/labels/deployments?colour=red").errorCode()).isEqualTo("bad_parameters_error");
    }

    @Test
    void other_tenants_see_no_labels_and_viewers_change_none() {
        String tenant = newTenant();
        Api user = userWithBlueprint(tenant);
        create(user, "mine", List.of(Map.of("secret-project", "x")));
        Api stranger = newMember(newTenant(), "manager");
        assertThat(stranger.get("/api/v3.1/labels/deployments").json().get("items")).isEqualTo(List.of());
        assertThat(stranger.get("/api/v3.1/labels/deployments/secret-project").json().get("items"))
                .isEqualTo(List.of());
        assertThat(stranger.patch("/api/v3.1/deployments/mine", Map.of("labels", List.of())).status())
                .isEqualTo(404);

        Api viewer = newMember(tenant, "viewer");
        assertThat(viewer.get("/api/v3.1/labels/deployments").json().get("items"))
                .isEqualTo(List.of("secret-project"));
        var refused = viewer.patch("/api/v3.1/deployments/mine", Map.of("labels", List.of()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("forbidden_error");
        assertThat(pairs(labelsOf(user.get("/api/v3.1/deployments/mine")))).containsExactly("secret-project:x");
    }

    @Test
    void set_visibility_widens_the_deployment_with_its_nodes_instances_and_labels() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        uploadYaml(user, "bp", Archives.resourceText("blueprints/three-tier.yaml"));
        var created = user.put("/api/v3.1/deployments/hidden", Map.of("blueprint_id", "bp", "inputs",
                Map.of("db_name", "x"), "visibility", "private", "labels", List.of(Map.of("env", "prod"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api colleague = newMember(tenant, "user");
        assertThat(colleague.get("/api/v3.1/deployments/hidden").status()).isEqualTo(404);

        var widened = user.patch("/api/v3.1/deployments/hidden/set-visibility", Map.of("visibility", "tenant"));
        assertThat(widened.status()).as(widened.body()).isEqualTo(200);
        assertThat(widened.json()).containsEntry("visibility", "tenant").containsEntry("id", "hidden");
        assertThat(pairs(labelsOf(colleague.get("/api/v3.1/deployments/hidden")))).containsExactly("env:prod");
        assertThat(colleague.get("/api/v3.1/node-instances?deployment_id=hidden").items()).hasSize(3);
        assertThat(colleague.get("/api/v3.1/nodes?deployment_id=hidden").items()).hasSize(3);
        assertThat(colleague.get("/api/v3.1/labels/deployments").json().get("items")).isEqualTo(List.of("env"));

        var narrowing = user.patch("/api/v3.1/deployments/hidden/set-visibility", Map.of("visibility", "private"));
        assertThat(narrowing.status()).isEqualTo(400);
        assertThat(narrowing.errorCode()).isEqualTo("bad_parameters_error");
        // Wider than its (tenant) blueprint: refused; and global needs create_global_resource first.
        assertThat(user.patch("/api/v3.1/deployments/hidden/set-visibility", Map.of("visibility", "global"))
                .status()).isEqualTo(403);
        var wider = admin.tenant(tenant).patch("/api/v3.1/deployments/hidden/set-visibility",
                Map.of("visibility", "global"));
        assertThat(wider.status()).as(wider.body()).isEqualTo(400);
        assertThat(wider.errorCode()).isEqualTo("illegal_action_error");
        assertThat(user.patch("/api/v3.1/deployments/hidden/set-visibility", Map.of()).errorCode())
                .isEqualTo("bad_parameters_error");
        assertThat(newMember(tenant, "viewer").patch("/api/v3.1/deployments/hidden/set-visibility",
                Map.of("visibility", "tenant")).status()).isEqualTo(403);
        assertThat(newMember(newTenant(), "manager").patch("/api/v3.1/deployments/hidden/set-visibility",
                Map.of("visibility", "tenant")).status()).isEqualTo(404);
    }
}
