package io.steward.api.apex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * openEO unit jobs end to end through {@code /apex}: a small real openEO 1.2 backend in the test, called with the
 * submitter's own token in openEO's {@code oidc/<provider>/<token>} form; the job created from the remote
 * user-defined process at {@code application}, started, polled, its STAC results read, cancelled with
 * {@code DELETE /jobs/{id}/results}; sync jobs through {@code POST /result}.
 */
abstract class AbstractApexOpenEoApiTest extends ApiTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeOpenEoPlatform backend;
    private Map<String, Object> properties;

    @Override
    protected Map<String, Object> serverProperties() {
        if (properties == null) {
            backend = new FakeOpenEoPlatform();
            String platforms = "[{\"endpoint\":\"" + backend.endpoint() + "\",\"type\":\"openeo\",\"auth\":"
                    + "{\"type\":\"forward\",\"token_prefix\":\"oidc/egi\"},\"max_concurrent_jobs\":4}]";
            properties = Map.of("steward.apex.platforms", platforms, "steward.apex.poll-interval", "100ms",
                    "steward.apex.max-backoff", "400ms", "steward.apex.lease", "2s");
        }
        return properties;
    }

    @AfterAll
    void stopBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    /**
     * A member of a new tenant: {@code apex} calls with an API token as its bearer (as the APEx client does, no
     * {@code Tenant} header), {@code cloudify} with its password and tenant, for the executions API.
     */
    private record Caller(Api apex, String token, Api cloudify) {
    }

    private Caller bearerUser() {
        Api user = newMember(newTenant(), "user");
        String token = (String) user.post("/api/v3.1/tokens", Map.of("description", "openeo")).json().get("value");
        return new Caller(server.api().with("Authorization", "Bearer " + token), token, user);
    }

    private Map<String, Object> job(String application, Map<String, Object> parameters) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("endpoint", backend.endpoint());
        service.put("application", application);
        service.put("namespace", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "NDVI composite");
        body.put("label", "openeo");
        body.put("service", service);
        body.put("parameters", parameters);
        body.put("format", "gtiff");
        return body;
    }

    private static final Map<String, Object> AREA = Map.of("spatial_extent",
            Map.of("west", 12.0, "south", 41.0, "east", 13.0, "north", 42.0));

    private static Map<String, Object> awaitStatus(Api user, Object id, String status) {
        return Await.until("unit job " + id + " " + status, WAIT, () -> user.get("/apex/unit_jobs/" + id).json(),
                job -> status.equals(job.get("status")));
    }

    @Test
    void a_unit_job_is_created_from_the_remote_udp_started_polled_to_finished_and_its_stac_results_read()
            throws Exception {
        var caller = bearerUser();
        Api user = caller.apex();
        String bearer = "<Bearer oidc/egi/" + caller.token() + ">";
        String before = backend.lastJob;
        Api.Response created = user.post("/apex/unit_jobs", job(backend.udpUrl(), AREA));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json()).containsEntry("label", "openeo").containsEntry("status", "created");
        Object id = created.json().get("id");
        String remote = Await.until("the backend got the job", WAIT, () -> backend.lastJob, r -> !r.equals(before));
        awaitStatus(user, id, "queued"); // created, then started

        // Created from the UDP by id with its URL as namespace, then started; both as the caller, openEO style.
        assertThat(backend.calls).contains("POST /openeo/1.2/jobs " + bearer,
                "POST /openeo/1.2/jobs/" + remote + "/results " + bearer);
        JsonNode graph = JSON.readTree(backend.bodies.get("POST /openeo/1.2/jobs")).path("process")
                .path("process_graph");
        assertThat(graph.path("udp1").path("process_id").asText()).isEqualTo("ndvi_composite");
        assertThat(graph.path("udp1").path("namespace").asText()).isEqualTo(backend.udpUrl());
        assertThat(graph.path("udp1").path("arguments").path("spatial_extent").path("west").asDouble())
                .isEqualTo(12.0);
        assertThat(graph.path("saveresult1").path("arguments").path("format").asText()).isEqualTo("GTiff");

        backend.statuses.put(remote, "running");
        awaitStatus(user, id, "running");
        backend.statuses.put(remote, "finished");
        Map<String, Object> finished = awaitStatus(user, id, "finished");
        assertThat(finished).containsKeys("created", "updated");

        Api.Response results = user.get("/apex/unit_jobs/" + id + "/results");
        assertThat(results.status()).as(results.body()).isEqualTo(200);
        assertThat(results.json()).containsEntry("type", "Collection").containsEntry("id", remote)
                .containsEntry("license", "CC-BY-4.0").containsKeys("extent", "links", "assets");
        assertThat(backend.calls).contains("GET /openeo/1.2/jobs/" + remote + "/results " + bearer);
        assertThat(backend.calls.stream().filter(call -> call.contains("/jobs/" + remote + " ")
                || call.contains("/jobs/" + remote + "/"))).isNotEmpty().allMatch(call -> call.endsWith(bearer));
    }

    @Test
    void delete_cancels_the_batch_job_with_delete_results_and_the_execution_ends_cancelled() {
        var caller = bearerUser();
        Api user = caller.apex();
        String before = backend.lastJob;
        Object id = user.post("/apex/unit_jobs", job(backend.udpUrl(), AREA)).json().get("id");
        String remote = Await.until("the backend got the job", WAIT, () -> backend.lastJob, r -> !r.equals(before));
        awaitStatus(user, id, "queued"); // started: the backend has it queued
        backend.statuses.put(remote, "running");
        awaitStatus(user, id, "running");

        Api.Response deleted = user.delete("/apex/unit_jobs/" + id);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("null");
        assertThat(backend.count("DELETE /openeo/1.2/jobs/" + remote + "/results")).isEqualTo(1);
        assertThat(backend.statuses.get(remote)).isEqualTo("canceled");
        assertThat(user.get("/apex/unit_jobs/" + id).status()).isEqualTo(404);
        assertThat(caller.cloudify().get("/api/v3.1/executions?workflow_id=remote_job").items().get(0))
                .containsEntry("status", "cancelled");
    }

    @Test
    void a_cancel_through_the_executions_api_stops_the_batch_job() {
        var caller = bearerUser();
        Api user = caller.apex();
        String before = backend.lastJob;
        Object id = user.post("/apex/unit_jobs", job(backend.udpUrl(), AREA)).json().get("id");
        String remote = Await.until("the backend got the job", WAIT, () -> backend.lastJob, r -> !r.equals(before));
        awaitStatus(user, id, "queued");
        Api cloudify = caller.cloudify();
        String execution = (String) cloudify.get("/api/v3.1/executions?workflow_id=remote_job").items().get(0)
                .get("id");
        assertThat(cloudify.post("/api/v3.1/executions/" + execution, Map.of("action", "cancel")).status())
                .isEqualTo(200);
        awaitStatus(user, id, "canceled");
        assertThat(backend.count("DELETE /openeo/1.2/jobs/" + remote + "/results")).isEqualTo(1);
        Await.until("the execution cancelled", WAIT, () -> cloudify.get("/api/v3.1/executions/" + execution).json(),
                e -> "cancelled".equals(e.get("status")));
    }

    @Test
    void sync_jobs_run_through_post_result_and_answer_the_backends_value() throws Exception {
        var caller = bearerUser();
        Api user = caller.apex();
        Api.Response sync = user.post("/apex/sync_jobs", job(backend.udpUrl(), AREA));
        assertThat(sync.status()).as(sync.body()).isEqualTo(201);
        assertThat(sync.json()).isEqualTo(Map.of("mean_ndvi", 0.42));
        assertThat(backend.calls).contains("POST /openeo/1.2/result <Bearer oidc/egi/" + caller.token() + ">");
        JsonNode graph = JSON.readTree(backend.bodies.get("POST /openeo/1.2/result")).path("process")
                .path("process_graph");
        assertThat(graph.path("udp1").path("namespace").asText()).isEqualTo(backend.udpUrl());
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_job_whose_parameters_do_not_fit_the_udp_or_for_a_missing_udp_is_refused_at_once() {
        Api user = bearerUser().apex();
        long creates = backend.count("POST /openeo/1.2/jobs");
        Api.Response bad = user.post("/apex/unit_jobs", job(backend.udpUrl(), Map.of("spatial_extent", "Rome",
                "bands", List.of("B04"))));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.json()).containsEntry("error_code", "VALIDATION_ERROR");
        List<Map<String, Object>> errors = (List<Map<String, Object>>) ((Map<String, Object>) bad.json()
                .get("details")).get("errors");
        assertThat(errors).extracting(e -> e.get("loc") + " " + e.get("type")).containsExactly(
                "[body, parameters, spatial_extent] value_error", "[body, parameters, bands] extra_forbidden");
        Api.Response missing = user.post("/apex/unit_jobs", job(backend.endpoint() + "/udps/nothing.json", AREA));
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(((List<Map<String, Object>>) ((Map<String, Object>) missing.json().get("details")).get("errors"))
                .get(0)).containsEntry("loc", List.of("body", "service", "application"));
        assertThat(backend.count("POST /openeo/1.2/jobs")).isEqualTo(creates);
    }
}
