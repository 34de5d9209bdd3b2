package io.steward.api.ogc;

import io.steward.api.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad request to the OGC API is a 4xx in the RFC 7807 shape with its OGC exception type, never a 5xx. */
abstract class AbstractOgcErrorsApiTest extends OgcTestBase {
    private static final String INVALID = EXC + "invalid-parameter-value";
    private static final String QUERY = EXC + "invalid-query-parameter-value";
    private static final String P2 = "http://www.opengis.net/def/exceptions/ogcapi-processes-2/1.0/";
    private Api api;

    @BeforeAll
    void client() {
        api = newUserClient();
    }

    record Case(String name, String method, String path, String contentType, String body, int status, String type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String exec = "/ogcapi/processes/echo/execution";
        String json = "application/json";
        return Stream.of(
                new Case("unknown process", "GET", "/ogcapi/processes/nope", null, null, 404, EXC + "no-such-process"),
                new Case("execute unknown process", "POST", "/ogcapi/processes/nope/execution", json,
                        "{\"inputs\":{}}", 404, EXC + "no-such-process"),
                new Case("unknown job", "GET", "/ogcapi/jobs/nope", null, null, 404, EXC + "no-such-job"),
                new Case("results of unknown job", "GET", "/ogcapi/jobs/nope/results", null, null, 404,
                        EXC + "no-such-job"),
                new Case("dismiss unknown job", "DELETE", "/ogcapi/jobs/nope", null, null, 404, EXC + "no-such-job"),
                new Case("malformed JSON", "POST", exec, json, "{\"inputs\": ", 400, INVALID),
                new Case("empty body", "POST", exec, json, "", 400, INVALID),
                new Case("body not an object", "POST", exec, json, "[1]", 400, INVALID),
                new Case("inputs not an object", "POST", exec, json, "{\"inputs\": 3}", 400, INVALID),
                new Case("unknown member", "POST", exec, json, "{\"inputz\": {}}", 400, INVALID),
                new Case("missing required input", "POST", exec, json, "{\"inputs\": {}}", 400, INVALID),
                new Case("unknown input", "POST", exec, json, "{\"inputs\": {\"a\":\"x\",\"zz\":1}}", 400, INVALID),
                new Case("wrong input type", "POST", exec, json, "{\"inputs\": {\"a\": 5}}", 400, INVALID),
                new Case("wrong array item type", "POST", exec, json, "{\"inputs\": {\"a\":\"x\",\"b\":[\"s\"]}}",
                        400, INVALID),
                new Case("pause out of range", "POST", exec, json, "{\"inputs\": {\"a\":\"x\",\"pause\":-1}}", 400,
                        INVALID),
                new Case("reference input", "POST", exec, json,
                        "{\"inputs\": {\"a\": {\"href\": \"http://example.com/a\"}}}", 400, INVALID),
                new Case("unknown output", "POST", exec, json, "{\"inputs\": {\"a\":\"x\"},\"outputs\":{\"q\":{}}}",
                        400, INVALID),
                new Case("bad transmission mode", "POST", exec, json,
                        "{\"inputs\": {\"a\":\"x\"},\"outputs\":{\"a\":{\"transmissionMode\":\"smoke\"}}}", 400, INVALID),
                new Case("bad response", "POST", exec, json, "{\"inputs\": {\"a\":\"x\"},\"response\":\"xml\"}", 400,
                        INVALID),
                new Case("bad subscriber uri", "POST", exec, json,
                        "{\"inputs\": {\"a\":\"x\"},\"subscriber\":{\"successUri\":\"ftp://x\"}}", 400, INVALID),
                new Case("wrong media type", "POST", exec, "text/plain", "a", 415, P2 + "unsupported-media-type"),
                new Case("limit zero", "GET", "/ogcapi/processes?limit=0", null, null, 400, QUERY),
                new Case("limit too big", "GET", "/ogcapi/jobs?limit=10001", null, null, 400, QUERY),
                new Case("limit not a number", "GET", "/ogcapi/jobs?limit=ten", null, null, 400, QUERY),
                new Case("negative offset", "GET", "/ogcapi/jobs?offset=-1", null, null, 400, QUERY),
                new Case("bad status", "GET", "/ogcapi/jobs?status=sleeping", null, null, 400, QUERY),
                new Case("bad type", "GET", "/ogcapi/jobs?type=workflow", null, null, 400, QUERY),
                new Case("bad datetime", "GET", "/ogcapi/jobs?datetime=yesterday", null, null, 400, QUERY),
                new Case("reversed interval", "GET",
                        "/ogcapi/jobs?datetime=2026-01-02T00:00:00Z/2026-01-01T00:00:00Z", null, null, 400, QUERY),
                new Case("bad minDuration", "GET", "/ogcapi/jobs?minDuration=abc", null, null, 400, QUERY),
                new Case("negative maxDuration", "GET", "/ogcapi/jobs?maxDuration=-5", null, null, 400, QUERY),
                new Case("unknown route", "GET", "/ogcapi/nothing-here", null, null, 404, EXC + "not-found"),
                new Case("wrong method", "PATCH", "/ogcapi/jobs", json, "{}", 405, EXC + "method-not-allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bad_request_is_answered_with_its_ogc_exception(Case c) {
        Api.Response r = api.send(c.method(), c.path(), c.contentType(),
                c.body() == null ? null : c.body().getBytes(StandardCharsets.UTF_8));
        assertException(r, c.status(), c.type());
        assertThat(r.json()).containsEntry("instance", c.path().replaceAll("\\?.*", ""));
    }
}
