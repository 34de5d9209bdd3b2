package io.steward.api.ogc;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** OGC API – Processes Part 1 over the real server: discovery, execute in every form, jobs, results, dismiss. */
abstract class AbstractOgcApiTest extends OgcTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void landing_page_links_the_api_definition_conformance_processes_and_jobs() {
        Api api = newUserClient();
        Map<String, Object> landing = api.get("/ogcapi").json();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> links = (List<Map<String, Object>>) landing.get("links");
        assertThat(links).extracting(l -> l.get("rel")).contains("service-desc",
                "http://www.opengis.net/def/rel/ogc/1.0/conformance", "http://www.opengis.net/def/rel/ogc/1.0/processes",
                "http://www.opengis.net/def/rel/ogc/1.0/job-list");
        assertThat(links).allSatisfy(l -> assertThat((String) l.get("href")).startsWith("http://"));
        assertThat(api.get("/ogcapi/conformance").json().get("conformsTo")).asList()
                .contains("http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core",
                        "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/dismiss")
                .doesNotContain("http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/html");
        Map<String, Object> openapi = api.get("/ogcapi/api").json();
        assertThat(openapi.get("openapi")).isEqualTo("3.0.3");
        assertThat(((Map<String, ?>) openapi.get("paths")).keySet()).contains("/processes/{processID}/execution", "/jobs/{jobID}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void processes_page_with_limit_and_next_link_and_every_process_says_if_it_is_mutable() {
        Api api = newUserClient();
        Map<String, Object> first = api.get("/ogcapi/processes?limit=1").json();
        List<Map<String, Object>> processes = (List<Map<String, Object>>) first.get("processes");
        assertThat(processes).hasSize(1);
        assertThat(processes.get(0)).containsEntry("id", "echo").containsEntry("mutable", false);
        String next = ((List<Map<String, Object>>) first.get("links")).stream()
                .filter(l -> "next".equals(l.get("rel"))).map(l -> (String) l.get("href")).findFirst().orElseThrow();
        Map<String, Object> second = api.get(next.substring(next.indexOf("/ogcapi"))).json();
        assertThat((List<Map<String, Object>>) second.get("processes")).extracting(p -> p.get("id"))
                .containsExactly("sha256");
        Map<String, Object> echo = api.get("/ogcapi/processes/echo").json();
        assertThat((Map<String, Object>) echo.get("inputs")).containsKeys("a", "pause");
        assertThat(((Map<String, Object>) ((Map<String, Object>) echo.get("inputs")).get("a")).get("schema"))
                .isEqualTo(Map.of("type", "string"));
        assertThat(echo.get("jobControlOptions")).asList().containsExactly("sync-execute", "async-execute", "dismiss");
    }

    @Test
    void sync_execute_without_prefer_answers_the_raw_value_with_a_monitor_link() {
        Api api = newUserClient();
        Api.Response r = api.post("/ogcapi/processes/echo/execution",
                Map.of("inputs", Map.of("a", "hello"), "outputs", Map.of("a", Map.of())));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(r.headers().get("content-type").get(0)).startsWith("text/plain");
        assertThat(r.headers().get("link").get(0)).contains("rel=\"monitor\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sync_document_response_holds_values_and_references_that_resolve() {
        Api api = newUserClient();
        Api.Response r = api.post("/ogcapi/processes/echo/execution", Map.of(
                "inputs", Map.of("a", "x", "b", List.of(1, 2, 3), "d", Map.of("k", "v")),
                "outputs", Map.of("a", Map.of(), "b", Map.of("transmissionMode", "reference"), "d", Map.of()),
                "response", "document"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, Object> doc = r.json();
        assertThat(doc).containsEntry("a", "x")
                .containsEntry("d", Map.of("value", Map.of("k", "v"), "mediaType", "application/json"));
        String href = (String) ((Map<String, Object>) doc.get("b")).get("href");
        assertThat(api.get(href.substring(href.indexOf("/ogcapi"))).body()).isEqualTo("[1,2,3]");
        String unknownOutput = href.substring(href.indexOf("/ogcapi")).replace("/results/b", "/results/zz");
        assertException(api.get(unknownOutput), 400, EXC + "no-such-output");
    }

    @Test
    void raw_response_with_every_output_by_reference_is_204_with_link_headers() {
        Api api = newUserClient();
        Api.Response r = api.post("/ogcapi/processes/echo/execution", Map.of("inputs", Map.of("a", "x", "e", 7),
                "outputs", Map.of("a", Map.of("transmissionMode", "reference"),
                        "e", Map.of("transmissionMode", "reference"))));
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        assertThat(r.headers().get("link")).hasSize(3).anySatisfy(l -> assertThat(l).contains("/results/e"));
    }

    @Test
    void raw_response_with_several_values_is_multipart_related() {
        Api api = newUserClient();
        Api.Response r = api.post("/ogcapi/processes/echo/execution",
                Map.of("inputs", Map.of("a", "first", "f", "second")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("content-type").get(0)).startsWith("multipart/related; boundary=");
        assertThat(r.body()).contains("Content-ID: <a>", "first", "Content-ID: <f>", "second");
    }

    @Test
    void async_execute_answers_201_and_the_job_ends_successful_with_its_results_and_is_an_execution() {
        Api api = newUserClient();
        Api.Response r = api.with("Prefer", "respond-async").post("/ogcapi/processes/sha256/execution",
                Map.of("inputs", Map.of("text", "abc")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().get("preference-applied")).containsExactly("respond-async");
        String jobId = (String) r.json().get("jobID");
        assertThat(r.headers().get("location").get(0)).startsWith("http://").endsWith("/ogcapi/jobs/" + jobId);
        Map<String, Object> done = awaitStatus(api, jobId, "successful");
        assertThat(done).containsEntry("processID", "sha256").containsEntry("type", "process")
                .containsEntry("progress", 100).containsKeys("created", "started", "finished", "updated");
        Api.Response results = api.get("/ogcapi/jobs/" + jobId + "/results");
        assertThat(results.body()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        Map<String, Object> execution = api.get("/api/v3.1/executions/" + jobId).json();
        assertThat(execution).containsEntry("workflow_id", "ogcapi_execute")
                .containsEntry("deployment_id", "ogcapi-sha256").containsEntry("status", "terminated");
        assertThat(api.get("/api/v3.1/events?execution_id=" + jobId).items()).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void job_list_filters_by_process_status_datetime_and_duration_and_pages_with_next() {
        Api api = newUserClient();
        String one = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "1")));
        String two = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "2")));
        String hash = submitAsync(api, "sha256", Map.of("inputs", Map.of("text", "t")));
        awaitStatus(api, one, "successful");
        awaitStatus(api, two, "successful");
        awaitStatus(api, hash, "successful");
        Map<String, Object> echoes = api.get("/ogcapi/jobs?processID=echo&status=successful&type=process").json();
        assertThat((List<Map<String, Object>>) echoes.get("jobs")).extracting(j -> j.get("jobID"))
                .containsExactlyInAnyOrder(one, two);
        assertThat((List<?>) api.get("/ogcapi/jobs?status=running").json().get("jobs")).isEmpty();
        assertThat((List<?>) api.get("/ogcapi/jobs?datetime=2000-01-01T00:00:00Z/..&minDuration=0&maxDuration=60")
                .json().get("jobs")).hasSize(3);
        assertThat((List<?>) api.get("/ogcapi/jobs?datetime=../2000-01-01T00:00:00Z").json().get("jobs")).isEmpty();
        assertThat((List<?>) api.get("/ogcapi/jobs?minDuration=3600").json().get("jobs")).isEmpty();
        Map<String, Object> page = api.get("/ogcapi/jobs?limit=2").json();
        assertThat((List<?>) page.get("jobs")).hasSize(2);
        String next = ((List<Map<String, Object>>) page.get("links")).stream()
                .filter(l -> "next".equals(l.get("rel"))).map(l -> (String) l.get("href")).findFirst().orElseThrow();
        assertThat((List<?>) api.get(next.substring(next.indexOf("/ogcapi"))).json().get("jobs")).hasSize(1);
    }

    @Test
    void dismiss_stops_a_running_job_and_then_removes_it_once_finished() {
        Api api = newUserClient();
        String job = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "slow", "pause", 120)));
        awaitStatus(api, job, "running");
        Api.Response dismissed = api.delete("/ogcapi/jobs/" + job);
        assertThat(dismissed.status()).as(dismissed.body()).isEqualTo(200);
        assertThat(dismissed.json()).containsEntry("status", "dismissed");
        awaitStatus(api, job, "dismissed");
        assertThat(api.get("/api/v3.1/executions/" + job).json()).containsEntry("status", "cancelled");
        assertException(api.get("/ogcapi/jobs/" + job + "/results"), 500, EXC + "result-not-available");
        assertThat(api.delete("/ogcapi/jobs/" + job).status()).isEqualTo(200);
        assertException(api.get("/ogcapi/jobs/" + job), 404, EXC + "no-such-job");
    }

    @Test
    void killing_the_execution_through_the_executions_api_dismisses_the_job() {
        Api api = newUserClient();
        String job = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "slow", "pause", 120)));
        awaitStatus(api, job, "running");
        assertThat(api.post("/api/v3.1/executions/" + job, Map.of("action", "kill")).status()).isEqualTo(200);
        awaitStatus(api, job, "dismissed");
    }

    @Test
    void results_of_a_running_job_are_not_ready() {
        Api api = newUserClient();
        String job = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "slow", "pause", 120)));
        assertException(api.get("/ogcapi/jobs/" + job + "/results"), 404, EXC + "result-not-ready");
        api.delete("/ogcapi/jobs/" + job);
    }

    // Another tenant's jobs, for every role and endpoint: AbstractTenantIsolationApiTest.

    @Test
    void a_viewer_may_read_but_not_execute() {
        String tenant = newTenant();
        Api viewer = newMember(tenant, "viewer");
        assertThat(viewer.get("/ogcapi/processes").status()).isEqualTo(200);
        assertException(viewer.post("/ogcapi/processes/echo/execution", Map.of("inputs", Map.of("a", "x"))), 403,
                EXC + "forbidden");
        String job = submitAsync(newMember(tenant, "user"), "echo", Map.of("inputs", Map.of("a", "x")));
        awaitStatus(viewer, job, "successful");
        assertThat(viewer.get("/ogcapi/jobs/" + job + "/results").status()).isEqualTo(200);
        assertThat(viewer.get("/ogcapi/jobs").body()).contains(job);
        assertException(viewer.delete("/ogcapi/jobs/" + job), 403, EXC + "forbidden");
        assertThat(viewer.get("/ogcapi/jobs/" + job).status()).isEqualTo(200);
    }

    @Test
    void requests_without_credentials_are_refused_in_the_ogc_shape() {
        assertException(server.api().get("/ogcapi/processes"), 401, EXC + "unauthorized");
    }

    @Test
    void the_same_job_is_waited_for_by_polling_until_progress_reaches_100() {
        Api api = newUserClient();
        String job = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "p")));
        Map<String, Object> done = Await.until("progress 100", Duration.ofSeconds(30),
                () -> api.get("/ogcapi/jobs/" + job).json(), s -> Integer.valueOf(100).equals(s.get("progress")));
        assertThat(done).containsEntry("status", "successful");
    }

    @Test
    void jobs_their_requests_and_results_survive_a_restart() {
        Map<String, Object> database = database();
        String job;
        try (StewardServer first = StewardServer.start(database)) {
            Api api = first.admin();
            job = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "kept", "b", List.of(4, 2)),
                    "outputs", Map.of("b", Map.of()), "response", "document"));
            awaitStatus(api, job, "successful");
        }
        try (StewardServer second = StewardServer.start(database)) {
            Api api = second.admin();
            assertThat(api.get("/ogcapi/jobs/" + job).json()).containsEntry("status", "successful")
                    .containsEntry("processID", "echo");
            assertThat(api.get("/ogcapi/jobs/" + job + "/results").json()).isEqualTo(Map.of("b", List.of(4, 2)));
        }
    }
}
