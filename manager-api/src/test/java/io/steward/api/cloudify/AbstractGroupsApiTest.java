package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Archives;
import io.steward.api.support.Await;
import io.steward.api.support.Multipart;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deployment groups with static members and execution groups over them, through the requests Cloudify's client and
 * {@code cfy deployments groups} / {@code cfy executions groups} send.
 */
abstract class AbstractGroupsApiTest extends ApiTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ACTIVE = "status=pending&status=started&status=cancelling&status=force_cancelling"
            + "&status=kill_cancelling";

    /** A tenant user and deployments of the gated lifecycle blueprint: each install waits at its own gate file. */
    private record Fleet(Api user, List<String> deployments, Map<String, Path> outDirs) {
        void openGate(String deployment) throws IOException {
            Files.writeString(outDirs.get(deployment).resolve("GATE"), "open");
        }

        boolean atGate(String deployment) throws IOException {
            Path waiting = outDirs.get(deployment).resolve("waiting.log");
            return Files.exists(waiting) && !Files.readAllLines(waiting).isEmpty();
        }
    }

    private Fleet fleet(int size) throws IOException {
        return fleet(size, 0);
    }

    /** With {@code failTimes} above the flaky operation's two retries, every deployment's flaky workflow fails. */
    private Fleet fleet(int size, int failTimes) throws IOException {
        Api user = newMember(newTenant(), "user");
        String blueprint = unique("bp");
        byte[] archive = Archives.ofResourceFolder("lifecycle", "blueprint.yaml", "scripts/record.sh",
                "scripts/flaky.sh", "scripts/sleepy.sh").tarGz();
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/" + blueprint, Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(AbstractBlueprintApiTest.PARAMS, archive));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        List<String> deployments = new ArrayList<>();
        Map<String, Path> outDirs = new HashMap<>();
        for (int i = 0; i < size; i++) {
            String deployment = unique("d" + i);
            Path out = Files.createTempDirectory("steward-group-out");
            var created = user.put("/api/v3.1/deployments/" + deployment, Map.of("blueprint_id", blueprint,
                    "inputs", Map.of("out_dir", out.toString(), "gate", out.resolve("GATE").toString(),
                            "fail_times", failTimes)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            deployments.add(deployment);
            outDirs.put(deployment, out);
        }
        return new Fleet(user, deployments, outDirs);
    }

    private static Map<String, Object> groupBody(List<String> deploymentIds) {
        Map<String, Object> body = new HashMap<>();
        // What the client's deployment_groups.put sends for `cfy deployments groups create g --deployment-id …`.
        body.put("visibility", null);
        body.put("description", null);
        body.put("blueprint_id", null);
        body.put("default_inputs", null);
        body.put("labels", null);
        body.put("filter_id", null);
        body.put("deployment_ids", deploymentIds);
        return body;
    }

    private static Map<String, Object> startBody(String group, String workflow, int concurrency) {
        Map<String, Object> body = new HashMap<>();
        body.put("force", false);
        body.put("deployment_group_id", group);
        body.put("workflow_id", workflow);
        body.put("parameters", null);
        body.put("default_parameters", null);
        body.put("concurrency", concurrency);
        return body;
    }

    @Test
    void a_deployment_group_is_created_extended_shrunk_listed_and_deleted() throws IOException {
        Fleet fleet = fleet(3);
        Api user = fleet.user();
        List<String> d = fleet.deployments();
        String group = unique("g");
        Map<String, Object> create = groupBody(List.of(d.get(0), d.get(1)));
        create.put("description", "web tier");
        create.put("default_inputs", Map.of("fail_times", 0));
        var created = user.put("/api/v3.1/deployment-groups/" + group, create);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json()).containsEntry("id", group).containsEntry("description", "web tier")
                .containsEntry("deployment_ids", List.of(d.get(0), d.get(1)))
                .containsEntry("default_inputs", Map.of("fail_times", 0)).containsEntry("default_blueprint_id", null)
                .containsEntry("visibility", "tenant").containsKeys("created_at", "created_by", "tenant_name",
                        "labels");

        var extended = user.patch("/api/v3.1/deployment-groups/" + group,
                Map.of("add", Map.of("deployment_ids", List.of(d.get(2), d.get(0)))));
        assertThat(extended.status()).as(extended.body()).isEqualTo(200);
        assertThat(extended.json().get("deployment_ids")).isEqualTo(List.of(d.get(0), d.get(1), d.get(2)));

        var shrunk = user.patch("/api/v3.1/deployment-groups/" + group,
                Map.of("remove", Map.of("deployment_ids", List.of(d.get(1)))));
        assertThat(shrunk.json().get("deployment_ids")).isEqualTo(List.of(d.get(0), d.get(2)));

        // A PUT without deployment_ids keeps the members; with them, replaces them.
        var described = user.put("/api/v3.1/deployment-groups/" + group, Map.of("description", "all"));
        assertThat(described.json()).containsEntry("description", "all")
                .containsEntry("deployment_ids", List.of(d.get(0), d.get(2)));
        var replaced = user.put("/api/v3.1/deployment-groups/" + group, groupBody(List.of(d.get(1))));
        assertThat(replaced.json().get("deployment_ids")).isEqualTo(List.of(d.get(1)));

        var listed = user.get("/api/v3.1/deployment-groups?_size=1000");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.items()).extracting(g -> g.get("id")).containsExactly(group);
        assertThat(listed.json().get("metadata")).isNotNull();
        assertThat(user.get("/api/v3.1/deployment-groups/" + group).json().get("deployment_ids"))
                .isEqualTo(List.of(d.get(1)));

        assertThat(user.delete("/api/v3.1/deployment-groups/" + group).status()).isEqualTo(204);
        var gone = user.get("/api/v3.1/deployment-groups/" + group);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("not_found_error");
        // The members stay.
        assertThat(user.get("/api/v3.1/deployments/" + d.get(1)).status()).isEqualTo(200);
    }

    private static Map<String, Object> labelRule(String key, String... values) {
        return Map.of("key", key, "values", List.of(values), "operator", "any_of", "type", "label");
    }

    @Test
    void members_come_from_a_saved_filter_filter_rules_and_another_group_as_the_client_sends_them() throws IOException {
        Fleet fleet = fleet(3);
        Api user = fleet.user();
        List<String> d = fleet.deployments();
        for (int i = 0; i < 3; i++) {
            var labelled = user.patch("/api/v3.1/deployments/" + d.get(i),
                    Map.of("labels", List.of(Map.of("env", i < 2 ? "prod" : "dev"))));
            assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
        }
        String filter = unique("prod");
        var saved = user.put("/api/v3.1/filters/deployments/" + filter, Map.of("filter_rules",
                List.of(labelRule("env", "prod")), "visibility", "tenant"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        // `cfy deployments groups create g1 --filter-id prod`: the client's put() with the other keys null.
        String prod = unique("g");
        Map<String, Object> byFilter = groupBody(null);
        byFilter.put("filter_id", filter);
        byFilter.put("new_deployments", null);
        byFilter.put("deployments_from_group", null);
        var created = user.put("/api/v3.1/deployment-groups/" + prod, byFilter);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("deployment_ids")).isEqualTo(List.of(d.get(0), d.get(1)));

        // `cfy deployments groups extend g2 --filter-rules …` / `--from-group g1` / `shrink g2 --filter-rules …`.
        String mixed = unique("g");
        assertThat(user.put("/api/v3.1/deployment-groups/" + mixed, groupBody(List.of(d.get(2)))).status())
                .isEqualTo(200);
        Map<String, Object> add = new HashMap<>();
        add.put("deployment_ids", null);
        add.put("new_deployments", null);
        add.put("filter_id", null);
        add.put("filter_rules", List.of()); // what `cfy deployments groups extend` sends without rules
        add.put("deployments_from_group", prod);
        var extended = user.patch("/api/v3.1/deployment-groups/" + mixed, Map.of("add", add));
        assertThat(extended.status()).as(extended.body()).isEqualTo(200);
        assertThat(extended.json().get("deployment_ids")).isEqualTo(List.of(d.get(2), d.get(0), d.get(1)));
        Map<String, Object> remove = new HashMap<>();
        remove.put("deployment_ids", null);
        remove.put("filter_id", null);
        remove.put("filter_rules", List.of(labelRule("env", "prod")));
        remove.put("deployments_from_group", null);
        var shrunk = user.patch("/api/v3.1/deployment-groups/" + mixed, Map.of("remove", remove));
        assertThat(shrunk.status()).as(shrunk.body()).isEqualTo(200);
        assertThat(shrunk.json().get("deployment_ids")).isEqualTo(List.of(d.get(2)));
        add.put("deployments_from_group", null);
        add.put("filter_rules", List.of(labelRule("env", "prod", "dev")));
        assertThat(user.patch("/api/v3.1/deployment-groups/" + mixed, Map.of("add", add)).json()
                .get("deployment_ids")).isEqualTo(List.of(d.get(2), d.get(0), d.get(1)));

        // Members are read when the group changes: a deployment labelled prod later is not a member by itself.
        user.patch("/api/v3.1/deployments/" + d.get(2), Map.of("labels", List.of(Map.of("env", "prod"))));
        assertThat(user.get("/api/v3.1/deployment-groups/" + prod).json().get("deployment_ids"))
                .isEqualTo(List.of(d.get(0), d.get(1)));

        // An unknown filter or group is 404; another tenant's filter is unknown there.
        byFilter.put("filter_id", "no-such-filter");
        var unknown = user.put("/api/v3.1/deployment-groups/" + unique("g"), byFilter);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("not_found_error");
        Api stranger = newMember(newTenant(), "user");
        byFilter.put("filter_id", filter);
        assertThat(stranger.put("/api/v3.1/deployment-groups/" + unique("g"), byFilter).status()).isEqualTo(404);
        byFilter.put("filter_id", null);
        byFilter.put("deployments_from_group", prod);
        assertThat(stranger.put("/api/v3.1/deployment-groups/" + unique("g"), byFilter).status()).isEqualTo(404);
    }

    @Test
    void an_execution_group_of_six_installs_never_runs_more_than_two_at_once() throws Exception {
        Fleet fleet = fleet(6);
        Api user = fleet.user();
        String group = unique("g");
        assertThat(user.put("/api/v3.1/deployment-groups/" + group, groupBody(fleet.deployments())).status())
                .isEqualTo(200);

        AtomicInteger mostActive = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                var active = user.get("/api/v3.1/executions?_size=0&workflow_id=install&" + ACTIVE);
                if (active.status() == 200) {
                    Number total = (Number) ((Map<?, ?>) ((Map<?, ?>) active.json().get("metadata"))
                            .get("pagination")).get("total");
                    mostActive.accumulateAndGet(total.intValue(), Math::max);
                }
            }
        });
        sampler.start();
        try {
            var started = user.post("/api/v3.1/execution-groups", startBody(group, "install", 2));
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            String id = (String) started.json().get("id");
            assertThat(started.json()).containsEntry("deployment_group_id", group)
                    .containsEntry("workflow_id", "install").containsEntry("concurrency", 2);
            assertThat((List<?>) started.json().get("execution_ids")).hasSize(6);

            List<String> opened = new ArrayList<>();
            while (opened.size() < 6) {
                int expected = Math.min(2, 6 - opened.size());
                List<String> waiting = Await.until(expected + " installs at their gates", WAIT,
                        () -> atGates(fleet, opened), w -> w.size() >= expected);
                // Every install that ever reached its gate is either let through or one of at most two waiting.
                assertThat(waiting).hasSize(expected);
                assertThat(activeMembers(user, id)).isLessThanOrEqualTo(2);
                fleet.openGate(waiting.get(0));
                opened.add(waiting.get(0));
            }
            Map<String, Object> done = Await.until("the group to end", WAIT,
                    () -> user.get("/api/v3.1/execution-groups/" + id).json(),
                    g -> "terminated".equals(g.get("status")) || "failed".equals(g.get("status")));
            assertThat(done.get("status")).isEqualTo("terminated");
        } finally {
            sampling.set(false);
            sampler.join();
        }
        // The sampler saw two at once (so it can see a third) and never more.
        assertThat(mostActive.get()).isEqualTo(2);
    }

    private static List<String> atGates(Fleet fleet, List<String> opened) {
        List<String> waiting = new ArrayList<>();
        for (String deployment : fleet.deployments()) {
            try {
                if (!opened.contains(deployment) && fleet.atGate(deployment)) {
                    waiting.add(deployment);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return waiting;
    }

    @SuppressWarnings("unchecked")
    private static long activeMembers(Api user, String groupId) {
        List<String> ids = (List<String>) user.get("/api/v3.1/execution-groups/" + groupId).json()
                .get("execution_ids");
        return ids.stream().map(e -> (String) user.get("/api/v3.1/executions/" + e).json().get("status"))
                .filter(s -> !s.equals("queued") && !s.equals("terminated") && !s.equals("failed")
                        && !s.equals("cancelled")).count();
    }

    @Test
    void cancelling_the_group_cancels_the_queued_at_once_and_the_running_ones() throws Exception {
        Fleet fleet = fleet(4);
        Api user = fleet.user();
        String group = unique("g");
        user.put("/api/v3.1/deployment-groups/" + group, groupBody(fleet.deployments()));
        String id = (String) user.post("/api/v3.1/execution-groups", startBody(group, "install", 1)).json()
                .get("id");
        Await.until("one install at its gate", WAIT, () -> atGates(fleet, List.of()), w -> w.size() == 1);

        var cancelled = user.post("/api/v3.1/execution-groups/" + id, Map.of("action", "cancel"));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        List<String> running = atGates(fleet, List.of());
        fleet.openGate(running.get(0));
        Map<String, Object> done = Await.until("the group to end", WAIT,
                () -> user.get("/api/v3.1/execution-groups/" + id).json(),
                g -> "terminated".equals(g.get("status")) || "failed".equals(g.get("status")));
        // Cancelled members count as success, as in Cloudify.
        assertThat(done.get("status")).isEqualTo("terminated");
        @SuppressWarnings("unchecked")
        List<String> members = (List<String>) done.get("execution_ids");
        assertThat(members).hasSize(4).allSatisfy(e -> assertThat(user.get("/api/v3.1/executions/" + e).json()
                .get("status")).isEqualTo("cancelled"));
        // No other install ever started.
        assertThat(atGates(fleet, List.of())).containsExactlyElementsOf(running);
    }

    @Test
    void resuming_a_cancelled_group_runs_its_members_again_one_at_a_time() throws Exception {
        Fleet fleet = fleet(3);
        Api user = fleet.user();
        String group = unique("g");
        user.put("/api/v3.1/deployment-groups/" + group, groupBody(fleet.deployments()));
        String id = (String) user.post("/api/v3.1/execution-groups", startBody(group, "install", 1)).json()
                .get("id");
        String first = Await.until("one install at its gate", WAIT, () -> atGates(fleet, List.of()),
                w -> w.size() == 1).get(0);
        assertThat(user.post("/api/v3.1/execution-groups/" + id, Map.of("action", "cancel")).status())
                .isEqualTo(200);
        fleet.openGate(first);
        Await.until("every member cancelled", WAIT, () -> memberStatuses(user, id),
                s -> s.stream().allMatch("cancelled"::equals));

        // What the client's execution_groups.resume(id) sends.
        var resumed = user.post("/api/v3.1/execution-groups/" + id, Map.of("action", "resume"));
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().get("status")).isIn("queued", "started", "pending");
        List<String> opened = new ArrayList<>(List.of(first));
        while (opened.size() < 3) {
            List<String> waiting = Await.until("the next install at its gate", WAIT,
                    () -> atGates(fleet, opened), w -> !w.isEmpty());
            // Resumed members still go one at a time: the group's concurrency holds.
            assertThat(waiting).hasSize(1);
            assertThat(activeMembers(user, id)).isLessThanOrEqualTo(1);
            fleet.openGate(waiting.get(0));
            opened.add(waiting.get(0));
        }
        Map<String, Object> done = Await.until("the group to end", WAIT,
                () -> user.get("/api/v3.1/execution-groups/" + id).json(),
                g -> "terminated".equals(g.get("status")) || "failed".equals(g.get("status")));
        assertThat(done.get("status")).isEqualTo("terminated");
        assertThat(memberStatuses(user, id)).containsOnly("terminated");
        // Nothing is left to resume: a second resume changes nothing and is no error.
        var again = user.post("/api/v3.1/execution-groups/" + id, Map.of("action", "force-resume"));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(memberStatuses(user, id)).containsOnly("terminated");
    }

    @Test
    void a_fail_fast_group_cancels_its_queued_members_when_one_fails_and_ends_failed() throws Exception {
        Fleet fleet = fleet(3, 100);
        Api user = fleet.user();
        String group = unique("g");
        user.put("/api/v3.1/deployment-groups/" + group, groupBody(fleet.deployments()));
        Map<String, Object> body = startBody(group, "flaky", 1);
        body.put("fail_fast", true);
        var started = user.post("/api/v3.1/execution-groups", body);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.json()).containsEntry("fail_fast", true);
        String id = (String) started.json().get("id");
        Map<String, Object> done = Await.until("the group to end", WAIT,
                () -> user.get("/api/v3.1/execution-groups/" + id).json(),
                g -> "terminated".equals(g.get("status")) || "failed".equals(g.get("status")));
        assertThat(done.get("status")).isEqualTo("failed");
        // One at a time: the first fails, and the two still queued never run.
        assertThat(memberStatuses(user, id)).containsExactlyInAnyOrder("failed", "cancelled", "cancelled");

        // Without fail_fast the same fleet runs every member (each fails on its own).
        String plain = (String) user.post("/api/v3.1/execution-groups", startBody(group, "flaky", 1)).json()
                .get("id");
        Map<String, Object> plainDone = Await.until("the plain group to end", WAIT,
                () -> user.get("/api/v3.1/execution-groups/" + plain).json(),
                g -> "terminated".equals(g.get("status")) || "failed".equals(g.get("status")));
        assertThat(plainDone).containsEntry("status", "failed").containsEntry("fail_fast", false);
        assertThat(memberStatuses(user, plain)).containsOnly("failed");
    }

    @SuppressWarnings("unchecked")
    private static List<String> memberStatuses(Api user, String groupId) {
        List<String> ids = (List<String>) user.get("/api/v3.1/execution-groups/" + groupId).json()
                .get("execution_ids");
        return ids.stream().map(e -> (String) user.get("/api/v3.1/executions/" + e).json().get("status")).toList();
    }

    @Test
    void concurrency_zero_holds_every_member_until_raised() throws Exception {
        Fleet fleet = fleet(2);
        Api user = fleet.user();
        String group = unique("g");
        user.put("/api/v3.1/deployment-groups/" + group, groupBody(fleet.deployments()));
        fleet.openGate(fleet.deployments().get(0));
        fleet.openGate(fleet.deployments().get(1));
        var started = user.post("/api/v3.1/execution-groups", startBody(group, "install", 0));
        String id = (String) started.json().get("id");
        assertThat(started.json().get("status")).isEqualTo("queued");
        var raised = user.patch("/api/v3.1/execution-groups/" + id, Map.of("concurrency", 2));
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        assertThat(raised.json().get("concurrency")).isEqualTo(2);
        Await.until("the group to end", WAIT, () -> user.get("/api/v3.1/execution-groups/" + id).json(),
                g -> "terminated".equals(g.get("status")));
        var listed = user.get("/api/v3.1/execution-groups?_get_data=true");
        assertThat(listed.items()).singleElement().satisfies(g -> assertThat(g).containsEntry("id", id)
                .containsEntry("status", "terminated").containsKey("execution_ids"));
        assertThat(user.get("/api/v3.1/execution-groups").items()).singleElement()
                .satisfies(g -> assertThat(g).doesNotContainKeys("execution_ids", "status"));
    }

    @Test
    void members_that_succeed_join_the_success_group_now_or_when_they_end() throws Exception {
        Fleet fleet = fleet(2);
        Api user = fleet.user();
        String first = fleet.deployments().get(0);
        String second = fleet.deployments().get(1);
        String group = unique("g");
        String succeeded = unique("ok");
        String failed = unique("failed");
        for (String g : List.of(group, succeeded, failed)) {
            assertThat(user.put("/api/v3.1/deployment-groups/" + g, groupBody(g.equals(group)
                    ? fleet.deployments() : List.of())).status()).isEqualTo(200);
        }
        fleet.openGate(first);
        String id = (String) user.post("/api/v3.1/execution-groups", startBody(group, "install", 2)).json()
                .get("id");
        @SuppressWarnings("unchecked")
        List<String> members = (List<String>) user.get("/api/v3.1/execution-groups/" + id).json()
                .get("execution_ids");
        Await.until("the first install to end", WAIT, () -> members.stream()
                .map(e -> user.get("/api/v3.1/executions/" + e).json())
                .filter(e -> first.equals(e.get("deployment_id"))).findFirst().orElseThrow().get("status"),
                "terminated"::equals);
        Await.until("the second install at its gate", WAIT, () -> atGates(fleet, List.of(first)),
                w -> w.contains(second));

        var targeted = user.patch("/api/v3.1/execution-groups/" + id, Map.of("success_group_id", succeeded,
                "failure_group_id", failed));
        assertThat(targeted.status()).as(targeted.body()).isEqualTo(200);
        assertThat(user.get("/api/v3.1/deployment-groups/" + succeeded).json().get("deployment_ids"))
                .isEqualTo(List.of(first));

        fleet.openGate(second);
        Await.until("the second to join the success group", WAIT,
                () -> user.get("/api/v3.1/deployment-groups/" + succeeded).json().get("deployment_ids"),
                ids -> ((List<?>) ids).size() == 2);
        assertThat(user.get("/api/v3.1/deployment-groups/" + succeeded).json().get("deployment_ids"))
                .isEqualTo(List.of(first, second));
        assertThat(user.get("/api/v3.1/deployment-groups/" + failed).json().get("deployment_ids"))
                .isEqualTo(List.of());
        var unknownTarget = user.patch("/api/v3.1/execution-groups/" + id, Map.of("success_group_id", "nope"));
        assertThat(unknownTarget.status()).isEqualTo(404);
        assertThat(unknownTarget.errorCode()).isEqualTo("not_found_error");
    }

    @Test
    void other_tenants_do_not_see_groups_and_viewers_cannot_change_them() throws IOException {
        Fleet fleet = fleet(1);
        Api user = fleet.user();
        String group = unique("g");
        user.put("/api/v3.1/deployment-groups/" + group, groupBody(fleet.deployments()));
        fleet.openGate(fleet.deployments().get(0));
        String id = (String) user.post("/api/v3.1/execution-groups", startBody(group, "install", 1)).json()
                .get("id");
        String tenant = (String) user.get("/api/v3.1/deployment-groups/" + group).json().get("tenant_name");

        Api stranger = newMember(newTenant(), "manager");
        for (var response : List.of(stranger.get("/api/v3.1/deployment-groups/" + group),
                stranger.patch("/api/v3.1/deployment-groups/" + group, Map.of("add", Map.of("deployment_ids",
                        List.of()))),
                stranger.delete("/api/v3.1/deployment-groups/" + group),
                stranger.post("/api/v3.1/execution-groups", startBody(group, "install", 1)),
                stranger.get("/api/v3.1/execution-groups/" + id),
                stranger.post("/api/v3.1/execution-groups/" + id, Map.of("action", "cancel")),
                stranger.patch("/api/v3.1/execution-groups/" + id, Map.of("concurrency", 3)))) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.errorCode()).isEqualTo("not_found_error");
        }
        assertThat(stranger.get("/api/v3.1/deployment-groups").items()).isEmpty();
        assertThat(stranger.get("/api/v3.1/execution-groups").items()).isEmpty();
        // Putting the same id in another tenant makes that tenant's own group; it cannot name our deployments.
        var foreignMembers = stranger.put("/api/v3.1/deployment-groups/" + group, groupBody(fleet.deployments()));
        assertThat(foreignMembers.status()).isEqualTo(404);

        Api viewer = newMember(tenant, "viewer");
        assertThat(viewer.get("/api/v3.1/deployment-groups/" + group).status()).isEqualTo(200);
        assertThat(viewer.get("/api/v3.1/execution-groups/" + id).status()).isEqualTo(200);
        for (var response : List.of(viewer.put("/api/v3.1/deployment-groups/" + group, Map.of()),
                viewer.patch("/api/v3.1/deployment-groups/" + group, Map.of("remove", Map.of("deployment_ids",
                        fleet.deployments()))),
                viewer.delete("/api/v3.1/deployment-groups/" + group),
                viewer.post("/api/v3.1/execution-groups", startBody(group, "install", 1)),
                viewer.post("/api/v3.1/execution-groups/" + id, Map.of("action", "cancel")),
                viewer.patch("/api/v3.1/execution-groups/" + id, Map.of("concurrency", 3)))) {
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.errorCode()).isEqualTo("forbidden_error");
        }
        assertThat(user.get("/api/v3.1/deployment-groups/" + group).json().get("deployment_ids"))
                .isEqualTo(fleet.deployments());
    }

    @Test
    void bad_input_is_refused_with_cloudify_errors() throws IOException {
        Fleet fleet = fleet(1);
        Api user = fleet.user();
        String group = unique("g");
        assertThat(user.put("/api/v3.1/deployment-groups/" + group, groupBody(fleet.deployments())).status())
                .isEqualTo(200);
        String base = "/api/v3.1/deployment-groups/";
        record Bad(String what, Api.Response response, int status, String code) {
        }
        Map<String, Object> startNoWorkflow = startBody(group, null, 1);
        List<Bad> cases = List.of(
                new Bad("unknown member", user.put(base + unique("g"), groupBody(List.of("nope"))), 404,
                        "not_found_error"),
                new Bad("members not a list", user.put(base + unique("g"), Map.of("deployment_ids", "x")), 400,
                        "bad_parameters_error"),
                new Bad("unknown field", user.put(base + unique("g"), Map.of("members", List.of())), 400,
                        "bad_parameters_error"),
                new Bad("bad visibility", user.put(base + unique("g"), Map.of("visibility", "world")), 400,
                        "bad_parameters_error"),
                new Bad("unknown saved filter", user.put(base + unique("g"), Map.of("filter_id", "f")), 404,
                        "not_found_error"),
                new Bad("new deployments", user.put(base + unique("g"), Map.of("new_deployments", List.of(Map.of()))),
                        400, "bad_parameters_error"),
                new Bad("id too long", user.put(base + "g".repeat(300), Map.of()), 400, "bad_parameters_error"),
                new Bad("patch without add/remove", user.patch(base + group, Map.of()), 400,
                        "bad_parameters_error"),
                new Bad("patch add unknown", user.patch(base + group, Map.of("add", Map.of("deployment_ids",
                        List.of("nope")))), 404, "not_found_error"),
                new Bad("patch missing group", user.patch(base + unique("g"), Map.of("add", Map.of())), 404,
                        "not_found_error"),
                new Bad("delete missing group", user.delete(base + unique("g")), 404, "not_found_error"),
                new Bad("delete_deployments", user.delete(base + group + "?delete_deployments=true"), 400,
                        "bad_parameters_error"),
                new Bad("start missing group", user.post("/api/v3.1/execution-groups",
                        startBody(unique("g"), "install", 1)), 404, "not_found_error"),
                new Bad("start without workflow", user.post("/api/v3.1/execution-groups", startNoWorkflow), 400,
                        "bad_parameters_error"),
                new Bad("negative concurrency", user.post("/api/v3.1/execution-groups",
                        startBody(group, "install", -1)), 400, "bad_parameters_error"),
                new Bad("concurrency not a number", user.post("/api/v3.1/execution-groups",
                        Map.of("deployment_group_id", group, "workflow_id", "install", "concurrency", "many")), 400,
                        "bad_parameters_error"),
                new Bad("fail_fast not a boolean", user.post("/api/v3.1/execution-groups",
                        Map.of("deployment_group_id", group, "workflow_id", "install", "fail_fast", "yes")), 400,
                        "bad_parameters_error"),
                new Bad("parameters not objects", user.post("/api/v3.1/execution-groups",
                        Map.of("deployment_group_id", group, "workflow_id", "install", "parameters",
                                Map.of("d", 1))), 400, "bad_parameters_error"),
                new Bad("missing execution group", user.get("/api/v3.1/execution-groups/" + unique("e")), 404,
                        "not_found_error"),
                new Bad("action on missing", user.post("/api/v3.1/execution-groups/" + unique("e"),
                        Map.of("action", "cancel")), 404, "not_found_error"),
                new Bad("patch missing", user.patch("/api/v3.1/execution-groups/" + unique("e"),
                        Map.of("concurrency", 1)), 404, "not_found_error"));
        for (Bad bad : cases) {
            assertThat(bad.response().status()).as(bad.what() + ": " + bad.response().body()).isEqualTo(bad.status());
            assertThat(bad.response().errorCode()).as(bad.what()).isEqualTo(bad.code());
        }
        fleet.openGate(fleet.deployments().get(0));
        String id = (String) user.post("/api/v3.1/execution-groups", startBody(group, "install", 1)).json()
                .get("id");
        List<Bad> onGroup = List.of(
                new Bad("unknown action", user.post("/api/v3.1/execution-groups/" + id, Map.of("action", "pause")),
                        400, "bad_parameters_error"),
                new Bad("failed-resume", user.post("/api/v3.1/execution-groups/" + id,
                        Map.of("action", "failed-resume")), 400, "bad_parameters_error"),
                new Bad("no action", user.post("/api/v3.1/execution-groups/" + id, Map.of()), 400,
                        "bad_parameters_error"),
                new Bad("negative concurrency", user.patch("/api/v3.1/execution-groups/" + id,
                        Map.of("concurrency", -2)), 400, "bad_parameters_error"),
                new Bad("no concurrency", user.patch("/api/v3.1/execution-groups/" + id, Map.of()), 400,
                        "bad_parameters_error"));
        for (Bad bad : onGroup) {
            assertThat(bad.response().status()).as(bad.what() + ": " + bad.response().body()).isEqualTo(bad.status());
            assertThat(bad.response().errorCode()).as(bad.what()).isEqualTo(bad.code());
        }
    }
}
