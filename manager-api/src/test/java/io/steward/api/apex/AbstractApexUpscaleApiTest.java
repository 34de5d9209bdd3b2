package io.steward.api.apex;

import io.micronaut.runtime.server.EmbeddedServer;
import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * APEx upscale tasks through real HTTP: fanned out over a second Steward's {@code /ogcapi}, and over a small platform
 * server in the test (limited to two jobs at a time) whose job statuses the tests set.
 */
abstract class AbstractApexUpscaleApiTest extends AbstractApexPlatformsTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    /** A platform taking two jobs at a time, for the one test that fills it. */
    FakeOgcPlatform limited;

    @Override
    List<String> otherPlatforms() {
        limited = started(new FakeOgcPlatform());
        return List.of("{\"endpoint\":\"" + fake.endpoint() + "\",\"auth\":{\"type\":\"bearer\",\"token\":\"t0k\"}}",
                "{\"endpoint\":\"" + limited.endpoint() + "\",\"max_concurrent_jobs\":2}");
    }

    static Map<String, Object> task(String endpoint, String application, String namespace,
                                    Map<String, Object> parameters, String dimension, List<?> values) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("endpoint", endpoint);
        service.put("application", application);
        service.put("namespace", namespace);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Vegetation index tiles");
        body.put("label", "ogc_api_process");
        body.put("service", service);
        body.put("parameters", parameters);
        body.put("format", "geojson");
        body.put("dimension", Map.of("name", dimension, "values", values));
        return body;
    }

    /** {@code n} distinct bounding boxes, values the fake platform's {@code bbox} input takes. */
    static List<List<Integer>> boxes(int n) {
        List<List<Integer>> boxes = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            boxes.add(List.of(i, i, i + 1, i + 1));
        }
        return boxes;
    }

    Map<String, Object> fakeTask(List<?> values) {
        return task(fake.endpoint(), "ndvi", "apex", Map.of("scale", 2), "bbox", values);
    }

    static Map<String, Object> awaitTask(Api user, Object id, String status) {
        return Await.until("upscale task " + id + " " + status, WAIT,
                () -> user.get("/apex/upscale_tasks/" + id).json(), task -> status.equals(task.get("status")));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> jobsOf(Map<String, Object> task) {
        return (List<Map<String, Object>>) task.get("jobs");
    }

    /** The remote job ids the fake platform made after {@code before} jobs, once there are {@code count}. */
    List<String> awaitRemoteJobs(Set<String> before, int count) {
        return awaitRemoteJobs(fake, before, count);
    }

    static List<String> awaitRemoteJobs(FakeOgcPlatform platform, Set<String> before, int count) {
        return Await.until(count + " remote jobs", WAIT, () -> {
            List<String> made = new ArrayList<>(platform.statuses.keySet());
            made.removeAll(before);
            return made;
        }, made -> made.size() >= count);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_task_over_three_values_runs_three_unit_jobs_on_a_second_steward_to_finished() {
        Api user = newMember(newTenant(), "user");
        Api.Response created = user.post("/apex/upscale_tasks", task(stewardBase(), "/processes/echo", "ogcapi",
                Map.of("pause", 0.2), "a", List.of("one", "two", "three")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Map<String, Object> summary = created.json();
        assertThat(summary.get("id")).isInstanceOf(Integer.class);
        assertThat(summary).containsOnlyKeys("id", "title", "label", "status")
                .containsEntry("title", "Vegetation index tiles").containsEntry("label", "ogc_api_process")
                .containsEntry("status", "created");

        Map<String, Object> finished = awaitTask(user, summary.get("id"), "finished");
        assertThat(finished).containsKeys("created", "updated").containsEntry("service", Map.of("endpoint",
                stewardBase(), "application", "/processes/echo", "namespace", "ogcapi"));
        List<Map<String, Object>> jobs = jobsOf(finished);
        assertThat(jobs).extracting(j -> ((Map<String, Object>) j.get("parameters")).get("a"))
                .containsExactly("one", "two", "three");
        assertThat(jobs).allSatisfy(j -> assertThat(j).containsEntry("status", "finished")
                .containsEntry("parameters", Map.of("pause", 0.2, "a", j.get("parameters") instanceof Map<?, ?> p
                        ? p.get("a") : null)));
        // Each is an ordinary unit job, and an execution.
        for (Map<String, Object> job : jobs) {
            assertThat(user.get("/apex/unit_jobs/" + job.get("id")).json()).containsEntry("status", "finished");
        }
        assertThat(user.get("/api/v3.1/executions?workflow_id=remote_job").items()).hasSize(3)
                .allSatisfy(e -> assertThat(e).containsEntry("status", "terminated"));
        assertThat(platformSteward.admin().get("/ogcapi/jobs?limit=100").json().get("jobs")).asList()
                .hasSizeGreaterThanOrEqualTo(3);

        Map<String, Object> status = user.get("/apex/jobs_status?filter=upscaling").json();
        assertThat(status.get("upscaling_tasks")).isEqualTo(List.of(Map.of("id", summary.get("id"),
                "title", "Vegetation index tiles", "label", "ogc_api_process", "status", "finished")));
        assertThat(status.get("processing_jobs")).isEqualTo(List.of());
        assertThat((List<?>) user.get("/apex/jobs_status").json().get("processing_jobs")).hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jobs_go_out_side_by_side_within_the_platforms_limit_and_the_status_follows_the_rule() {
        Api user = newMember(newTenant(), "user");
        Set<String> before = Set.copyOf(limited.statuses.keySet());
        Map<String, Object> request = fakeTask(List.of(List.of(1, 2, 3, 4), List.of(5, 6, 7, 8),
                List.of(9, 10, 11, 12)));
        ((Map<String, Object>) request.get("service")).put("endpoint", limited.endpoint());
        Object id = user.post("/apex/upscale_tasks", request).json().get("id");
        // max_concurrent_jobs 2: two go out together, the third waits for a place.
        List<String> first = awaitRemoteJobs(limited, before, 2);
        assertThat(first).hasSize(2);
        Await.until("the first two polled", WAIT, () -> first.stream().allMatch(r -> limited.count("GET /apex/jobs/" + r) > 0),
                polled -> polled);
        assertThat(limited.statuses.keySet().stream().filter(r -> !before.contains(r)).count()).isEqualTo(2);
        assertThat(awaitTask(user, id, "created").get("status")).isEqualTo("created");

        limited.statuses.put(first.get(0), "running");
        awaitTask(user, id, "running");
        limited.statuses.put(first.get(0), "failed");
        limited.statuses.put(first.get(1), "successful");
        List<String> all = awaitRemoteJobs(limited, before, 3);
        String third = all.stream().filter(r -> !first.contains(r)).findFirst().orElseThrow();
        // One failed, one finished, one still accepted (created): the task is created until all are done.
        awaitTask(user, id, "created");
        limited.statuses.put(third, "successful");
        Map<String, Object> finished = awaitTask(user, id, "finished");
        assertThat(jobsOf(finished)).extracting(j -> j.get("status"))
                .containsExactlyInAnyOrder("failed", "finished", "finished");
        // Each job got its own value of the dimension, the other parameters as given.
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < limited.requests.size(); i++) {
            if (limited.requests.get(i).equals("POST /apex/processes/ndvi/execution")) {
                posted.add(limited.bodies.get(i));
            }
        }
        assertThat(posted).contains("{\"inputs\":{\"scale\":2,\"bbox\":[1,2,3,4]}}",
                "{\"inputs\":{\"scale\":2,\"bbox\":[5,6,7,8]}}", "{\"inputs\":{\"scale\":2,\"bbox\":[9,10,11,12]}}");
    }

    @Test
    void submissions_to_a_slow_platform_go_out_side_by_side() {
        Api user = newMember(newTenant(), "user");
        // A scale of its own tells this test's submissions from other tests' at the shared fake.
        int marker = 100 + new java.util.Random().nextInt(1_000_000);
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        fake.holdPosts = hold;
        try {
            Object id = user.post("/apex/upscale_tasks", task(fake.endpoint(), "ndvi", "apex",
                    Map.of("scale", marker), "bbox", List.of(List.of(1, 2, 3, 4), List.of(5, 6, 7, 8),
                            List.of(9, 10, 11, 12)))).json().get("id");
            // The platform answers none of them yet: only submissions sent side by side can all have arrived.
            Await.until("three submissions held at the platform at once", WAIT,
                    () -> fake.bodies.stream().filter(b -> b.contains("\"scale\":" + marker + ",")).count(),
                    arrived -> arrived == 3);
            hold.countDown();
            assertThat(jobsOf(awaitTask(user, id, "created"))).hasSize(3);
        } finally {
            fake.holdPosts = null;
            hold.countDown();
        }
    }

    @Test
    void all_failed_is_failed() {
        Api user = newMember(newTenant(), "user");
        Set<String> before = Set.copyOf(fake.statuses.keySet());
        Object id = user.post("/apex/upscale_tasks", fakeTask(boxes(2))).json().get("id");
        awaitRemoteJobs(before, 2).forEach(r -> fake.statuses.put(r, "failed"));
        assertThat(jobsOf(awaitTask(user, id, "failed"))).extracting(j -> j.get("status"))
                .containsExactly("failed", "failed");
    }

    @Test
    void delete_cancels_the_task_as_a_whole_dismissing_each_remote_job() {
        Api user = newMember(newTenant(), "user");
        Set<String> before = Set.copyOf(fake.statuses.keySet());
        Map<String, Object> created = user.post("/apex/upscale_tasks", fakeTask(boxes(2))).json();
        List<String> remote = awaitRemoteJobs(before, 2);
        Await.until("both polled", WAIT, () -> remote.stream().allMatch(r -> fake.count("GET /apex/jobs/" + r) > 0),
                polled -> polled);
        List<Map<String, Object>> jobs = jobsOf(user.get("/apex/upscale_tasks/" + created.get("id")).json());

        Api.Response deleted = user.delete("/apex/upscale_tasks/" + created.get("id"));
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("null");
        for (String r : remote) {
            assertThat(fake.count("DELETE /apex/jobs/" + r)).isEqualTo(1);
        }
        Api.Response gone = user.get("/apex/upscale_tasks/" + created.get("id"));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json()).containsEntry("error_code", "TASK_NOT_FOUND").containsEntry("status", "error");
        for (Map<String, Object> job : jobs) {
            assertThat(user.get("/apex/unit_jobs/" + job.get("id")).status()).isEqualTo(404);
        }
        assertThat(user.get("/api/v3.1/executions?workflow_id=remote_job").items())
                .allSatisfy(e -> assertThat(e.get("status")).isNotEqualTo("started"));
        assertThat(user.get("/apex/jobs_status").json().get("upscaling_tasks")).isEqualTo(List.of());
    }

    @Test
    void unknown_tasks_are_404_task_not_found_and_bad_ids_422() {
        Api user = newMember(newTenant(), "user");
        Api.Response missing = user.get("/apex/upscale_tasks/987654321");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).containsEntry("error_code", "TASK_NOT_FOUND").containsKey("request_id");
        assertThat(user.delete("/apex/upscale_tasks/987654321").json()).containsEntry("error_code", "TASK_NOT_FOUND");
        Api.Response bad = user.get("/apex/upscale_tasks/abc");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json()).containsEntry("error_code", "VALIDATION_ERROR");
        assertThat(bad.body()).contains("\"loc\":[\"path\",\"task_id\"]");
    }

    @Test
    void a_bad_body_is_422_naming_each_field() {
        Api user = newMember(newTenant(), "user");
        Map<String, Object> noDimension = fakeTask(List.of(1));
        noDimension.remove("dimension");
        noDimension.remove("title");
        Api.Response missing = user.post("/apex/upscale_tasks", noDimension);
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.json()).containsEntry("error_code", "VALIDATION_ERROR");
        assertThat(missing.body()).contains("\"loc\":[\"body\",\"title\"]", "\"loc\":[\"body\",\"dimension\"]");

        Map<String, Object> empty = fakeTask(List.of());
        Api.Response tooShort = user.post("/apex/upscale_tasks", empty);
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.body()).contains("\"loc\":[\"body\",\"dimension\",\"values\"]", "too_short");

        Map<String, Object> wrong = fakeTask(List.of(1));
        wrong.put("dimension", Map.of("name", 7, "values", "nope"));
        Api.Response types = user.post("/apex/upscale_tasks", wrong);
        assertThat(types.status()).isEqualTo(422);
        assertThat(types.body()).contains("\"loc\":[\"body\",\"dimension\",\"name\"]",
                "\"loc\":[\"body\",\"dimension\",\"values\"]", "list_type");

        Api.Response tooLong = user.post("/apex/upscale_tasks", fakeTask(java.util.Collections.nCopies(1001, 1)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).contains("too_long");

        Map<String, Object> elsewhere = task("http://127.0.0.1:1", "ndvi", null, Map.of(), "bbox", List.of(1));
        Api.Response notConfigured = user.post("/apex/upscale_tasks", elsewhere);
        assertThat(notConfigured.status()).isEqualTo(400);
        assertThat(user.get("/apex/jobs_status").json()).isEqualTo(Map.of("upscaling_tasks", List.of(),
                "processing_jobs", List.of()));
    }

    @Test
    void a_user_sees_their_own_tasks_and_a_tenant_manager_the_tenants() {
        String tenant = newTenant();
        Api owner = newMember(tenant, "user");
        Api other = newMember(tenant, "user");
        Api manager = newMember(tenant, "manager");
        Api viewer = newMember(tenant, "viewer");
        Object id = owner.post("/apex/upscale_tasks", fakeTask(boxes(1))).json().get("id");
        assertThat(other.get("/apex/upscale_tasks/" + id).json()).containsEntry("error_code", "TASK_NOT_FOUND");
        assertThat(other.delete("/apex/upscale_tasks/" + id).status()).isEqualTo(404);
        assertThat(other.get("/apex/jobs_status").json().get("upscaling_tasks")).isEqualTo(List.of());
        assertThat(manager.get("/apex/upscale_tasks/" + id).status()).isEqualTo(200);
        assertThat(jobsOf(manager.get("/apex/upscale_tasks/" + id).json())).hasSize(1);
        assertThat((List<?>) manager.get("/apex/jobs_status").json().get("upscaling_tasks")).hasSize(1);
        assertThat(viewer.post("/apex/upscale_tasks", fakeTask(boxes(1))).status()).isEqualTo(403);
        Api outsider = newMember(newTenant(), "manager");
        assertThat(outsider.get("/apex/upscale_tasks/" + id).status()).isEqualTo(404);
        assertThat(owner.get("/apex/upscale_tasks/" + id).status()).isEqualTo(200);
    }

    // --- WebSockets -------------------------------------------------------------------------------------------

    /** A socket client that keeps every text message and the close code. */
    static final class SocketClient implements java.net.http.WebSocket.Listener {
        final java.util.concurrent.LinkedBlockingQueue<Map<String, Object>> messages =
                new java.util.concurrent.LinkedBlockingQueue<>();
        final java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final io.micronaut.json.JsonMapper mapper = io.micronaut.json.JsonMapper.createDefault();

        @Override
        @SuppressWarnings("unchecked")
        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data,
                                                              boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(mapper.readValue(partial.toString(), Map.class));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket socket, int code, String reason) {
            closed.complete(code);
            return null;
        }

        @Override
        public void onError(java.net.http.WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }

        Map<String, Object> next() {
            try {
                Map<String, Object> message = messages.poll(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                assertThat(message).as("a message within " + WAIT).isNotNull();
                return message;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Status messages until one {@code until} accepts; returns that one. */
        Map<String, Object> statusUntil(java.util.function.Predicate<Map<String, Object>> until) {
            while (true) {
                Map<String, Object> message = next();
                assertThat(message.get("type")).isEqualTo("status");
                if (until.test(message)) {
                    return message;
                }
            }
        }

        int closeCode() {
            try {
                return closed.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    SocketClient connect(String pathAndQuery) {
        SocketClient client = new SocketClient();
        String base = server.context().getBean(EmbeddedServer.class).getURI().toString().replaceFirst("^http", "ws");
        java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(java.net.URI.create(base.replaceAll("/$", "") + pathAndQuery), client)
                .orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
        return client;
    }

    static String tokenOf(Api user) {
        Api.Response created = user.post("/api/v3.1/tokens", Map.of("description", "socket"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return (String) created.json().get("value");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_task_socket_sends_init_then_a_status_on_every_change_until_finished() {
        Api user = newMember(newTenant(), "user");
        String token = tokenOf(user);
        Set<String> before = Set.copyOf(fake.statuses.keySet());
        Object id = user.post("/apex/upscale_tasks", fakeTask(boxes(2))).json().get("id");
        List<String> remote = awaitRemoteJobs(before, 2);
        // A re-read every 600 s: what comes sooner was pushed on the change.
        SocketClient socket = connect("/apex/ws/upscale_tasks/" + id + "?token=" + token + "&interval=600");
        Map<String, Object> init = socket.next();
        assertThat(init).containsEntry("type", "init").containsEntry("task_id", id).containsKey("message");
        assertThat(socket.next()).containsEntry("type", "loading").containsEntry("task_id", id);
        Map<String, Object> first = socket.next();
        assertThat(first).containsEntry("type", "status").containsEntry("task_id", id);
        assertThat((Map<String, Object>) first.get("data")).containsEntry("id", id).containsEntry("status", "created");

        fake.statuses.put(remote.get(0), "running");
        socket.statusUntil(m -> "running".equals(((Map<String, Object>) m.get("data")).get("status")));
        remote.forEach(r -> fake.statuses.put(r, "successful"));
        Map<String, Object> finished = socket.statusUntil(m ->
                "finished".equals(((Map<String, Object>) m.get("data")).get("status")));
        assertThat(jobsOf((Map<String, Object>) finished.get("data"))).extracting(j -> j.get("status"))
                .containsExactly("finished", "finished");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_jobs_status_socket_pushes_the_callers_list_with_its_filter() {
        Api user = newMember(newTenant(), "user");
        SocketClient socket = connect("/apex/ws/jobs_status?token=" + tokenOf(user) + "&filter=upscaling&interval=600");
        assertThat(socket.next()).containsEntry("type", "init");
        assertThat(socket.next()).containsEntry("type", "loading");
        assertThat(socket.next()).containsEntry("type", "status")
                .containsEntry("data", Map.of("upscaling_tasks", List.of(), "processing_jobs", List.of()));
        Object id = user.post("/apex/upscale_tasks", fakeTask(boxes(1))).json().get("id");
        Map<String, Object> pushed = socket.statusUntil(m ->
                !((List<?>) ((Map<String, Object>) m.get("data")).get("upscaling_tasks")).isEmpty());
        assertThat(((Map<String, Object>) pushed.get("data")).get("upscaling_tasks")).isEqualTo(List.of(
                Map.of("id", id, "title", "Vegetation index tiles", "label", "ogc_api_process", "status", "created")));
        assertThat(((Map<String, Object>) pushed.get("data")).get("processing_jobs")).isEqualTo(List.of());
    }

    @Test
    void a_socket_without_a_valid_token_is_closed_with_1008_and_one_for_another_users_task_with_1011() {
        assertThat(connect("/apex/ws/jobs_status").closeCode()).isEqualTo(1008);
        assertThat(connect("/apex/ws/upscale_tasks/1?interval=5").closeCode()).isEqualTo(1008);
        SocketClient refused = connect("/apex/ws/jobs_status?token=ctok-999-nope");
        assertThat(refused.next()).containsEntry("type", "error");
        assertThat(refused.closeCode()).isEqualTo(1008);

        String tenant = newTenant();
        Object id = newMember(tenant, "user").post("/apex/upscale_tasks", fakeTask(boxes(1))).json().get("id");
        SocketClient other = connect("/apex/ws/upscale_tasks/" + id + "?token=" + tokenOf(newMember(tenant, "user")));
        assertThat(other.next()).containsEntry("type", "init");
        assertThat(other.next()).containsEntry("type", "loading");
        assertThat(other.next()).containsEntry("type", "error").containsEntry("task_id", id);
        assertThat(other.closeCode()).isEqualTo(1011);

        SocketClient badInterval = connect("/apex/ws/jobs_status?token=" + tokenOf(newMember(tenant, "user"))
                + "&interval=zero");
        assertThat(badInterval.next()).containsEntry("type", "error");
        assertThat(badInterval.closeCode()).isEqualTo(1008);
    }
}
