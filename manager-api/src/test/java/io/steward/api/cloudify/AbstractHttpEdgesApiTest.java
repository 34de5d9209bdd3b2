package io.steward.api.cloudify;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only a raw HTTP client sends, through the real server: an unknown charset, invalid UTF-8, a declared body over
 * the size limit (with and without {@code Expect: 100-continue}), a malformed request target, an unsupported method.
 * Each is a 4xx in the format of the API it was sent to: RFC 7807 with an OGC exception type on /ogcapi, Cloudify's
 * {@code error_code} on /api.
 */
abstract class AbstractHttpEdgesApiTest extends ApiTestBase {
    private static final String OGC1 = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";
    private static final String OGC2 = "http://www.opengis.net/def/exceptions/ogcapi-processes-2/1.0/";
    private static final long MAX_REQUEST_SIZE = 1024 * 1024;
    private static final String EXECUTE = "/ogcapi/processes/echo/execution";

    private RawHttp http;

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("micronaut.server.max-request-size", MAX_REQUEST_SIZE,
                "micronaut.server.multipart.max-file-size", MAX_REQUEST_SIZE);
    }

    @BeforeAll
    void rawClient() {
        String tenant = newTenant();
        newMember(tenant, "user");
        http = new RawHttp(server.context().getBean(EmbeddedServer.class).getURI(), "admin",
                io.steward.api.support.StewardServer.ADMIN_PASSWORD, tenant);
    }

    private RawHttp.Response send(String method, String target, String contentType, byte[] body) {
        return http.exchange(method, target, Map.of("Content-Type", contentType,
                "Content-Length", String.valueOf(body.length)), body);
    }

    private RawHttp.Response declaredOverLimit(String method, String target, boolean expectContinue) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Content-Length", String.valueOf(MAX_REQUEST_SIZE + 1));
        if (expectContinue) {
            headers.put("Expect", "100-continue");
        }
        return http.exchange(method, target, headers, new byte[0]);
    }

    private Map<String, Object> json(RawHttp.Response response) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = server.context().getBean(JsonMapper.class)
                    .readValue(response.body(), Map.class);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }

    private void assertProblem(RawHttp.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        assertThat(json(response)).containsEntry("type", type).containsEntry("status", status)
                .containsKeys("title", "detail");
    }

    private void assertCloudify(RawHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        assertThat(json(response)).containsEntry("error_code", code).containsKey("message")
                .containsEntry("server_traceback", null);
    }

    @Test
    void an_unknown_charset_on_ogc_is_415_unsupported_media_type() {
        var response = send("POST", EXECUTE, "application/json; charset=x-no-such-charset",
                "{\"inputs\": {\"a\": \"x\"}}".getBytes(StandardCharsets.UTF_8));
        assertProblem(response, 415, OGC2 + "unsupported-media-type");
    }

    @Test
    void an_unknown_charset_on_the_manager_api_is_415_in_cloudifys_format() {
        var response = send("PUT", "/api/v3.1/deployments/d", "application/json; charset=x-no-such-charset",
                "{\"blueprint_id\": \"b\"}".getBytes(StandardCharsets.UTF_8));
        assertCloudify(response, 415, "unsupported_content_type_error");
    }

    @Test
    void invalid_utf8_in_a_yaml_blueprint_is_400_in_cloudifys_format() {
        byte[] yaml = ("tosca_definitions_version: cloudify_dsl_1_4\ndescription: caf\u00e9 \n"
                + "node_templates: {}\n").getBytes(StandardCharsets.ISO_8859_1);
        var response = send("PUT", "/api/v3.1/blueprints/latin1", "application/yaml", yaml);
        assertCloudify(response, 400, "invalid_blueprint_error");
        assertThat((String) json(response).get("message")).contains("UTF-8");
        assertThat(send("GET", "/api/v3.1/blueprints/latin1", "application/json", new byte[0]).status())
                .isEqualTo(404);
    }

    @Test
    void a_declared_body_over_the_limit_with_expect_continue_gets_413_without_100_continue() {
        assertProblem(declaredOverLimit("POST", EXECUTE, true), 413, OGC1 + "payload-too-large");
        assertCloudify(declaredOverLimit("PUT", "/api/v3.1/deployments/d", true), 413, "payload_too_large_error");
    }

    @Test
    void a_declared_body_over_the_limit_is_413_in_the_format_of_its_api() {
        assertProblem(declaredOverLimit("POST", EXECUTE, false), 413, OGC1 + "payload-too-large");
        assertCloudify(declaredOverLimit("PUT", "/api/v3.1/deployments/d", false), 413, "payload_too_large_error");
    }

    @Test
    void a_body_over_the_limit_sent_whole_without_expect_continue_still_gets_its_413() {
        // Far more than the socket buffers hold: refused and closed at once, the client's writes would be reset.
        byte[] body = new byte[16 * 1024 * 1024];
        assertCloudify(send("PUT", "/api/v3.1/deployments/d", "application/json", body), 413,
                "payload_too_large_error");
        assertProblem(send("POST", EXECUTE, "application/json", body), 413, OGC1 + "payload-too-large");
    }

    @Test
    void a_request_line_over_the_limit_is_414_in_the_format_of_its_api() {
        String longId = "u".repeat(10_000);
        assertProblem(send("GET", "/ogcapi/jobs/" + longId, "application/json", new byte[0]), 414,
                OGC1 + "invalid-parameter-value");
        assertCloudify(send("GET", "/api/v3.1/executions/" + longId, "application/json", new byte[0]), 414,
                "uri_too_long_error");
    }

    @Test
    void a_request_line_with_a_raw_space_is_400_in_the_format_of_its_api() {
        assertProblem(send("GET", "/ogcapi/jobs/a b", "application/json", new byte[0]), 400,
                OGC1 + "invalid-parameter-value");
        assertCloudify(send("GET", "/api/v3.1/executions/a b", "application/json", new byte[0]), 400,
                "bad_parameters_error");
    }

    @Test
    void a_malformed_uri_is_400_in_the_format_of_its_api() {
        assertProblem(send("GET", "/ogcapi/jobs/%zz", "application/json", new byte[0]), 400,
                OGC1 + "invalid-parameter-value");
        assertCloudify(send("GET", "/api/v3.1/blueprints/%zz", "application/json", new byte[0]), 400,
                "bad_parameters_error");
    }

    @Test
    void a_host_that_makes_the_job_links_longer_than_their_column_is_400_on_ogc() {
        byte[] body = "{\"inputs\": {\"a\": \"x\"}}".getBytes(StandardCharsets.UTF_8);
        // Links are "http://" + Host + "/ogcapi": 14 characters around the host, 2048 at most.
        for (int hostLength : new int[] {2034, 2035}) {
            var response = http.exchange("POST", EXECUTE, Map.of("Host", "h".repeat(hostLength),
                    "Content-Type", "application/json", "Content-Length", String.valueOf(body.length)), body);
            if (hostLength == 2034) {
                assertThat(response.status()).as(response.body()).isEqualTo(200);
            } else {
                assertProblem(response, 400, OGC1 + "invalid-parameter-value");
                assertThat((String) json(response).get("detail")).contains("at most 2048");
            }
        }
    }

    @Test
    void a_wrong_method_is_405_in_the_format_of_its_api() {
        assertProblem(send("DELETE", "/ogcapi/processes", "application/json", new byte[0]), 405,
                OGC1 + "method-not-allowed");
        assertProblem(send("PUT", "/ogcapi/conformance", "application/json", new byte[0]), 405,
                OGC1 + "method-not-allowed");
        assertProblem(send("BREW", "/ogcapi/jobs", "application/json", new byte[0]), 405,
                OGC1 + "method-not-allowed");
        assertCloudify(send("PATCH", "/api/v3.1/blueprints", "application/json", new byte[0]), 405,
                "method_not_allowed_error");
        assertCloudify(send("BREW", "/api/v3.1/blueprints", "application/json", new byte[0]), 405,
                "method_not_allowed_error");
    }
}
