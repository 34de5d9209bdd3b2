package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code _search} and {@code _search_name} as Cloudify applies them: a case-insensitive substring of the id (of the
 * username for users, the name for tenants), {@code _search_name} on a deployment's display name OR-ed with
 * {@code _search}, wildcards literal, always within what the caller may see. A cleanup script that deletes what
 * {@code _search='ci-'} lists must not delete anything else.
 */
abstract class AbstractSearchApiTest extends ApiTestBase {

    @Test
    void blueprint_search_is_a_case_insensitive_substring_of_the_id() {
        Api user = newMember(newTenant(), "user");
        for (String id : List.of("ci-web", "CI-db", "prod-ci-x", "prod")) {
            upload(user, id);
        }
        assertThat(ids(user, "/api/v3.1/blueprints?_search=ci-")).containsExactlyInAnyOrder("ci-web", "CI-db",
                "prod-ci-x");
        assertThat(ids(user, "/api/v3.1/blueprints?_search=CI-D")).containsExactly("CI-db");
        assertThat(ids(user, "/api/v3.1/blueprints?_search=nothing")).isEmpty();
        assertThat(user.get("/api/v3.1/blueprints?_search=ci-").json().get("metadata"))
                .extracting(m -> ((Map<?, ?>) m).get("pagination")).extracting(p -> ((Map<?, ?>) p).get("total"))
                .isEqualTo(3);
        // An empty search, as Cloudify, filters nothing.
        assertThat(ids(user, "/api/v3.1/blueprints?_search=")).hasSize(4);
    }

    @Test
    void like_wildcards_in_a_search_are_literal() {
        Api user = newMember(newTenant(), "user");
        for (String id : List.of("a_b", "axb", "ayyb")) {
            upload(user, id);
        }
        assertThat(ids(user, "/api/v3.1/blueprints?_search=a_b")).containsExactly("a_b");
        assertThat(ids(user, "/api/v3.1/blueprints?_search=a%25b")).isEmpty();
        assertThat(ids(user, "/api/v3.1/blueprints?_search=%25")).isEmpty();
    }

    @Test
    void deployment_search_looks_at_the_id_and_search_name_at_the_display_name_either_matching() {
        Api user = newMember(newTenant(), "user");
        upload(user, "b");
        deploy(user, "ci-one", "Keep me");
        deploy(user, "prod", "ci-named");
        deploy(user, "other", "Other");
        assertThat(ids(user, "/api/v3.1/deployments?_search=CI-")).containsExactly("ci-one");
        assertThat(ids(user, "/api/v3.1/deployments?_search_name=ci-")).containsExactly("prod");
        assertThat(ids(user, "/api/v3.1/deployments?_search=ci-&_search_name=ci-"))
                .containsExactlyInAnyOrder("ci-one", "prod");
        assertThat(ids(user, "/api/v3.1/deployments?_search=zzz&_search_name=KEEP")).containsExactly("ci-one");
        // Search and exact filters are AND-ed.
        assertThat(ids(user, "/api/v3.1/deployments?_search=o&blueprint_id=b&_sort=id"))
                .containsExactly("ci-one", "other", "prod");
        assertThat(ids(user, "/api/v3.1/deployments?_search=o&id=prod")).containsExactly("prod");
    }

    @Test
    void a_search_never_reaches_another_tenants_records() {
        Api mine = newMember(newTenant(), "user");
        Api theirs = newMember(newTenant(), "user");
        upload(mine, "ci-mine");
        upload(theirs, "ci-theirs");
        deploy(theirs, "ci-theirs-dep", "ci-theirs-dep", "ci-theirs");
        assertThat(ids(mine, "/api/v3.1/blueprints?_search=ci-")).containsExactly("ci-mine");
        assertThat(ids(mine, "/api/v3.1/deployments?_search=ci-&_search_name=ci-")).isEmpty();
        assertThat(ids(mine, "/api/v3.1/nodes?_search=n")).isEmpty();
        assertThat(ids(theirs, "/api/v3.1/nodes?_search=N")).containsExactly("n");
    }

    @Test
    void users_are_searched_by_username_and_tenants_by_name() {
        String tenant = newTenant();
        Api member = newMember(tenant, "viewer");
        List<Map<String, Object>> users = admin.get("/api/v3.1/users?_search=ADM").items();
        assertThat(users).extracting(u -> u.get("username")).containsExactly("admin");
        assertThat(admin.get("/api/v3.1/tenants?_search=" + tenant.substring(2).toUpperCase(java.util.Locale.ROOT))
                .items()).extracting(t -> t.get("name")).containsExactly(tenant);
        assertThat(admin.get("/api/v3.1/tenants?_search=no-such").items()).isEmpty();
        assertThat(member).isNotNull();
    }

    @Test
    void filters_cloudify_applies_but_steward_lacks_answer_400_rather_than_every_row() {
        Api user = newMember(newTenant(), "user");
        upload(user, "b");
        for (String parameter : List.of("_group_id=g", "_dependencies_of=d")) {
            var response = user.get("/api/v3.1/deployments?" + parameter);
            assertThat(response.status()).as(parameter).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("bad_parameters_error");
        }
        // Lists apply saved filters (AbstractFiltersApiTest): an unknown one is a 404, never every row.
        assertThat(user.get("/api/v3.1/deployments?_filter_id=f").errorCode()).isEqualTo("not_found_error");
        assertThat(user.get("/api/v3.1/blueprints?_filter_id=f").errorCode()).isEqualTo("not_found_error");
    }

    private static void upload(Api user, String id) {
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/" + java.net.URLEncoder.encode(id,
                StandardCharsets.UTF_8), "application/yaml", """
                tosca_definitions_version: cloudify_dsl_1_4
                imports: [cloudify/types/types.yaml]
                node_templates:
                  n:
                    type: cloudify.nodes.Root
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    }

    private static void deploy(Api user, String id, String displayName) {
        deploy(user, id, displayName, "b");
    }

    private static void deploy(Api user, String id, String displayName, String blueprint) {
        var created = user.put("/api/v3.1/deployments/" + id, Map.of("blueprint_id", blueprint,
                "display_name", displayName));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static List<Object> ids(Api user, String path) {
        var response = user.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.items().stream().map(i -> i.get("id")).toList();
    }
}
