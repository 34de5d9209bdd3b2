package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executions list's total comes from counts kept with every insert and delete (table {@code execution_counts}):
 * after concurrent starts and deletes it must equal the rows themselves, for every caller's view.
 */
abstract class AbstractExecutionCountsApiTest extends ApiTestBase {
    // Every status but the ended ones: a filter on status makes the list count its rows instead of reading counts.
    private static final String ACTIVE = "status=pending&status=started&status=cancelling&status=force_cancelling"
            + "&status=kill_cancelling&status=queued&status=scheduled";
    private static final String ANY = ACTIVE + "&status=terminated&status=failed&status=cancelled";

    @Test
    void the_total_equals_the_rows_after_concurrent_starts_and_deletes() throws Exception {
        String tenant = newTenant();
        Api owner = newMember(tenant, "user");
        Api colleague = newMember(tenant, "user");
        Api manager = admin.tenant(tenant);
        deploy(owner, "shared", "tenant");
        deploy(owner, "mine", "private");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                String deployment = t % 3 == 0 ? "mine" : "shared";
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        var started = owner.post("/api/v3.1/executions", Map.of("deployment_id", deployment,
                                "workflow_id", "one_task", "force", true));
                        assertThat(started.status()).as(started.body()).isEqualTo(201);
                    }
                }));
            }
            for (int t = 0; t < 2; t++) {
                String deployment = t == 0 ? "mine" : "shared";
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        var deleted = manager.delete("/api/v3.1/executions?deployment_id=" + deployment,
                                Map.of("keep_last", 4));
                        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Await.until("every execution to end", Duration.ofSeconds(60),
                () -> total(manager.get("/api/v3.1/executions?_size=0&" + ACTIVE)), n -> n == 0);
        // The deleters may have had the last word on "shared" (4 left) or the starters (more): keep_last 7 keeps
        // at most 7 of however many there are.
        long sharedBefore = total(manager.get("/api/v3.1/executions?_size=0&deployment_id=shared"));
        assertThat(sharedBefore).isGreaterThanOrEqualTo(4);
        assertThat(manager.delete("/api/v3.1/executions?deployment_id=shared", Map.of("keep_last", 7)).status())
                .isEqualTo(200);
        long keptOfShared = Math.min(7, sharedBefore);

        // "mine" had 30 starts and its create_deployment_environment: 31 when no delete ran after the first start.
        long keptOfMine = total(manager.get("/api/v3.1/executions?_size=0&deployment_id=mine"));
        assertThat(keptOfMine).isBetween(4L, 31L);
        // Plus the upload_blueprint executions of the two (tenant-visible) blueprints.
        assertThat(exactTotal(manager)).isEqualTo(keptOfShared + keptOfMine + 2);
        assertThat(exactTotal(owner)).isEqualTo(exactTotal(manager));
        assertThat(exactTotal(colleague)).isEqualTo(keptOfShared + 2);
    }

    @Test
    void a_tenant_whose_executions_are_gone_can_be_deleted_with_its_counts() {
        String tenant = newTenant();
        Api manager = admin.tenant(tenant);
        deploy(manager, "d", "tenant");
        var started = manager.post("/api/v3.1/executions", Map.of("deployment_id", "d", "workflow_id", "one_task"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        Await.until("the execution to end", Duration.ofSeconds(30),
                () -> total(manager.get("/api/v3.1/executions?_size=0&" + ACTIVE)), n -> n == 0);
        // The run, the deployment's create_deployment_environment and the blueprint's upload_blueprint.
        assertThat(total(manager.get("/api/v3.1/executions?_size=0"))).isEqualTo(3);
        assertThat(manager.delete("/api/v3.1/events?deployment_id=d").status()).isEqualTo(200);
        assertThat(manager.delete("/api/v3.1/deployments/d").status()).isEqualTo(204);
        // The upload_blueprint and the delete's own delete_deployment_environment record.
        assertThat(total(manager.get("/api/v3.1/executions?_size=0"))).isEqualTo(2);
        assertThat(manager.delete("/api/v3.1/blueprints/d").status()).isEqualTo(204);
        assertThat(total(manager.get("/api/v3.1/executions?_size=0"))).isZero();
        var removed = admin.delete("/api/v3.1/tenants/" + tenant);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
    }

    /** The counted total, checked against the rows listed and against a count of the rows; returns it. */
    private static long exactTotal(Api api) {
        long counted = total(api.get("/api/v3.1/executions?_size=0"));
        long listed = api.get("/api/v3.1/executions?_get_all_results=true&_include=id").items().size();
        long scanned = total(api.get("/api/v3.1/executions?_size=0&" + ANY));
        long withSystem = total(api.get("/api/v3.1/executions?_size=0&_include_system_workflows=true"));
        assertThat(counted).as("counted total against the rows listed").isEqualTo(listed);
        assertThat(counted).as("counted total against COUNT(*)").isEqualTo(scanned);
        assertThat(withSystem).as("no system workflow ran").isEqualTo(counted);
        return counted;
    }

    private static long total(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<?, ?> metadata = (Map<?, ?>) response.json().get("metadata");
        return ((Number) ((Map<?, ?>) metadata.get("pagination")).get("total")).longValue();
    }

    private static void deploy(Api api, String deployment, String visibility) {
        var uploaded = api.send("PUT", "/api/v3.1/blueprints/" + deployment, "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        var created = api.put("/api/v3.1/deployments/" + deployment, Map.of("blueprint_id", deployment,
                "visibility", visibility));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
}
