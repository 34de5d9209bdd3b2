package io.steward.api.security;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS with the default setting (any origin, without credentials) on the OGC and APEx paths: preflights answered
 * without authentication, actual responses (errors included) readable by the page, the headers a client needs
 * exposed; the Cloudify API keeps Micronaut's refusal of a foreign origin on localhost.
 */
class H2CrossOriginApiTest extends ApiTestBase {
    static final String ORIGIN = "https://app.example";
    static final String METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Accept-Language, Prefer, Tenant,"
            + " Authentication-Token, X-Correlation-ID";
    static final String EXPOSED = "Location, Preference-Applied, Link, X-Correlation-ID";

    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }

    static Api.Response preflight(Api api, String path, String origin) {
        return api.with("Origin", origin).with("Access-Control-Request-Method", "POST")
                .with("Access-Control-Request-Headers", "authorization, content-type, prefer")
                .send("OPTIONS", path, null, null);
    }

    static String header(Api.Response response, String name) {
        List<String> values = response.headers().get(name);
        return values == null ? null : String.join(",", values);
    }

    @Test
    void a_preflight_is_answered_without_credentials_on_both_apis() {
        for (String path : List.of("/ogcapi/processes/echo/execution", "/apex/unit_jobs")) {
            var response = preflight(server.api(), path, ORIGIN);
            assertThat(response.status()).as(path + " " + response.body()).isEqualTo(204);
            assertThat(header(response, "access-control-allow-origin")).isEqualTo("*");
            assertThat(header(response, "access-control-allow-methods")).isEqualTo(METHODS);
            assertThat(header(response, "access-control-allow-headers")).isEqualTo(ALLOWED_HEADERS);
            assertThat(header(response, "access-control-max-age")).isEqualTo("3600");
            assertThat(header(response, "access-control-allow-credentials")).isNull();
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void actual_responses_carry_the_origin_and_expose_location_and_preference_applied() {
        Api member = newMember(newTenant(), "user").with("Origin", ORIGIN);
        var list = member.get("/ogcapi/processes");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(header(list, "access-control-allow-origin")).isEqualTo("*");
        assertThat(header(list, "access-control-expose-headers")).isEqualTo(EXPOSED);

        var created = member.with("Prefer", "respond-async").post("/ogcapi/processes/echo/execution",
                Map.of("inputs", Map.of("a", "x")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(header(created, "location")).isNotNull();
        assertThat(header(created, "access-control-allow-origin")).isEqualTo("*");
        assertThat(header(created, "access-control-expose-headers")).isEqualTo(EXPOSED);
    }

    @Test
    void refusals_are_readable_cross_origin_too() {
        var ogc = server.api().with("Origin", ORIGIN).get("/ogcapi/jobs");
        assertThat(ogc.status()).isEqualTo(401);
        assertThat(header(ogc, "access-control-allow-origin")).isEqualTo("*");
        var apex = server.api().with("Origin", ORIGIN).get("/apex/unit_jobs");
        assertThat(apex.status()).isEqualTo(401);
        assertThat(apex.body()).isEqualTo("{\"detail\":\"Not authenticated\"}");
        assertThat(header(apex, "access-control-allow-origin")).isEqualTo("*");
        var unknown = server.api().with("Origin", ORIGIN).basic("admin", "admin-test-password")
                .get("/ogcapi/no-such-resource");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(header(unknown, "access-control-allow-origin")).isEqualTo("*");
    }

    @Test
    void the_cloudify_api_is_not_opened_to_other_origins() {
        var response = admin.with("Origin", ORIGIN).get("/api/v3.1/user");
        assertThat(response.status()).isEqualTo(403);
        assertThat(header(response, "access-control-allow-origin")).isNull();
        assertThat(preflight(server.api(), "/api/v3.1/blueprints", ORIGIN).status()).isEqualTo(403);
        assertThat(admin.get("/api/v3.1/user").status()).as("same origin, as before").isEqualTo(200);
    }
}
