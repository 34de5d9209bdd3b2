package io.steward.api.apex;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The APEx Dispatch API through real HTTP: the client tutorial's flow against a second Steward's {@code /ogcapi} as
 * the OGC platform, and a small real platform server in the test for what a Steward platform cannot show (STAC
 * results, dismisses, a platform that fails or is down).
 */
abstract class AbstractApexApiTest extends AbstractApexPlatformsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A platform Steward calls with each job submitter's own bearer token (auth forward). */
    private FakeOgcPlatform forwarding;
    private String downEndpoint;

    @Override
    List<String> otherPlatforms() {
        forwarding = started(new FakeOgcPlatform());
        downEndpoint = "http://127.0.0.1:" + closedPort();
        return List.of("{\"endpoint\":\"" + fake.endpoint() + "/\",\"auth\":{\"type\":\"bearer\",\"token\":\"t0k\"}}",
                "{\"endpoint\":\"" + forwarding.endpoint() + "\",\"auth\":{\"type\":\"forward\"}}",
                "{\"endpoint\":\"" + downEndpoint + "\"}");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> request(String endpoint, String application, String namespace,
                                               Map<String, Object> parameters) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("endpoint", endpoint);
        service.put("application", application);
        service.put("namespace", namespace);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Vegetation index");
        body.put("label", "ogc_api_process");
        body.put("service", service);
        body.put("parameters", parameters);
        body.put("format", "geojson");
        return body;
    }

    private Map<String, Object> fakeJob(Api user) {
        return request(fake.endpoint(), "/processes/vegetation-index", "apex",
                Map.of("bbox", List.of(12.0, 41.0, 13.0, 42.0)));
    }

    /**
     * A number that names one job among those the shared fake platform gets: the poller may still be submitting
     * other tests' jobs, so "the platform's latest job" need not be this test's.
     */
    private static String marker() {
        return String.valueOf(100_000_000_000L + java.util.concurrent.ThreadLocalRandom.current()
                .nextLong(900_000_000_000L));
    }

    /** The fake platform's job, its submitted inputs carrying {@code marker} (an input the checks leave alone). */
    private Map<String, Object> markedJob(String marker) {
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put("bbox", List.of(12.0, 41.0, 13.0, 42.0));
        parameters.put("weights", List.of(Long.parseLong(marker)));
        return request(fake.endpoint(), "/processes/vegetation-index", "apex", parameters);
    }

    /** The fake platform's id of the job submitted with {@code marker}, once the poller has sent it. */
    private String submittedWith(String marker) {
        return Await.until("the platform got the job " + marker, WAIT, () -> fake.jobSubmittedWith(marker),
                java.util.Optional::isPresent).orElseThrow();
    }

    private static Map<String, Object> awaitStatus(Api user, Object id, String status) {
        return awaitStatus(user, id, status, WAIT);
    }

    @Test
    void the_tutorial_flow_runs_on_a_second_stewards_ogc_api_to_finished() {
        Api user = newMember(newTenant(), "user");
        Api.Response created = user.post("/apex/unit_jobs", request(stewardBase(), "/processes/echo", "ogcapi",
                Map.of("a", "hello", "pause", 0.3)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Map<String, Object> summary = created.json();
        assertThat(summary.get("id")).isInstanceOf(Integer.class);
        assertThat(summary).containsEntry("title", "Vegetation index").containsEntry("label", "ogc_api_process")
                .containsEntry("status", "created").containsEntry("parameters", Map.of("a", "hello", "pause", 0.3))
                .doesNotContainKeys("created", "updated");
        assertThat(summary.get("service")).isEqualTo(Map.of("endpoint", stewardBase(),
                "application", "/processes/echo", "namespace", "ogcapi"));

        Map<String, Object> finished = awaitStatus(user, summary.get("id"), "finished");
        assertThat(finished).containsKeys("created", "updated").containsEntry("id", summary.get("id"));
        assertThat(java.time.Instant.parse((String) finished.get("updated")))
                .isAfter(java.time.Instant.parse((String) finished.get("created")));

        // The second Steward's results hold no STAC Collection: an empty one named {namespace}-{jobID}.
        Api.Response results = user.get("/apex/unit_jobs/" + summary.get("id") + "/results");
        assertThat(results.status()).as(results.body()).isEqualTo(200);
        assertThat(results.json()).containsEntry("type", "Collection");
        String remoteJobId = ((String) results.json().get("id")).substring("ogcapi-".length());
        assertThat(results.json().get("id")).isEqualTo("ogcapi-" + remoteJobId);
        Api.Response remote = platformSteward.admin().get("/ogcapi/jobs/" + remoteJobId);
        assertThat(remote.json()).containsEntry("status", "successful");

        Map<String, Object> status = user.get("/apex/jobs_status").json();
        assertThat(status.get("upscaling_tasks")).isEqualTo(List.of());
        assertThat((List<?>) status.get("processing_jobs")).hasSize(1);
        assertThat(((List<Map<String, Object>>) status.get("processing_jobs")).get(0))
                .containsEntry("id", summary.get("id")).containsEntry("status", "finished");
    }

    @Test
    void a_unit_job_is_an_execution_with_events_for_its_submission_statuses_and_results() {
        Api user = newMember(newTenant(), "user");
        Object id = user.post("/apex/unit_jobs", request(stewardBase(), "echo", "ogcapi", Map.of("a", "x")))
                .json().get("id");
        awaitStatus(user, id, "finished");
        List<Map<String, Object>> executions = user.get("/api/v3.1/executions?workflow_id=remote_job").items();
        assertThat(executions).hasSize(1);
        assertThat(executions.get(0)).containsEntry("status", "terminated");
        String executionId = (String) executions.get(0).get("id");
        Await.until("the results event", WAIT, () -> user.get("/api/v3.1/events?execution_id=" + executionId
                + "&_size=100").items().stream().map(e -> e.get("event_type")).toList(),
                types -> types.contains("remote_job_results"));
        List<Object> types = user.get("/api/v3.1/events?execution_id=" + executionId + "&_size=100").items()
                .stream().map(e -> e.get("event_type")).toList();
        assertThat(types).contains("workflow_started", "remote_job_recorded", "remote_job_submitted",
                "remote_job_status", "remote_job_results", "workflow_succeeded");
        // Recorded started at once (nothing claims it), with the history a pending start would have left.
        assertThat(history(executionId)).startsWith("null -> pending: created", "pending -> started: started")
                .endsWith("started -> terminated: succeeded");
    }

    /** The execution's history rows, oldest first, as {@code from -> to: event}, read straight from the database. */
    private List<String> history(String executionId) {
        var context = server.context();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                context.getRequiredProperty("datasources.default.url", String.class),
                context.getRequiredProperty("datasources.default.username", String.class),
                context.getProperty("datasources.default.password", String.class).orElse(""));
             var st = c.prepareStatement("SELECT from_status, to_status, event FROM execution_transitions"
                     + " WHERE execution_id = ? ORDER BY created_at, id")) {
            st.setString(1, executionId);
            List<String> rows = new java.util.ArrayList<>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " -> " + rs.getString(2) + ": " + rs.getString(3));
                }
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void results_are_the_stac_collection_the_platform_names_by_its_schema() {
        Api user = newMember(newTenant(), "user");
        String marker = marker();
        Object id = user.post("/apex/unit_jobs", markedJob(marker)).json().get("id");
        String remote = submittedWith(marker);
        awaitStatus(user, id, "created");
        fake.statuses.put(remote, "running");
        awaitStatus(user, id, "running");
        fake.statuses.put(remote, "successful");
        awaitStatus(user, id, "finished");
        Map<String, Object> results = user.get("/apex/unit_jobs/" + id + "/results").json();
        assertThat(results).containsEntry("type", "Collection").containsEntry("license", "CC-BY-4.0");
        assertThat(results.get("id")).asString().startsWith("ndvi-fake-");
        // The namespace is a path segment, the tutorial's /processes/{id} form names the process, the token is
        // the platform's configured bearer, and the parameters go as the inputs verbatim.
        List<String> bodies = List.copyOf(fake.bodies);
        int post = java.util.stream.IntStream.range(0, bodies.size())
                .filter(i -> bodies.get(i) != null && bodies.get(i).contains(marker)).findFirst().orElse(-1);
        assertThat(post).isNotNegative();
        assertThat(fake.requests.get(post)).isEqualTo("POST /apex/processes/vegetation-index/execution");
        assertThat(fake.authorizations.get(post)).isEqualTo("Bearer t0k");
        assertThat(bodies.get(post)).isEqualTo("{\"inputs\":{\"bbox\":[12.0,41.0,13.0,42.0],\"weights\":[" + marker
                + "]}}");
    }

    @Test
    void values_of_inputs_without_an_apex_type_are_left_to_the_platform() {
        // An array of numbers or an object has no APEx type (/params says string, as the reference does): such a
        // value is sent as it is, while an input whose schema does have one is still checked.
        Api user = newMember(newTenant(), "user");
        Map<String, Object> parameters = Map.of("bbox", List.of(12.0, 41.0, 13.0, 42.0), "weights", List.of(0.5, 2),
                "tuning", Map.of("k", 3), "bands", List.of("B04", "B08"));
        Api.Response created = user.post("/apex/unit_jobs", request(fake.endpoint(), "ndvi", null, parameters));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response refused = user.post("/apex/unit_jobs", request(fake.endpoint(), "ndvi", null,
                Map.of("bbox", List.of(12.0, 41.0, 13.0, 42.0), "bands", List.of(4, 8))));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(errors(refused)).extracting(e -> e.get("loc") + " " + e.get("type"))
                .containsExactly("[body, parameters, bands] list_type");
    }

    @Test
    void params_lists_the_process_inputs_as_apex_parameters() {
        Api user = newMember(newTenant(), "user");
        Map<String, Object> body = Map.of("label", "ogc_api_process", "service",
                Map.of("endpoint", fake.endpoint(), "application", "ndvi"));
        Api.Response params = user.post("/apex/params", body);
        assertThat(params.status()).as(params.body()).isEqualTo(200);
        List<Map<String, Object>> list = asList(params.body(), params);
        assertThat(list).extracting(p -> p.get("name") + ":" + p.get("type") + ":" + p.get("optional"))
                .containsExactly("bbox:bounding-box:false", "date:date-interval:true", "scale:double:true",
                        "mode:string:true", "weights:string:true", "bands:array-string:true", "tuning:string:true");
        assertThat(list.get(1)).containsEntry("description", "When");
        assertThat(list.get(2)).containsEntry("default", 1.5);
        assertThat(list.get(3)).containsEntry("options", List.of("fast", "exact"));

        Api.Response echo = user.post("/apex/params", Map.of("label", "ogc_api_process", "service",
                Map.of("endpoint", stewardBase(), "application", "/processes/echo", "namespace", "ogcapi")));
        assertThat(asList(echo.body(), echo)).extracting(p -> p.get("name") + ":" + p.get("type"))
                .contains("a:string", "pause:double");
    }

    /** The platform's calls from the {@code seen}th on, copied: the poller adds to them meanwhile. */
    private static List<String> callsSince(FakeOgcPlatform platform, int seen) {
        List<String> calls = List.copyOf(platform.calls);
        return calls.subList(seen, calls.size());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> asList(String body, Api.Response response) {
        try {
            return response.mapper().readValue(body, io.micronaut.core.type.Argument.listOf(
                    io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void delete_dismisses_the_remote_job_and_forgets_the_unit_job() {
        Api user = newMember(newTenant(), "user");
        // A scale no other test sends marks this job's submission: another test's job may reach the platform later.
        long scale = 1_000 + System.nanoTime() % 1_000_000;
        Object id = user.post("/apex/unit_jobs", request(fake.endpoint(), "/processes/vegetation-index", "apex",
                Map.of("bbox", List.of(12.0, 41.0, 13.0, 42.0), "scale", scale))).json().get("id");
        String remote = Await.until("the platform got the job", WAIT,
                () -> fake.jobSubmittedWith("\"scale\":" + scale).orElse(""), r -> !r.isEmpty());
        Await.until("the job polled", WAIT, () -> fake.count("GET /apex/jobs/" + remote), n -> n > 0);
        long deletesBefore = fake.requests.stream().filter(r -> r.startsWith("DELETE")).count();
        Api.Response deleted = user.delete("/apex/unit_jobs/" + id);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("null");
        assertThat(fake.requests.stream().filter(r -> r.startsWith("DELETE")).count()).isEqualTo(deletesBefore + 1);
        assertThat(fake.count("DELETE /apex/jobs/" + remote)).isEqualTo(1);
        Api.Response gone = user.get("/apex/unit_jobs/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json()).containsEntry("error_code", "JOB_NOT_FOUND").containsEntry("status", "error");
        assertThat(user.get("/api/v3.1/executions?workflow_id=remote_job").items().get(0))
                .containsEntry("status", "cancelled");
    }

    @Test
    void a_delete_before_the_submission_sends_nothing() {
        Api user = newMember(newTenant(), "user");
        // The platform that is down never takes the job: it waits to be submitted when it is deleted.
        Object id = user.post("/apex/unit_jobs", request(downEndpoint, "ndvi", null, Map.of())).json().get("id");
        // While a server is sending it (here: finding the platform down) a delete is refused, saying so.
        Api.Response deleted = Await.until("a delete between two attempts", WAIT,
                () -> user.delete("/apex/unit_jobs/" + id), r -> r.status() != 400
                        || !String.valueOf(r.json().get("message")).contains("being submitted"));
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(user.get("/apex/unit_jobs/" + id).status()).isEqualTo(404);
        assertThat(user.get("/api/v3.1/executions?workflow_id=remote_job").items().get(0))
                .containsEntry("status", "cancelled");
    }

    @Test
    void a_cancel_through_the_executions_api_dismisses_the_remote_job() {
        Api user = newMember(newTenant(), "user");
        Object id = user.post("/apex/unit_jobs", fakeJob(user)).json().get("id");
        Await.until("the job tracked", WAIT, () -> user.get("/apex/unit_jobs/" + id).json(),
                job -> "created".equals(job.get("status")));
        Await.until("the remote id known", WAIT, () -> user.get("/api/v3.1/events?_size=100").items().stream()
                .map(e -> e.get("event_type")).toList(), types -> types.contains("remote_job_submitted"));
        String execution = (String) user.get("/api/v3.1/executions?workflow_id=remote_job").items().get(0).get("id");
        long deletesBefore = fake.requests.stream().filter(r -> r.startsWith("DELETE")).count();
        Api.Response cancel = user.post("/api/v3.1/executions/" + execution, Map.of("action", "cancel"));
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        awaitStatus(user, id, "canceled");
        assertThat(fake.requests.stream().filter(r -> r.startsWith("DELETE /apex/jobs/fake-")).count())
                .isEqualTo(deletesBefore + 1);
        Await.until("the execution cancelled", WAIT, () -> user.get("/api/v3.1/executions/" + execution).json(),
                e -> "cancelled".equals(e.get("status")));
    }

    @Test
    void a_job_for_an_endpoint_that_is_not_configured_is_refused_without_calling_it() {
        Api user = newMember(newTenant(), "user");
        Api.Response refused = user.with("X-Correlation-ID", "corr-1").post("/apex/unit_jobs",
                request("http://198.51.100.7:9", "ndvi", null, Map.of()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()).containsEntry("status", "error").containsEntry("error_code", "APEX_ERROR")
                .containsEntry("request_id", "corr-1");
        assertThat((String) refused.json().get("message")).contains("No platform is configured");
        assertThat(refused.headers().get("x-correlation-id")).containsExactly("corr-1");
        assertThat(user.get("/apex/jobs_status").json().get("processing_jobs")).isEqualTo(List.of());
    }

    @Test
    void unknown_ids_are_404_job_not_found_and_bad_ones_422() {
        Api user = newMember(newTenant(), "user");
        Api.Response missing = user.get("/apex/unit_jobs/987654321");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).containsEntry("error_code", "JOB_NOT_FOUND").containsKey("request_id");
        assertThat(missing.headers().get("x-correlation-id")).containsExactly((String) missing.json()
                .get("request_id"));
        assertThat(user.get("/apex/unit_jobs/987654321/results").status()).isEqualTo(404);
        assertThat(user.delete("/apex/unit_jobs/987654321").status()).isEqualTo(404);
        Api.Response notInt = user.get("/apex/unit_jobs/abc");
        assertThat(notInt.status()).isEqualTo(422);
        assertThat(notInt.json()).containsEntry("error_code", "VALIDATION_ERROR");
        assertThat(errors(notInt)).containsExactly(Map.of("loc", List.of("path", "job_id"),
                "msg", "Input should be a valid integer, unable to parse string as an integer", "type", "int_parsing"));
    }

    @Test
    void a_bad_body_is_422_naming_each_field() {
        Api user = newMember(newTenant(), "user");
        Api.Response bad = user.post("/apex/unit_jobs", Map.of("label", "wps", "service",
                Map.of("endpoint", 5), "parameters", List.of(), "format", "png"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.json()).containsEntry("status", "error").containsEntry("error_code", "VALIDATION_ERROR");
        assertThat(errors(bad)).extracting(e -> e.get("loc") + " " + e.get("type")).containsExactly(
                "[body, title] missing", "[body, label] enum", "[body, service, endpoint] string_type",
                "[body, service, application] missing", "[body, parameters] dict_type", "[body, format] enum");
        assertThat(errors(bad).get(5).get("msg")).isEqualTo("Input should be 'geojson', 'gtiff', 'netcdf' or 'json'");
        Api.Response notJson = user.send("POST", "/apex/unit_jobs", "application/json",
                "{nope".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(errors(notJson).get(0)).containsEntry("type", "json_invalid");
        Api.Response badApplication = user.post("/apex/unit_jobs", request(fake.endpoint(), "/processes/", null,
                Map.of()));
        assertThat(badApplication.status()).isEqualTo(422);
        assertThat(errors(badApplication).get(0)).containsEntry("loc", List.of("body", "service", "application"));
        Api.Response badFilter = user.get("/apex/jobs_status?filter=processing&filter=nope");
        assertThat(badFilter.status()).isEqualTo(422);
        assertThat(errors(badFilter).get(0)).containsEntry("loc", List.of("query", "filter", 1));
    }

    @Test
    void a_job_for_a_process_the_platform_does_not_have_is_refused_at_once() {
        Api user = newMember(newTenant(), "user");
        long postsBefore = fake.requests.stream().filter(r -> r.startsWith("POST")).count();
        Api.Response refused = user.with("X-Correlation-ID", "corr-unknown").post("/apex/unit_jobs",
                request(fake.endpoint(), "/processes/no-such-thing", "apex", Map.of("bbox", List.of(1, 2, 3, 4))));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json()).containsEntry("status", "error").containsEntry("error_code", "VALIDATION_ERROR")
                .containsEntry("request_id", "corr-unknown");
        assertThat(errors(refused)).hasSize(1);
        assertThat(errors(refused).get(0)).containsEntry("loc", List.of("body", "service", "application"))
                .containsEntry("type", "value_error");
        assertThat((String) errors(refused).get(0).get("msg")).contains("no process /processes/no-such-thing");
        // Nothing recorded, nothing sent; the second Steward's platform answers the same for its missing process.
        assertThat(user.get("/apex/jobs_status").json().get("processing_jobs")).isEqualTo(List.of());
        assertThat(fake.requests.stream().filter(r -> r.startsWith("POST")).count()).isEqualTo(postsBefore);
        Api.Response onSteward = user.post("/apex/unit_jobs", request(stewardBase(), "no-such-process", "ogcapi",
                Map.of()));
        assertThat(onSteward.status()).as(onSteward.body()).isEqualTo(422);
        assertThat(errors(onSteward).get(0)).containsEntry("loc", List.of("body", "service", "application"));
    }

    @Test
    void parameters_that_do_not_fit_the_process_inputs_are_refused_naming_each() {
        Api user = newMember(newTenant(), "user");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("scale", "big");
        parameters.put("mode", "sloppy");
        parameters.put("colour", "red");
        Api.Response refused = user.post("/apex/unit_jobs", request(fake.endpoint(), "ndvi", "apex", parameters));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json()).containsEntry("error_code", "VALIDATION_ERROR");
        assertThat(errors(refused)).extracting(e -> e.get("loc") + " " + e.get("type")).containsExactly(
                "[body, parameters, bbox] missing", "[body, parameters, scale] float_type",
                "[body, parameters, mode] enum", "[body, parameters, colour] extra_forbidden");
        // The second Steward's echo takes a string a: a number is refused there too, before anything is sent.
        Api.Response onSteward = user.post("/apex/unit_jobs", request(stewardBase(), "echo", "ogcapi",
                Map.of("a", 5)));
        assertThat(onSteward.status()).as(onSteward.body()).isEqualTo(422);
        assertThat(errors(onSteward)).extracting(e -> e.get("loc") + " " + e.get("type"))
                .containsExactly("[body, parameters, a] string_type");
        // An upscale task is checked for each of its jobs: a dimension value of the wrong type is named once.
        Map<String, Object> task = request(fake.endpoint(), "ndvi", "apex", Map.of());
        task.put("dimension", Map.of("name", "bbox", "values", List.of(List.of(1, 2, 3, 4), "nowhere", "nope")));
        Api.Response badTask = user.post("/apex/upscale_tasks", task);
        assertThat(badTask.status()).as(badTask.body()).isEqualTo(422);
        assertThat(errors(badTask)).extracting(e -> e.get("loc") + " " + e.get("type"))
                .containsExactly("[body, parameters, bbox] value_error");
        assertThat(user.get("/apex/jobs_status").json()).isEqualTo(Map.of("upscaling_tasks", List.of(),
                "processing_jobs", List.of()));
    }

    @Test
    void a_job_for_a_known_process_makes_no_platform_call_inside_the_request() {
        Api user = newMember(newTenant(), "user");
        String application = "/processes/vegetation-index";
        // The first job for the process fetches its description (a miss); later ones are checked from the cache.
        assertThat(user.post("/apex/unit_jobs", fakeJob(user)).status()).isEqualTo(201);
        long describes = fake.count("GET /apex" + application);
        assertThat(describes).isPositive();
        fake.failWith = 503;
        try {
            long before = fake.requests.size();
            for (int i = 0; i < 5; i++) {
                Api.Response created = user.post("/apex/unit_jobs", fakeJob(user));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                assertThat(created.json()).containsEntry("status", "created");
            }
            Api.Response bad = user.post("/apex/unit_jobs", request(fake.endpoint(), application, "apex",
                    Map.of("bbox", "here")));
            assertThat(bad.status()).as(bad.body()).isEqualTo(422);
            assertThat(fake.count("GET /apex" + application)).isEqualTo(describes);
            // Whatever reached the platform meanwhile came from the poller, not from a request.
            // A copy: the poller adds to the list meanwhile, and a view of a copy-on-write list would then fail.
            List<String> requests = List.copyOf(fake.requests);
            assertThat(requests.subList((int) before, requests.size()))
                    .noneMatch(r -> r.startsWith("GET /apex/processes"));
        } finally {
            fake.failWith = 0;
        }
    }

    /** The reference's own example: its area near Antwerp on the 20 km grid, and refusals naming their field. */
    @Test
    @SuppressWarnings("unchecked")
    void tiles_cut_the_area_into_the_grid_and_name_what_is_wrong() {
        Api user = newMember(newTenant(), "user");
        List<List<Double>> ring = List.of(List.of(5.131074140132512, 51.352892918832026),
                List.of(4.836037011633863, 51.331277680080774), List.of(4.789036228520871, 51.12326419975835),
                List.of(5.164855813583216, 51.11863683854557), List.of(5.192048230607185, 51.33847556306924),
                List.of(5.131074140132512, 51.352892918832026));
        Map<String, Object> aoi = Map.of("type", "Polygon", "coordinates", List.of(ring));
        Api.Response tiles = user.post("/apex/tiles", Map.of("aoi", aoi, "grid", "20x20km"));
        assertThat(tiles.status()).as(tiles.body()).isEqualTo(201);
        assertThat(tiles.json()).containsEntry("type", "GeometryCollection");
        List<Map<String, Object>> geometries = (List<Map<String, Object>>) tiles.json().get("geometries");
        assertThat(geometries).isNotEmpty().allSatisfy(g -> assertThat(g).containsEntry("type", "Polygon"));
        Api.Response coarse = user.post("/apex/tiles", Map.of("aoi", aoi, "grid", "250x250km"));
        assertThat(((List<?>) coarse.json().get("geometries")).size()).isLessThanOrEqualTo(geometries.size());

        Api.Response badGrid = user.post("/apex/tiles", Map.of("aoi", aoi, "grid", "1x1km"));
        assertThat(badGrid.status()).isEqualTo(422);
        assertThat(badGrid.json()).containsEntry("error_code", "VALIDATION_ERROR");
        assertThat(errors(badGrid).get(0)).containsEntry("loc", List.of("body", "grid"));
        Api.Response noAoi = user.post("/apex/tiles", Map.of("grid", "20x20km"));
        assertThat(errors(noAoi).get(0)).containsEntry("loc", List.of("body", "aoi"))
                .containsEntry("type", "missing");
        assertThat(server.api().post("/apex/tiles", Map.of("aoi", aoi, "grid", "20x20km")).status())
                .isEqualTo(401);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(Api.Response response) {
        return (List<Map<String, Object>>) ((Map<String, Object>) response.json().get("details")).get("errors");
    }

    @Test
    void a_correlation_id_is_echoed_or_made_up() {
        Api user = newMember(newTenant(), "user");
        assertThat(user.with("X-Correlation-ID", "abc-123").get("/apex/jobs_status").headers()
                .get("x-correlation-id")).containsExactly("abc-123");
        assertThat(user.get("/apex/jobs_status").headers().get("x-correlation-id").get(0)).hasSizeGreaterThan(8);
    }

    @Test
    void health_needs_no_credentials_and_everything_else_does() {
        Api.Response health = server.api().get("/apex/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).isEqualTo(Map.of("status", "ok", "database", Map.of("status", "ok")));
        Api.Response anonymous = server.api().get("/apex/jobs_status");
        assertThat(anonymous.status()).isEqualTo(401);
        // No credentials at all: FastAPI's own answer, as the reference gives it.
        assertThat(anonymous.json()).isEqualTo(Map.of("detail", "Not authenticated"));
    }

    @Test
    void a_user_sees_their_own_unit_jobs_and_a_tenant_manager_the_tenants() {
        String tenant = newTenant();
        Api owner = newMember(tenant, "user");
        Api other = newMember(tenant, "user");
        Api manager = newMember(tenant, "manager");
        Object id = owner.post("/apex/unit_jobs", fakeJob(owner)).json().get("id");
        assertThat(other.get("/apex/unit_jobs/" + id).status()).isEqualTo(404);
        assertThat(other.delete("/apex/unit_jobs/" + id).status()).isEqualTo(404);
        assertThat(other.get("/apex/jobs_status").json().get("processing_jobs")).isEqualTo(List.of());
        assertThat(manager.get("/apex/unit_jobs/" + id).status()).isEqualTo(200);
        assertThat((List<?>) manager.get("/apex/jobs_status").json().get("processing_jobs")).hasSize(1);
        Api outsider = newMember(newTenant(), "manager");
        assertThat(outsider.get("/apex/unit_jobs/" + id).status()).isEqualTo(404);
    }

    @Test
    void jobs_status_pages_with_limit_and_offset_newest_first() {
        Api user = newMember(newTenant(), "user");
        Object first = user.post("/apex/unit_jobs", fakeJob(user)).json().get("id");
        Object second = user.post("/apex/unit_jobs", fakeJob(user)).json().get("id");
        List<Map<String, Object>> page = (List<Map<String, Object>>) user
                .get("/apex/jobs_status?filter=processing&limit=1&offset=1").json().get("processing_jobs");
        assertThat(page).extracting(j -> j.get("id")).containsExactly(first);
        assertThat((List<Map<String, Object>>) user.get("/apex/jobs_status?limit=1").json().get("processing_jobs"))
                .extracting(j -> j.get("id")).containsExactly(second);
        assertThat(user.get("/apex/jobs_status?filter=upscaling").json().get("processing_jobs")).isEqualTo(List.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void jobs_status_kept_between_changes_shows_each_change_at_once() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        Api other = newMember(tenant, "user");
        // The same question twice: the second answer is the kept one, and must not outlive what follows.
        assertThat(user.get("/apex/jobs_status").json().get("processing_jobs")).isEqualTo(List.of());
        assertThat(user.get("/apex/jobs_status").json().get("processing_jobs")).isEqualTo(List.of());
        assertThat(other.get("/apex/jobs_status").json().get("processing_jobs")).isEqualTo(List.of());

        Object id = user.post("/apex/unit_jobs", request(stewardBase(), "/processes/echo", "ogcapi",
                Map.of("a", "kept", "pause", 0.3))).json().get("id");
        List<Map<String, Object>> listed = (List<Map<String, Object>>) user.get("/apex/jobs_status").json()
                .get("processing_jobs");
        assertThat(listed).extracting(j -> j.get("id")).containsExactly(id);
        assertThat(listed.get(0)).containsEntry("parameters", Map.of("a", "kept", "pause", 0.3))
                .containsEntry("service", Map.of("endpoint", stewardBase(), "application", "/processes/echo",
                        "namespace", "ogcapi"));
        // Another member's kept answer is theirs: still empty, the job is private to its submitter.
        assertThat(other.get("/apex/jobs_status").json().get("processing_jobs")).isEqualTo(List.of());

        awaitStatus(user, id, "finished");
        assertThat((List<Map<String, Object>>) user.get("/apex/jobs_status").json().get("processing_jobs"))
                .extracting(j -> j.get("status")).containsExactly("finished");
        assertThat(user.delete("/apex/unit_jobs/" + id).status()).isEqualTo(200);
        assertThat(user.get("/apex/jobs_status").json().get("processing_jobs")).isEqualTo(List.of());
    }

    @Test
    void a_platform_that_is_down_keeps_the_job_until_it_is_back_or_gives_up() {
        Api user = newMember(newTenant(), "user");
        Object id = user.post("/apex/unit_jobs", request(downEndpoint, "ndvi", null, Map.of())).json().get("id");
        // Connection refused: nothing was sent, so it is tried again with backoff; the job stays, created.
        Await.until("a retry recorded", WAIT, () -> user.get("/api/v3.1/executions?workflow_id=remote_job")
                .items(), items -> items.size() == 1 && "started".equals(items.get(0).get("status")));
        assertThat(user.get("/apex/unit_jobs/" + id).json()).containsEntry("status", "created");
    }

    @Test
    void a_platform_failing_to_answer_a_status_keeps_the_last_one() {
        Api user = newMember(newTenant(), "user");
        String marker = marker();
        Object id = user.post("/apex/unit_jobs", markedJob(marker)).json().get("id");
        String remote = submittedWith(marker);
        fake.statuses.put(remote, "running");
        awaitStatus(user, id, "running");
        fake.failWith = 503;
        try {
            long seen = fake.requests.size();
            Await.until("polls that failed", WAIT, () -> fake.requests.size(), n -> n > seen + 3);
            assertThat(user.get("/apex/unit_jobs/" + id).json()).containsEntry("status", "running");
        } finally {
            fake.failWith = 0;
        }
        fake.statuses.put(remote, "failed");
        awaitStatus(user, id, "failed");
    }

    @Test
    void sync_jobs_run_on_a_platform_that_answers_at_once_and_are_refused_otherwise() {
        Api user = newMember(newTenant(), "user");
        Api.Response sync = user.post("/apex/sync_jobs", request(stewardBase(), "echo", "ogcapi", Map.of("a", "hi")));
        assertThat(sync.status()).as(sync.body()).isEqualTo(201);
        assertThat(sync.body()).contains("hi");
        Api.Response refused = user.post("/apex/sync_jobs", fakeJob(user));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()).containsEntry("error_code", "APEX_ERROR");
        assertThat((String) refused.json().get("message")).contains("asynchronously only");
    }

    @Test
    void a_restart_mid_job_polls_on_without_submitting_again() {
        Map<String, Object> database = database();
        Map<String, Object> settings = new LinkedHashMap<>(serverProperties());
        String tenant;
        Object id;
        String remote;
        long posts;
        try (StewardServer first = StewardServer.start(database, settings)) {
            tenant = "restart-" + java.util.UUID.randomUUID().toString().substring(0, 6);
            assertThat(first.admin().post("/api/v3.1/tenants/" + tenant, Map.of("rabbitmq_password", "")).status())
                    .isEqualTo(201);
            Api user = first.api().basic("admin", StewardServer.ADMIN_PASSWORD).tenant(tenant);
            String marker = marker();
            id = user.post("/apex/unit_jobs", markedJob(marker)).json().get("id");
            remote = submittedWith(marker);
            fake.statuses.put(remote, "running");
            awaitStatus(user, id, "running");
            posts = fake.requests.stream().filter(r -> r.startsWith("POST")).count();
        }
        try (StewardServer second = StewardServer.start(database, settings)) {
            Api user = second.api().basic("admin", StewardServer.ADMIN_PASSWORD).tenant(tenant);
            assertThat(user.get("/apex/unit_jobs/" + id).json()).containsEntry("status", "running");
            fake.statuses.put(remote, "successful");
            awaitStatus(user, id, "finished");
            assertThat(fake.requests.stream().filter(r -> r.startsWith("POST")).count()).isEqualTo(posts);
            assertThat(user.get("/apex/unit_jobs/" + id + "/results").json()).containsEntry("id", "ndvi-" + remote);
        }
    }

    @Test
    void a_server_that_stops_mid_submission_reports_an_unknown_outcome_and_sends_nothing_again() {
        Map<String, Object> database = database();
        Map<String, Object> settings = new LinkedHashMap<>(serverProperties());
        String tenant = "crash-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        Object id;
        long posts;
        fake.holdPosts = new java.util.concurrent.CountDownLatch(1);
        try {
            try (StewardServer first = StewardServer.start(database, settings)) {
                assertThat(first.admin().post("/api/v3.1/tenants/" + tenant, Map.of("rabbitmq_password", ""))
                        .status()).isEqualTo(201);
                Api user = first.api().basic("admin", StewardServer.ADMIN_PASSWORD).tenant(tenant);
                long before = fake.requests.stream().filter(r -> r.startsWith("POST")).count();
                id = user.post("/apex/unit_jobs", fakeJob(user)).json().get("id");
                posts = Await.until("the submission reached the platform", WAIT,
                        () -> fake.requests.stream().filter(r -> r.startsWith("POST")).count(), n -> n > before);
            }
        } finally {
            fake.holdPosts.countDown();
            fake.holdPosts = null;
        }
        try (StewardServer second = StewardServer.start(database, settings)) {
            Api user = second.api().basic("admin", StewardServer.ADMIN_PASSWORD).tenant(tenant);
            Map<String, Object> job = awaitStatus(user, id, "unknown");
            assertThat(job).containsEntry("id", id);
            Map<String, Object> execution = Await.until("the execution failed", WAIT,
                    () -> user.get("/api/v3.1/executions?workflow_id=remote_job").items().get(0),
                    e -> "failed".equals(e.get("status")));
            assertThat((String) execution.get("error")).contains("unknown");
            assertThat(fake.requests.stream().filter(r -> r.startsWith("POST")).count()).isEqualTo(posts);
        }
    }

    @Test
    void a_forwarding_platform_gets_the_submitters_token_after_a_restart_and_it_is_dropped_when_the_job_ends()
            throws java.sql.SQLException {
        Map<String, Object> database = database();
        Map<String, Object> settings = new LinkedHashMap<>(serverProperties());
        String tenant = "fwd-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String token;
        Object id;
        String remote;
        try (StewardServer first = StewardServer.start(database, settings)) {
            assertThat(first.admin().post("/api/v3.1/tenants/" + tenant, Map.of("rabbitmq_password", "")).status())
                    .isEqualTo(201);
            String username = "fwd-user-" + java.util.UUID.randomUUID().toString().substring(0, 6);
            assertThat(first.admin().put("/api/v3.1/users", Map.of("username", username, "password", "pw-x-123",
                    "role", "default")).status()).isEqualTo(201);
            assertThat(first.admin().put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name",
                    tenant, "role", "user")).status()).isEqualTo(200);
            Api basic = first.api().basic(username, "pw-x-123").tenant(tenant);
            token = (String) basic.post("/api/v3.1/tokens", Map.of("description", "apex")).json().get("value");
            Api bearer = first.api().with("Authorization", "Bearer " + token).tenant(tenant);
            String before = forwarding.lastJob;
            Api.Response created = bearer.post("/apex/unit_jobs", request(forwarding.endpoint(), "ndvi", null,
                    Map.of("bbox", List.of(1, 2, 3, 4))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            id = created.json().get("id");
            remote = Await.until("submitted", WAIT, () -> forwarding.lastJob, r -> !r.equals(before));
            forwarding.statuses.put(remote, "running");
            Await.until("running", WAIT, () -> bearer.get("/apex/unit_jobs/" + id).json(),
                    job -> "running".equals(job.get("status")));
            assertThat(forwarding.calls).contains("POST /processes/ndvi/execution <Bearer " + token + ">");
            // Kept for the poller, but sealed: the row holds neither the token nor any part of it in clear.
            Map<String, String> kept = callerTokenColumns(first, id);
            assertThat(kept.get("caller_token")).isNotNull().doesNotContain(token)
                    .doesNotContain(token.substring(5, 15));
            assertThat(kept.get("caller_token_key")).hasSize(16);
        }
        int seen = forwarding.calls.size();
        try (StewardServer second = StewardServer.start(database, settings)) {
            // Nobody calls with the token on this server: the poller has only the job's sealed one.
            Api admin = second.api().basic("admin", StewardServer.ADMIN_PASSWORD).tenant(tenant);
            String poll = "GET /jobs/" + remote + " <Bearer " + token + ">";
            Await.until("polled as the submitter after the restart", WAIT,
                    () -> callsSince(forwarding, seen), calls -> calls.contains(poll));
            forwarding.statuses.put(remote, "successful");
            awaitStatus(admin, id, "finished");
            assertThat(callsSince(forwarding, seen))
                    .contains("GET /jobs/" + remote + "/results <Bearer " + token + ">")
                    .noneMatch(call -> call.startsWith("POST"))
                    .allMatch(call -> call.endsWith("<Bearer " + token + ">"));
            Map<String, String> ended = callerTokenColumns(second, id);
            assertThat(ended.get("caller_token")).isNull();
            assertThat(ended.get("caller_token_key")).isNull();
        }
    }

    /** The unit job's sealed-token columns, read straight from the database. */
    private static Map<String, String> callerTokenColumns(StewardServer server, Object jobNumber)
            throws java.sql.SQLException {
        var context = server.context();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                context.getRequiredProperty("datasources.default.url", String.class),
                context.getRequiredProperty("datasources.default.username", String.class),
                context.getProperty("datasources.default.password", String.class).orElse(""));
             var st = c.prepareStatement("SELECT caller_token, caller_token_key FROM unit_jobs WHERE job_number = ?")) {
            st.setLong(1, ((Number) jobNumber).longValue());
            try (var rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Map<String, String> columns = new java.util.HashMap<>();
                columns.put("caller_token", rs.getString(1));
                columns.put("caller_token_key", rs.getString(2));
                return columns;
            }
        }
    }

    /**
     * What the generated Python client (apex-dispatch-api-client 0.7.2) sent when it was run against Steward
     * dispatching to a second Steward's {@code /ogcapi}, byte for byte (httpx: {@code Accept: *}{@code /*}, JSON with
     * ", " and ": " separators, a {@code null} for an unset namespace), and the answers checked against what its
     * models' {@code from_dict} require: each required key, enum strings from its enums, ISO datetimes, a STAC
     * Collection whole (else the client hands back a bare dict).
     */
    @Test
    @SuppressWarnings("unchecked")
    void the_generated_clients_requests_get_answers_its_models_parse() {
        Api member = newMember(newTenant(), "user");
        String token = (String) member.post("/api/v3.1/tokens", Map.of("description", "client")).json().get("value");
        Api client = server.api().with("Authorization", "Bearer " + token).with("Accept", "*/*");
        String service = "{\"endpoint\": \"" + stewardBase() + "\", \"application\": \"/processes/echo\", "
                + "\"namespace\": \"ogcapi\"}";

        Api.Response created = client.send("POST", "/apex/unit_jobs", "application/json", utf8("{\"title\": "
                + "\"Vegetation index\", \"label\": \"ogc_api_process\", \"service\": " + service + ", \"parameters\": "
                + "{\"a\": \"hello\", \"pause\": 0.5}, \"format\": \"geojson\"}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertProcessingJobSummary(created.json());
        Object id = created.json().get("id");

        Map<String, Object> job = Await.until("finished", WAIT, () -> client.get("/apex/unit_jobs/" + id).json(),
                j -> "finished".equals(j.get("status")));
        assertProcessingJobSummary(job);
        java.time.OffsetDateTime.parse((String) job.get("created"));
        java.time.OffsetDateTime.parse((String) job.get("updated"));

        Map<String, Object> collection = client.get("/apex/unit_jobs/" + id + "/results").json();
        assertThat(collection).containsEntry("type", "Collection");
        assertThat(collection.get("id")).isInstanceOf(String.class);
        assertThat(collection.get("description")).isInstanceOf(String.class);
        assertThat(collection.get("license")).isInstanceOf(String.class);
        assertThat((List<Object>) collection.get("links")).allSatisfy(link -> assertThat((Map<String, Object>) link)
                .containsKeys("href", "rel"));
        Map<String, Object> extent = (Map<String, Object>) collection.get("extent");
        assertThat((List<Object>) ((Map<String, Object>) extent.get("spatial")).get("bbox"))
                .allSatisfy(box -> assertThat(box).isInstanceOf(List.class));
        assertThat((List<Object>) ((Map<String, Object>) extent.get("temporal")).get("interval"))
                .allSatisfy(interval -> assertThat(interval).isInstanceOf(List.class));

        Map<String, Object> status = client.get("/apex/jobs_status?filter=upscaling&filter=processing").json();
        assertThat(status).containsOnlyKeys("upscaling_tasks", "processing_jobs");
        ((List<Map<String, Object>>) status.get("processing_jobs")).forEach(AbstractApexApiTest::assertProcessingJobSummary);

        Api.Response params = client.send("POST", "/apex/params", "application/json",
                utf8("{\"label\": \"ogc_api_process\", \"service\": " + service + "}"));
        assertThat(params.status()).as(params.body()).isEqualTo(200);
        assertThat(asList(params.body(), params)).isNotEmpty().allSatisfy(parameter -> {
            assertThat(parameter).containsKeys("name", "type", "optional", "description");
            assertThat(parameter.get("type")).isIn("datetime", "date-interval", "bounding-box", "polygon", "boolean",
                    "integer", "double", "string", "array-string");
            assertThat(parameter.get("optional")).isInstanceOf(Boolean.class);
        });

        Api.Response task = client.send("POST", "/apex/upscale_tasks", "application/json", utf8("{\"title\": "
                + "\"Vegetation index tiles\", \"label\": \"ogc_api_process\", \"service\": " + service
                + ", \"parameters\": {\"pause\": 0.2}, \"format\": \"geojson\", \"dimension\": {\"name\": \"a\", "
                + "\"values\": [\"one\", \"two\", \"three\"]}}"));
        assertThat(task.status()).as(task.body()).isEqualTo(201);
        assertThat(task.json()).containsOnlyKeys("id", "title", "label", "status");
        Map<String, Object> fullTask = Await.until("the task finished", WAIT,
                () -> client.get("/apex/upscale_tasks/" + task.json().get("id")).json(),
                t -> "finished".equals(t.get("status")));
        assertThat(fullTask).containsKeys("id", "title", "label", "status", "service", "created", "updated", "jobs");
        java.time.OffsetDateTime.parse((String) fullTask.get("updated"));
        assertThat((List<Map<String, Object>>) fullTask.get("jobs")).hasSize(3)
                .allSatisfy(AbstractApexApiTest::assertProcessingJobSummary);

        Api.Response deleted = client.delete("/apex/unit_jobs/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("null");
        Api.Response gone = client.get("/apex/unit_jobs/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json()).containsKeys("error_code", "message").containsEntry("error_code", "JOB_NOT_FOUND");
        assertThat(gone.headers().get("x-correlation-id")).containsExactly((String) gone.json().get("request_id"));

        Api.Response refused = client.send("POST", "/apex/unit_jobs", "application/json", utf8("{\"title\": \"bad\", "
                + "\"label\": \"ogc_api_process\", \"service\": " + service + ", \"parameters\": {\"a\": 5}, "
                + "\"format\": \"geojson\"}"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(errors(refused)).containsExactly(Map.of("loc", List.of("body", "parameters", "a"),
                "msg", "must be a string", "type", "string_type"));

        // A token Steward does not know: 401, and the correlation id in the header is the body's request_id.
        Api.Response unknownToken = server.api().with("Authorization", "Bearer ctok-not-a-token").with("Accept", "*/*")
                .get("/apex/jobs_status");
        assertThat(unknownToken.status()).isEqualTo(401);
        assertThat(unknownToken.json()).containsEntry("error_code", "AUTHENTICATION_FAILED");
        assertThat(unknownToken.headers().get("x-correlation-id"))
                .containsExactly((String) unknownToken.json().get("request_id"));
    }

    @SuppressWarnings("unchecked")
    private static void assertProcessingJobSummary(Map<String, Object> job) {
        assertThat(job.get("id")).isInstanceOf(Integer.class);
        assertThat(job.get("title")).isInstanceOf(String.class);
        assertThat(job.get("label")).isIn("openeo", "ogc_api_process");
        assertThat(job.get("status")).isIn("created", "queued", "running", "finished", "canceled", "failed",
                "unknown");
        assertThat((Map<String, Object>) job.get("service")).containsKeys("endpoint", "application");
        assertThat(job.get("parameters")).isInstanceOf(Map.class);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
