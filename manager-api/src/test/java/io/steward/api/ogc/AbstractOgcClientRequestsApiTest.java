package io.steward.api.ogc;

import io.steward.api.support.Api;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests real OGC clients send, as they send them: the OGC test suite for Part 1 (ets-ogcapi-processes10,
 * with {@code echo} as its echo process) and OWSLib; and what they check in the answers.
 */
abstract class AbstractOgcClientRequestsApiTest extends OgcTestBase {
    private static final String EXEC = "/ogcapi/processes/echo/execution";
    private static final String INVALID = EXC + "invalid-parameter-value";

    /** The suite's execute body: a string input gets "teststring", an object input {"value": "teststring"}. */
    private static Map<String, Object> suiteBody() {
        Map<String, Object> outputs = new LinkedHashMap<>();
        List.of("a", "b", "c", "d", "e", "f").forEach(id -> outputs.put(id, Map.of("transmissionMode", "value")));
        return Map.of("inputs", Map.of("a", "teststring", "d", Map.of("value", "teststring"), "e", "teststring"),
                "outputs", outputs);
    }

    private static Api.Response sendJson(Api api, String path, String json) {
        return api.send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_suites_execute_with_a_value_object_for_the_object_input_succeeds_with_a_monitor_link() {
        Api api = newUserClient();
        Api.Response r = api.post(EXEC, suiteBody());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("link").get(0)).matches("<http://[^>]+/ogcapi/jobs/[^>]+>; rel=\"monitor\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_value_object_is_echoed_whole_and_in_a_document_an_object_output_is_a_qualified_value() {
        Api api = newUserClient();
        Api.Response r = sendJson(api, EXEC, "{\"inputs\": {\"a\": \"teststring\", \"d\": {\"value\": \"teststring\"},"
                + " \"b\": [1, 2, 3]}, \"outputs\": {\"a\": {}, \"b\": {}, \"d\": {}}, \"response\": \"document\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).containsEntry("a", "teststring").containsEntry("b", List.of(1, 2, 3))
                .containsEntry("d", Map.of("value", Map.of("value", "teststring"), "mediaType", "application/json"));
    }

    @Test
    void the_suites_bounding_box_is_taken_and_echoed() {
        Api api = newUserClient();
        Api.Response r = sendJson(api, EXEC, "{\"inputs\": {\"a\": \"teststring\", \"c\": {\"bbox\": [51.9, 7, 52, 7.1],"
                + " \"crs\": \"http://www.opengis.net/def/crs/OGC/1.3/CRS84\"}}, \"outputs\": {\"c\":"
                + " {\"transmissionMode\": \"value\"}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).containsEntry("bbox", List.of(51.9, 7, 52, 7.1));
    }

    @Test
    void a_bounding_box_of_two_numbers_is_refused_as_an_invalid_parameter_value() {
        Api api = newUserClient();
        Api.Response r = sendJson(api, EXEC, "{\"inputs\": {\"a\": \"x\", \"c\": {\"bbox\": [1, 2]}}}");
        assertException(r, 400, INVALID);
        assertThat((String) r.json().get("detail")).contains("Input 'c'").contains("/bbox");
    }

    @Test
    void the_nested_format_form_of_a_qualified_value_is_unwrapped() {
        Api api = newUserClient();
        Api.Response r = sendJson(api, EXEC, "{\"inputs\": {\"a\": {\"value\": \"nested\", \"format\":"
                + " {\"mediaType\": \"text/plain\"}}}, \"outputs\": {\"a\": {}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("nested");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_echo_bounding_box_is_described_as_the_specs_example_with_allOf_and_ogc_bbox_first() {
        Api api = newUserClient();
        Map<String, Object> inputs = (Map<String, Object>) api.get("/ogcapi/processes/echo").json().get("inputs");
        Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) inputs.get("c")).get("schema");
        List<Map<String, Object>> allOf = (List<Map<String, Object>>) schema.get("allOf");
        assertThat(allOf.get(0)).isEqualTo(Map.of("format", "ogc-bbox"));
        assertThat(allOf.get(1)).containsEntry("type", "object").containsEntry("required", List.of("bbox"));
        assertThat(schema).doesNotContainKey("type");
    }

    @Test
    void owslib_document_execute_answers_the_results_document() {
        // OWSLib's Processes.execute(..., response='document'): Prefer: respond-sync, no outputs member.
        Api api = newUserClient().with("Prefer", "respond-sync");
        Api.Response r = sendJson(api, EXEC, "{\"inputs\": {\"a\": \"hello\", \"d\": {\"value\": \"teststring\"}},"
                + " \"response\": \"document\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).containsEntry("a", "hello")
                .containsEntry("d", Map.of("value", Map.of("value", "teststring"), "mediaType", "application/json"));
    }

    @Test
    void owslib_async_execute_answers_201_with_the_status_and_raw_execute_answers_json_it_can_decode() {
        Api api = newUserClient();
        Api.Response async = api.with("Prefer", "respond-async").post(EXEC,
                Map.of("inputs", Map.of("a", "hello"), "response", "document"));
        assertThat(async.status()).as(async.body()).isEqualTo(201);
        assertThat(async.json()).containsEntry("processID", "echo").containsKeys("jobID", "status", "links");
        Api.Response raw = api.with("Prefer", "respond-sync").post(EXEC, Map.of("inputs", Map.of("a", "h",
                "b", List.of(1, 2)), "outputs", Map.of("b", Map.of()), "response", "raw"));
        assertThat(raw.status()).as(raw.body()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo("[1,2]");
    }

    @Test
    void the_201_body_and_later_reads_show_the_same_timestamps() {
        Api api = newUserClient();
        Api.Response created = api.with("Prefer", "respond-async").post(EXEC, Map.of("inputs", Map.of("a", "t")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String job = (String) created.json().get("jobID");
        Map<String, Object> later = api.get("/ogcapi/jobs/" + job).json();
        assertThat(later.get("created")).isEqualTo(created.json().get("created"));
        awaitStatus(api, job, "successful");
        assertThat(api.get("/ogcapi/jobs/" + job).json().get("created")).isEqualTo(created.json().get("created"));
    }

    @Test
    void a_failing_synchronous_execution_answers_its_exception_with_a_link_to_the_job_whose_progress_is_100() {
        Api api = newUserClient();
        String id = unique("fails");
        Map<String, Object> pkg = Map.of("processDescription", Map.of("process", Map.of("id", id, "version", "1.0.0",
                        "jobControlOptions", List.of("sync-execute", "async-execute"),
                        "inputs", Map.of(), "outputs", Map.of("out", Map.of("schema", Map.of("type", "string"))))),
                "executionUnit", Map.of("type", "command", "command", List.of("sh", "-c", "exit 3"),
                        "outputs", Map.of("stdout", "json")));
        Api.Response deployed = deploy(api, pkg);
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        Api.Response r = api.post("/ogcapi/processes/" + id + "/execution", Map.of("inputs", Map.of()));
        assertException(r, 500, EXC + "result-not-available");
        String link = r.headers().get("link").get(0);
        assertThat(link).endsWith(">; rel=\"monitor\"");
        String job = link.substring(link.indexOf("/ogcapi/jobs/"), link.indexOf('>'));
        Map<String, Object> status = api.get(job).json();
        assertThat(status).containsEntry("status", "failed").containsEntry("progress", 100);
    }

    private Api.Response deploy(Api api, Map<String, Object> pkg) {
        try {
            return api.send("POST", "/ogcapi/processes", "application/ogcapppkg+json",
                    server.context().getBean(io.micronaut.json.JsonMapper.class).writeValueAsBytes(pkg));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_openapi_document_has_distinct_operation_ids_response_schemas_and_no_paging_on_deploy() {
        Api api = newUserClient();
        Map<String, Object> doc = api.get("/ogcapi/api").json();
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>)
                doc.get("paths");
        List<Object> ids = paths.values().stream().flatMap(item -> item.values().stream())
                .map(op -> op.get("operationId")).toList();
        assertThat(ids).doesNotHaveDuplicates().doesNotContainNull();
        Map<String, Object> ok = (Map<String, Object>) ((Map<String, Object>) paths.get("/processes").get("get")
                .get("responses")).get("200");
        assertThat(ok.toString()).contains("#/components/schemas/processList");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components"))
                .get("schemas");
        assertThat(schemas).containsKeys("processList", "process", "statusInfo", "jobList", "results", "exception",
                "landingPage", "confClasses");
        List<Map<String, Object>> deployParameters = (List<Map<String, Object>>) paths.get("/processes").get("post")
                .get("parameters");
        assertThat(deployParameters).extracting(p -> p.get("name")).doesNotContain("limit", "offset");
        assertThat((List<Object>) doc.get("security")).doesNotContain(Map.of());
    }

    @Test
    void the_doubled_path_apex_builds_describes_and_executes_the_process() {
        Api api = newUserClient();
        assertThat(api.get("/ogcapi/processes//processes/echo").json()).containsEntry("id", "echo");
        Api.Response r = api.post("/ogcapi/processes//processes/echo/execution", Map.of("inputs", Map.of("a", "apex")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("apex");
        assertException(api.get("/ogcapi/processes//processes/nope"), 404, EXC + "no-such-process");
    }

    @Test
    @SuppressWarnings("unchecked")
    void results_asked_for_as_application_json_are_the_document_keyed_by_output_id_when_raw_would_not_be_json() {
        Api api = newUserClient();
        String text = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "plain")));
        awaitStatus(api, text, "successful");
        Api.Response raw = api.get("/ogcapi/jobs/" + text + "/results");
        assertThat(raw.body()).isEqualTo("plain");
        Api.Response json = api.with("Accept", "application/json").get("/ogcapi/jobs/" + text + "/results");
        assertThat(json.headers().get("content-type").get(0)).startsWith("application/json");
        assertThat(json.json()).isEqualTo(Map.of("a", "plain"));

        String several = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "x", "b", List.of(1))));
        awaitStatus(api, several, "successful");
        assertThat(api.get("/ogcapi/jobs/" + several + "/results").headers().get("content-type").get(0))
                .startsWith("multipart/related");
        assertThat(api.with("Accept", "application/json").get("/ogcapi/jobs/" + several + "/results").json())
                .containsEntry("a", "x").containsEntry("b", List.of(1));

        String array = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "x", "b", List.of(4, 2)),
                "outputs", Map.of("b", Map.of())));
        awaitStatus(api, array, "successful");
        assertThat(api.with("Accept", "application/json").get("/ogcapi/jobs/" + array + "/results").body())
                .as("raw JSON stays raw").isEqualTo("[4,2]");
    }
}
