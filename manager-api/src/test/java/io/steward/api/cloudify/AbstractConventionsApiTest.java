package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Api;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every endpoint shares: both prefixes, list conventions, and Cloudify's error body for all bad input. */
abstract class AbstractConventionsApiTest extends ApiTestBase {

    @Test
    void both_api_prefixes_serve_the_same_resources() {
        assertThat(admin.get("/api/v3/tenants").json()).isEqualTo(admin.get("/api/v3.1/tenants").json());
    }

    @Test
    void unknown_routes_answer_json_404() {
        var response = admin.get("/api/v3.1/no-such-thing");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found_error");
        assertThat(response.json()).containsEntry("server_traceback", null).containsKey("message");
    }

    @Test
    void wrong_methods_answer_json_405() {
        var response = admin.delete("/api/v3.1/config");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.errorCode()).isEqualTo("method_not_allowed_error");
    }

    @Test
    void broken_json_answers_400_bad_parameters() {
        var response = admin.send("PUT", "/api/v3.1/users", "application/json",
                "{\"username\": ".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("bad_parameters_error");
        assertThat(response.body()).doesNotContain("at [Source").doesNotContain("Exception");
    }

    @Test
    void a_json_array_where_an_object_belongs_answers_400() {
        var response = admin.put("/api/v3.1/users", "[1, 2]");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("bad_parameters_error");
    }

    @Test
    void wrong_field_types_answer_400_naming_the_field() {
        var response = admin.put("/api/v3.1/users", Map.of("username", 42, "password", "x"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").toString()).contains("username");
    }

    @Test
    void bodies_over_the_limit_answer_413_in_cloudifys_format() {
        byte[] huge = new byte[65 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        var response = admin.send("PUT", "/api/v3.1/blueprints/huge", "application/yaml", huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.errorCode()).isEqualTo("payload_too_large_error");
    }

    @Test
    void unknown_include_fields_answer_400_no_such_include_field() {
        var response = admin.get("/api/v3.1/tenants?_include=name,bogus");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("no_such_include_field_error");
        assertThat(response.json().get("message").toString()).contains("bogus");
    }

    @Test
    void include_projects_lists_and_single_resources() {
        String tenant = newTenant();
        assertThat(admin.get("/api/v3.1/tenants?_include=name").items())
                .allSatisfy(item -> assertThat(item).containsOnlyKeys("name"));
        assertThat(admin.get("/api/v3.1/tenants/" + tenant + "?_include=name,users").json())
                .containsOnlyKeys("name", "users");
    }

    @Test
    void bad_sort_size_and_offset_values_answer_400_bad_parameters() {
        for (String query : List.of("_sort=na;me", "_sort=bogus", "_size=-1", "_size=x", "_offset=-5", "name=x&bogus=1")) {
            var response = admin.get("/api/v3.1/tenants?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.errorCode()).as(query).isEqualTo("bad_parameters_error");
        }
    }

    @Test
    void lists_page_and_sort_and_report_pagination_metadata() {
        for (int i = 0; i < 3; i++) {
            newTenant();
        }
        var all = admin.get("/api/v3.1/tenants?_sort=-name&_include=name").items();
        var page = admin.get("/api/v3.1/tenants?_sort=-name&_include=name&_size=2&_offset=1").json();
        @SuppressWarnings("unchecked")
        var pagination = (Map<String, Object>) ((Map<String, Object>) page.get("metadata")).get("pagination");
        assertThat(pagination).containsEntry("size", 2).containsEntry("offset", 1).containsEntry("total", all.size());
        assertThat(page.get("items")).isEqualTo(all.subList(1, 3));
        assertThat(all.stream().map(i -> (String) i.get("name")).toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void get_all_results_ignores_the_page_size() {
        newTenant();
        newTenant();
        var response = admin.get("/api/v3.1/tenants?_size=1&_get_all_results=True").json();
        assertThat((List<?>) response.get("items")).hasSizeGreaterThan(1);
    }

    @Test
    void query_booleans_accept_any_case_and_refuse_other_values() {
        assertThat(admin.get("/api/v3.1/tenants?_get_all_results=TRUE").status()).isEqualTo(200);
        var response = admin.get("/api/v3.1/tenants?_get_all_results=yes");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("bad_parameters_error");
    }

    @Test
    void filters_match_exactly_and_repeated_keys_are_ored() {
        String a = newTenant();
        String b = newTenant();
        newTenant();
        var items = admin.get("/api/v3.1/tenants?name=" + a + "&name=" + b).items();
        assertThat(items).extracting(i -> i.get("name")).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void config_answers_for_the_rest_scope_with_cloudifys_list_of_items() {
        var response = admin.get("/api/v3.1/config?scope=rest");
        assertThat(response.status()).isEqualTo(200);
        // Cloudify's shape: {"metadata": {}, "items": [config item…]}, never a flat name → value object, which
        // broke the client's upload (AbstractManagerApiTest has the details).
        assertThat(response.json()).containsEntry("metadata", Map.of());
        assertThat(response.items()).extracting(i -> i.get("name")).contains("default_page_size");
        assertThat(response.json().get("default_page_size")).isNull();
    }

    @Test
    void a_request_without_credentials_never_reaches_a_resource() {
        Api anonymous = server.api();
        assertThat(anonymous.get("/api/v3.1/no-such-thing").status()).isEqualTo(401);
    }
}
