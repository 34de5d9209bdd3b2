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
 * Filter rules as {@code cfy deployments list -lr/-ar} sends them ({@code POST /searches/deployments} with
 * {@code {"filter_rules": […]}}), saved filters ({@code cfy deployments filters …}, {@code /filters/…}) and
 * {@code deployments.list(filter_id=…)} ({@code GET /deployments?_filter_id=}).
 */
abstract class AbstractFiltersApiTest extends ApiTestBase {

    private Api userWithDeployments(String tenant) {
        Api user = newMember(tenant, "user");
        assertThat(uploadYaml(user, "shop", Archives.resourceText("blueprints/three-tier.yaml")).status())
                .isEqualTo(201);
        assertThat(uploadYaml(user, "blog", Archives.resourceText("blueprints/three-tier.yaml")).status())
                .isEqualTo(201);
        deploy(user, "shop-prod", "shop", List.of(Map.of("env", "prod"), Map.of("tier", "web")));
        deploy(user, "shop-dev", "shop", List.of(Map.of("env", "dev")));
        deploy(user, "blog-prod", "blog", List.of(Map.of("env", "prod")));
        deploy(user, "bare", "blog", List.of());
        return user;
    }

    private static void deploy(Api user, String id, String blueprint, List<Map<String, Object>> labels) {
        var created = user.put("/api/v3.1/deployments/" + id, Map.of("blueprint_id", blueprint,
                "inputs", Map.of("db_name", "x"), "labels", labels, "display_name", id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    static Map<String, Object> rule(String key, List<?> values, String operator, String type) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("key", key);
        rule.put("values", values);
        rule.put("operator", operator);
        rule.put("type", type);
        return rule;
    }

    private static List<Object> ids(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.items().stream().map(d -> d.get("id")).toList();
    }

    private static Api.Response search(Api user, Map<String, Object>... rules) {
        return user.post("/api/v3.1/searches/deployments?_sort=id&_include=id", Map.of("filter_rules", List.of(rules)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void label_rules_select_as_cloudifys_operators_do() {
        Api user = userWithDeployments(newTenant());
        var prod = search(user, rule("env", List.of("prod"), "any_of", "label"));
        assertThat(ids(prod)).containsExactly("blog-prod", "shop-prod");
        assertThat((Map<String, Object>) prod.json().get("metadata")).containsEntry("filtered", 2);
        assertThat(ids(search(user, rule("ENV", List.of("prod"), "not_any_of", "label")))).containsExactly("shop-dev");
        assertThat(ids(search(user, rule("env", List.of("prod"), "is_not", "label"))))
                .containsExactly("bare", "shop-dev");
        assertThat(ids(search(user, rule("env", List.of(), "is_null", "label")))).containsExactly("bare");
        assertThat(ids(search(user, rule("tier", List.of(), "is_not_null", "label")))).containsExactly("shop-prod");
        // Rules are AND-ed.
        assertThat(ids(search(user, rule("env", List.of("prod", "dev"), "any_of", "label"),
                rule("blueprint_id", List.of("shop"), "any_of", "attribute")))).containsExactly("shop-dev", "shop-prod");
    }

    @Test
    void attribute_rules_and_list_parameters_combine() {
        Api user = userWithDeployments(newTenant());
        assertThat(ids(search(user, rule("id", List.of("PROD"), "ends_with", "attribute"))))
                .containsExactly("blog-prod", "shop-prod");
        assertThat(ids(search(user, rule("id", List.of("SHOP"), "starts_with", "attribute"))))
                .containsExactly("shop-dev", "shop-prod");
        assertThat(ids(search(user, rule("display_name", List.of("-"), "contains", "attribute"))))
                .containsExactly("blog-prod", "shop-dev", "shop-prod");
        assertThat(ids(search(user, rule("id", List.of("shop", "blog"), "not_contains", "attribute"))))
                .containsExactly("bare");
        assertThat(ids(search(user, rule("blueprint_id", List.of("shop"), "not_any_of", "attribute"))))
                .containsExactly("bare", "blog-prod");
        // A LIKE wildcard in a value is literal.
        assertThat(ids(search(user, rule("id", List.of("%"), "contains", "attribute")))).isEmpty();
        // _search still applies; plain field filters do not, as in Cloudify.
        assertThat(ids(user.post("/api/v3.1/searches/deployments?_sort=id&_search=blog&blueprint_id=shop",
                Map.of("filter_rules", List.of(rule("env", List.of("prod"), "any_of", "label")))))).containsExactly(
                "blog-prod");
        // No rules: everything, and filtered is null.
        var all = user.post("/api/v3.1/searches/deployments", Map.of("filter_rules", List.of()));
        assertThat(all.items()).hasSize(4);
        assertThat(all.json().get("metadata")).asString().contains("filtered=null");
    }

    @Test
    void saved_filters_are_created_listed_updated_applied_and_deleted() {
        Api user = userWithDeployments(newTenant());
        var created = user.put("/api/v3.1/filters/deployments/prod", Map.of("filter_rules",
                List.of(rule("env", List.of("prod"), "any_of", "label")), "visibility", "tenant"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json()).containsEntry("id", "prod").containsEntry("is_system_filter", false)
                .containsEntry("visibility", "tenant").containsEntry("value",
                        List.of(rule("env", List.of("prod"), "any_of", "label")))
                .containsEntry("labels_filter_rules", List.of(rule("env", List.of("prod"), "any_of", "label")))
                .containsEntry("attrs_filter_rules", List.of()).containsKeys("created_at", "updated_at", "tenant_name");

        assertThat(ids(user.get("/api/v3.1/deployments?_filter_id=prod&_sort=id"))).containsExactly("blog-prod",
                "shop-prod");
        assertThat(ids(user.post("/api/v3.1/searches/deployments?_filter_id=prod&_sort=id", Map.of("filter_rules",
                List.of(rule("blueprint_id", List.of("blog"), "any_of", "attribute")))))).containsExactly("blog-prod");
        assertThat(ids(user.get("/api/v3.1/filters/deployments"))).containsExactly("prod");
        assertThat(user.get("/api/v3.1/filters/blueprints").items()).isEmpty();
        assertThat(user.get("/api/v3.1/filters/deployments/prod").json()).containsEntry("id", "prod");

        var updated = user.patch("/api/v3.1/filters/deployments/prod", Map.of("filter_rules",
                List.of(rule("env", List.of("dev"), "any_of", "label"))));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(ids(user.get("/api/v3.1/deployments?_filter_id=prod"))).containsExactly("shop-dev");

        assertThat(user.delete("/api/v3.1/filters/deployments/prod").status()).isEqualTo(204);
        assertThat(user.get("/api/v3.1/filters/deployments/prod").status()).isEqualTo(404);
        assertThat(user.get("/api/v3.1/deployments?_filter_id=prod").status()).isEqualTo(404);
    }

    @Test
    void blueprints_are_searched_by_attribute_rules() {
        Api user = userWithDeployments(newTenant());
        var found = user.post("/api/v3.1/searches/blueprints?_include=id", Map.of("filter_rules",
                List.of(rule("id", List.of("sh"), "starts_with", "attribute"))));
        assertThat(ids(found)).containsExactly("shop");
        assertThat(found.json().get("metadata")).asString().contains("filtered=1");
        assertThat(ids(user.post("/api/v3.1/searches/blueprints?_include=id&_sort=id", Map.of("filter_rules",
                List.of(rule("state", List.of("uploaded"), "any_of", "attribute")))))).containsExactly("blog", "shop");
        assertThat(user.put("/api/v3.1/filters/blueprints/mine", Map.of("filter_rules",
                List.of(rule("created_by", List.of("nobody"), "any_of", "attribute")))).status()).isEqualTo(200);
        assertThat(ids(user.post("/api/v3.1/searches/blueprints?_filter_id=mine", Map.of()))).isEmpty();
    }

    @Test
    void bad_rules_and_filters_answer_cloudifys_400s() {
        Api user = userWithDeployments(newTenant());
        for (Object rules : List.of(List.of(rule("env", List.of("x"), "starts_with", "label")),
                List.of(rule("env", List.of(), "any_of", "label")), List.of(rule("env", List.of("x"), "is_null", "label")),
                List.of(rule("colour", List.of("x"), "any_of", "attribute")),
                List.of(rule("id", List.of("x"), "is_null", "attribute")),
                List.of(rule("id", List.of("x"), "explode", "attribute")),
                List.of(rule("id", List.of("x"), "any_of", "sql")), List.of(Map.of("key", "id")),
                List.of(rule("id", List.of(7), "any_of", "attribute")), "env=prod")) {
            var response = user.post("/api/v3.1/searches/deployments", Map.of("filter_rules", rules));
            assertThat(response.status()).as(String.valueOf(rules)).isEqualTo(400);
            assertThat(response.errorCode()).as(String.valueOf(rules)).isEqualTo("invalid_filter_rule");
        }
        Map<String, Object> good = Map.of("filter_rules", List.of(rule("env", List.of("x"), "any_of", "label")));
        assertThat(user.put("/api/v3.1/filters/deployments/csys-mine", good).errorCode())
                .isEqualTo("bad_parameters_error");
        assertThat(user.put("/api/v3.1/filters/deployments/f", Map.of()).errorCode()).isEqualTo("bad_parameters_error");
        assertThat(user.put("/api/v3.1/filters/deployments/f", good).status()).isEqualTo(200);
        assertThat(user.put("/api/v3.1/filters/deployments/f", good).status()).isEqualTo(409);
        assertThat(user.put("/api/v3.1/filters/widgets/f", good).status()).isEqualTo(404);
        var empty = user.patch("/api/v3.1/filters/deployments/f", Map.of());
        assertThat(empty.errorCode()).isEqualTo("illegal_action_error");
        assertThat(user.patch("/api/v3.1/filters/deployments/f", Map.of("visibility", "private")).errorCode())
                .isEqualTo("illegal_action_error");
        assertThat(user.get("/api/v3.1/deployments?_filter_id=ghost").status()).isEqualTo(404);
        // The deployments' filter f is no blueprints' filter.
        assertThat(user.get("/api/v3.1/blueprints?_filter_id=f").errorCode()).isEqualTo("not_found_error");
    }

    @Test
    void filters_and_searches_stay_inside_the_tenant_and_viewers_only_read() {
        String tenant = newTenant();
        Api user = userWithDeployments(tenant);
        assertThat(user.put("/api/v3.1/filters/deployments/prod", Map.of("filter_rules",
                List.of(rule("env", List.of("prod"), "any_of", "label")))).status()).isEqualTo(200);
        Api stranger = newMember(newTenant(), "manager");
        assertThat(stranger.post("/api/v3.1/searches/deployments", Map.of("filter_rules",
                List.of(rule("env", List.of("prod"), "any_of", "label")))).items()).isEmpty();
        assertThat(stranger.get("/api/v3.1/filters/deployments/prod").status()).isEqualTo(404);
        assertThat(stranger.get("/api/v3.1/deployments?_filter_id=prod").status()).isEqualTo(404);
        assertThat(stranger.delete("/api/v3.1/filters/deployments/prod").status()).isEqualTo(404);

        Api viewer = newMember(tenant, "viewer");
        assertThat(ids(viewer.get("/api/v3.1/deployments?_filter_id=prod&_sort=id"))).containsExactly("blog-prod",
                "shop-prod");
        assertThat(viewer.put("/api/v3.1/filters/deployments/mine", Map.of("filter_rules", List.of())).status())
                .isEqualTo(403);
        assertThat(viewer.delete("/api/v3.1/filters/deployments/prod").status()).isEqualTo(403);
        assertThat(user.get("/api/v3.1/filters/deployments/prod").status()).isEqualTo(200);
    }

    @Test
    void a_tenant_keeps_its_saved_filters_until_they_are_deleted() {
        String tenant = newTenant();
        Api manager = admin.tenant(tenant);
        assertThat(manager.put("/api/v3.1/filters/blueprints/f", Map.of("filter_rules",
                List.of(rule("id", List.of("x"), "any_of", "attribute")))).status()).isEqualTo(200);
        var refused = admin.delete("/api/v3.1/tenants/" + tenant);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("dependent_exists_error");
        assertThat((String) refused.json().get("message")).contains("1 filter(s)");
        assertThat(manager.delete("/api/v3.1/filters/blueprints/f").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v3.1/tenants/" + tenant).status()).isIn(200, 204);
    }

    @Test
    void node_instances_are_searched_by_ids_as_the_client_sends_them() {
        Api user = userWithDeployments(newTenant());
        var instances = user.get("/api/v3.1/node-instances?deployment_id=shop-prod&_include=id").items();
        List<Object> wanted = instances.stream().limit(2).map(i -> i.get("id")).toList();
        var found = user.post("/api/v3.1/searches/node-instances", Map.of("filter_rules",
                List.of(rule("id", wanted, "any_of", "attribute"))));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.items()).extracting(i -> i.get("id")).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(found.items().get(0)).containsKeys("runtime_properties", "version", "state", "node_id");
        assertThat(user.post("/api/v3.1/searches/node-instances", Map.of("filter_rules",
                List.of(rule("env", List.of("x"), "any_of", "label")))).errorCode()).isEqualTo("invalid_filter_rule");
        Api stranger = newMember(newTenant(), "manager");
        assertThat(stranger.post("/api/v3.1/searches/node-instances", Map.of("filter_rules",
                List.of(rule("id", wanted, "any_of", "attribute")))).items()).isEmpty();
    }
}
