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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission that says why: a tenant cap (2 by default, 1 for {@value #SOLO}) beside the global cap (3) and one
 * execution per deployment; each waiting execution shows {@code waiting: {reason, place_in_line}}, in its GET and in
 * the list, and the queue starts what the caps allow, oldest first, passing over a tenant at its cap.
 */
abstract class AbstractAdmissionApiTest extends ApiTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SOLO = "admission-solo";

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.engine.max-running-executions", 3,
                "steward.engine.tenant-max-running-executions", 2,
                "steward.engine.tenant-max-running-overrides", SOLO + "=1");
    }

    /** Deployments of the gated lifecycle blueprint in {@code tenant}: each install waits at its own gate file. */
    private record Gated(Api user, Map<String, Path> gates) {
        void open(String deployment) throws IOException {
            Files.writeString(gates.get(deployment), "open");
        }
    }

    private Gated gated(Api user, String... deployments) throws IOException {
        String blueprint = unique("bp");
        byte[] archive = Archives.ofResourceFolder("lifecycle", "blueprint.yaml", "scripts/record.sh",
                "scripts/flaky.sh", "scripts/sleepy.sh").tarGz();
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/" + blueprint, Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(AbstractBlueprintApiTest.PARAMS, archive));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        Map<String, Path> gates = new HashMap<>();
        for (String deployment : deployments) {
            Path out = Files.createTempDirectory("steward-admission");
            var created = user.put("/api/v3.1/deployments/" + deployment, Map.of("blueprint_id", blueprint,
                    "inputs", Map.of("out_dir", out.toString(), "gate", out.resolve("GATE").toString())));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            gates.put(deployment, out.resolve("GATE"));
        }
        return new Gated(user, gates);
    }

    private static String install(Api user, String deployment, boolean queue) {
        var started = user.post("/api/v3.1/executions", Map.of("deployment_id", deployment, "workflow_id", "install",
                "queue", queue));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        // The start answers what it committed; why it waits is the GET's (counting the queue ahead costs a read of
        // the whole queue, which every start would pay).
        assertThat(started.json()).doesNotContainKey("waiting");
        return (String) started.json().get("id");
    }

    private static Map<String, Object> execution(Api user, String id) {
        var got = user.get("/api/v3.1/executions/" + id);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        return got.json();
    }

    private static String status(Api user, String id) {
        return (String) execution(user, id).get("status");
    }

    private static Map<String, Object> waiting(String reason, int place) {
        Map<String, Object> waiting = new HashMap<>();
        waiting.put("reason", reason);
        waiting.put("place_in_line", place);
        return waiting;
    }

    @Test
    void each_waiting_execution_says_which_cap_or_deployment_holds_it_and_its_place_in_line() throws IOException {
        Api a = newMember(newTenant(), "user");
        Api b = newMember(newTenant(), "user");
        String d0 = unique("a0");
        String d1 = unique("a1");
        String d2 = unique("a2");
        String d3 = unique("a3");
        String e0 = unique("b0");
        String e1 = unique("b1");
        Gated fleetA = gated(a, d0, d1, d2, d3);
        Gated fleetB = gated(b, e0, e1);
        try {
            queueAndWatch(a, b, fleetA, fleetB, List.of(d0, d1, d2, d3), List.of(e0, e1));
        } finally {
            // Whatever failed, nothing is left running for the next test.
            for (String d : List.of(d0, d1, d2, d3)) {
                fleetA.open(d);
            }
            for (String e : List.of(e0, e1)) {
                fleetB.open(e);
            }
            for (Api user : List.of(a, b)) {
                Await.until("no install left waiting or running", WAIT, () -> user.get("/api/v3.1/executions?"
                        + "_size=0&workflow_id=install&status=pending&status=started&status=queued").json()
                        .get("metadata").toString(), m -> m.contains("total=0"));
            }
        }
    }

    private void queueAndWatch(Api a, Api b, Gated fleetA, Gated fleetB, List<String> as, List<String> bs)
            throws IOException {
        String d0 = as.get(0);
        String d1 = as.get(1);
        String d2 = as.get(2);
        String d3 = as.get(3);
        String e0 = bs.get(0);
        String e1 = bs.get(1);
        String x0 = install(a, d0, false);
        String x1 = install(a, d1, false);
        Await.until("two installs of tenant A running", WAIT, () -> List.of(status(a, x0), status(a, x1)),
                s -> s.equals(List.of("started", "started")));
        String x2 = install(a, d2, false);
        String x3 = install(a, d3, false);
        String x0b = install(a, d0, true);
        String y0 = install(b, e0, false);
        Await.until("tenant B's install running", WAIT, () -> status(b, y0), "started"::equals);
        String y1 = install(b, e1, false);

        // Tenant A is at its cap of 2; the global cap of 3 is reached with tenant B's one.
        assertThat(execution(a, x2)).containsEntry("status", "queued")
                .containsEntry("waiting", waiting("tenant cap 2 of 2", 1));
        assertThat(execution(a, x3).get("waiting")).isEqualTo(waiting("tenant cap 2 of 2", 2));
        assertThat(execution(a, x0b).get("waiting")).isEqualTo(waiting("deployment busy with " + x0, 3));
        assertThat(execution(b, y1).get("waiting")).isEqualTo(waiting("global cap 3 of 3", 4));
        assertThat(execution(a, x0).get("waiting")).as("a running execution does not wait").isNull();
        // The list shows the same key; with _include it is left out (Cloudify's fields only).
        var listed = a.get("/api/v3.1/executions?workflow_id=install&_sort=created_at&_size=100");
        assertThat(listed.items()).extracting(e -> e.get("waiting")).containsExactly(null, null,
                waiting("tenant cap 2 of 2", 1), waiting("tenant cap 2 of 2", 2),
                waiting("deployment busy with " + x0, 3));
        assertThat(a.get("/api/v3.1/executions?_include=id,status").items().get(0)).doesNotContainKey("waiting");
        assertThat(a.get("/api/v3.1/executions/" + x2 + "?_include=waiting").json())
                .isEqualTo(Map.of("waiting", waiting("tenant cap 2 of 2", 1)));
        // Another tenant's execution is no more visible for it.
        assertThat(b.get("/api/v3.1/executions/" + x2).status()).isEqualTo(404);

        // d0's install ends: the oldest queued, x2, takes tenant A's free place; x3 and x0b wait on tenant A's cap
        // (x0b's deployment is free now), y1 on the global cap.
        fleetA.open(d0);
        Await.until("x0 to end and x2 to start", WAIT, () -> List.of(status(a, x0), status(a, x2)),
                s -> s.equals(List.of("terminated", "started")));
        assertThat(execution(a, x3).get("waiting")).isEqualTo(waiting("tenant cap 2 of 2", 1));
        assertThat(execution(a, x0b).get("waiting")).isEqualTo(waiting("tenant cap 2 of 2", 2));
        assertThat(execution(b, y1).get("waiting")).isEqualTo(waiting("global cap 3 of 3", 3));
        assertThat(status(a, x3)).isEqualTo("queued");

        // Tenant B's install ends: the global cap has room, but tenant A is still full, so y1 (newest) starts first.
        fleetB.open(e0);
        Await.until("y0 to end and y1 to start", WAIT, () -> List.of(status(b, y0), status(b, y1)),
                s -> s.equals(List.of("terminated", "started")));
        assertThat(List.of(status(a, x3), status(a, x0b))).containsExactly("queued", "queued");

        for (String d : List.of(d1, d2, d3)) {
            fleetA.open(d);
        }
        fleetB.open(e1);
        Await.until("every install to end", WAIT,
                () -> List.of(status(a, x1), status(a, x2), status(a, x3), status(a, x0b), status(b, y1)),
                s -> s.stream().allMatch("terminated"::equals));
    }

    @Test
    void a_tenant_with_its_own_setting_gets_that_cap() throws IOException {
        var created = admin.post("/api/v3.1/tenants/" + SOLO, Map.of("rabbitmq_password", ""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api solo = newMember(SOLO, "user");
        String first = unique("s0");
        String second = unique("s1");
        Gated fleet = gated(solo, first, second);
        String x0 = install(solo, first, false);
        Await.until("the first install running", WAIT, () -> status(solo, x0), "started"::equals);
        String x1 = install(solo, second, false);
        assertThat(execution(solo, x1)).containsEntry("status", "queued")
                .containsEntry("waiting", waiting("tenant cap 1 of 1", 1));
        fleet.open(first);
        Await.until("the second install to start", WAIT, () -> status(solo, x1), "started"::equals);
        assertThat(execution(solo, x1).get("waiting")).isNull();
        fleet.open(second);
        Await.until("the second install to end", WAIT, () -> status(solo, x1), "terminated"::equals);
    }
}
