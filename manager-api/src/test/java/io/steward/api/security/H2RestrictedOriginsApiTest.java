package io.steward.api.security;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.steward.api.security.H2CrossOriginApiTest.EXPOSED;
import static io.steward.api.security.H2CrossOriginApiTest.header;
import static io.steward.api.security.H2CrossOriginApiTest.preflight;
import static org.assertj.core.api.Assertions.assertThat;

/** CORS restricted to listed origins: those get their own origin back; any other is refused in the API's shape. */
class H2RestrictedOriginsApiTest extends ApiTestBase {
    private static final String ALLOWED = "https://app.example";
    private static final String OTHER = "https://evil.example";

    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.cors.allowed-origins", "https://portal.example, " + ALLOWED);
    }

    @Test
    void a_listed_origin_gets_itself_back_and_vary_origin() {
        var pre = preflight(server.api(), "/ogcapi/processes/echo/execution", ALLOWED);
        assertThat(pre.status()).isEqualTo(204);
        assertThat(header(pre, "access-control-allow-origin")).isEqualTo(ALLOWED);
        assertThat(header(pre, "vary")).contains("Origin");
        Api member = newMember(newTenant(), "user").with("Origin", ALLOWED);
        var list = member.get("/ogcapi/processes");
        assertThat(list.status()).isEqualTo(200);
        assertThat(header(list, "access-control-allow-origin")).isEqualTo(ALLOWED);
        assertThat(header(list, "access-control-expose-headers")).isEqualTo(EXPOSED);
    }

    @Test
    void another_origin_is_refused_preflight_or_not() {
        var pre = preflight(server.api(), "/ogcapi/processes/echo/execution", OTHER);
        assertThat(pre.status()).isEqualTo(403);
        assertThat(header(pre, "access-control-allow-origin")).isNull();
        assertThat(pre.json()).isEqualTo(Map.of(
                "type", "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/forbidden",
                "title", "Forbidden", "status", 403,
                "detail", "Cross-origin requests from " + OTHER + " are not allowed",
                "instance", "/ogcapi/processes/echo/execution"));

        var actual = newMember(newTenant(), "user").with("Origin", OTHER).get("/ogcapi/processes");
        assertThat(actual.status()).isEqualTo(403);
        assertThat(header(actual, "access-control-allow-origin")).isNull();

        var apex = preflight(server.api().with("X-Correlation-ID", "c-9"), "/apex/unit_jobs", OTHER);
        assertThat(apex.status()).isEqualTo(403);
        assertThat(apex.json()).isEqualTo(Map.of("status", "error", "error_code", "FORBIDDEN",
                "message", "Cross-origin requests from " + OTHER + " are not allowed", "request_id", "c-9"));
    }
}
