package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.SettableClock;
import io.steward.api.support.StewardServer;
import io.steward.engine.runner.EngineRunner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing is lost on a restart: a server stopped in the middle of an install leaves the execution {@code started};
 * the next server over the same database takes it over once its heartbeat is stale (by that server's clock, which
 * the test moves, and in the engine round the test runs), and tasks that had succeeded are not run again. Also the global
 * cap: past it, executions queue and start in order as others end.
 */
abstract class AbstractEngineRecoveryApiTest extends ApiTestBase {

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.engine.max-running-executions", 1);
    }

    @Test
    void a_restart_in_the_middle_of_an_install_resumes_without_rerunning_finished_tasks() {
        Map<String, Object> database = database();
        ExecutionFixture f;
        String id;
        try (StewardServer first = StewardServer.start(database)) {
            Api user = first.admin();
            f = ExecutionFixture.deploy(user, unique("d"), Map.of("gate_node", "web"), true);
            id = f.start("install", Map.of());
            // db is fully installed (its tasks recorded as succeeded) and web's create waits at the gate.
            Await.until("db to be installed before the restart", ExecutionFixture.WAIT,
                    () -> user.get("/api/v3.1/node-instances?deployment_id=" + f.deployment + "&node_id=db")
                            .items().get(0).get("state"), "started"::equals);
            f.awaitGatedOperation();
        }
        // The second server's clock is the test's and stands still at the time the first one stopped (its last
        // heartbeat was at most a round earlier), so however long the restart takes, it takes over only once the
        // test moves that clock past takeover-after (12s), in the round the test runs.
        java.time.Instant stopped = java.time.Instant.now();
        try (StewardServer second = StewardServer.start(database, SettableClock.startingAt(stopped))) {
            SettableClock clock = second.context().getBean(SettableClock.class);
            EngineRunner engine = second.context().getBean(EngineRunner.class);
            ExecutionFixture again = f.on(second.admin());
            engine.tick();
            assertThat(again.execution(id)).as("not taken over before takeover-after").containsEntry("resume", false);
            clock.advance(Duration.ofSeconds(13));
            engine.tick();
            assertThat(again.execution(id)).as("taken over in that round").containsEntry("resume", true);
            again.openGate();
            Map<String, Object> done = again.awaitStatus(id, "terminated", "failed");
            assertThat(done).containsEntry("status", "terminated").containsEntry("resume", true);
            assertThat(again.lines("order.log")).containsExactly("db create", "db configure", "db start",
                    "web create", "web configure", "web start", "app create", "app configure", "app start");
            long dbInitialized = second.admin().get("/api/v3.1/events?execution_id=" + id
                    + "&node_instance_id=" + dbInstance(second.admin(), f.deployment)
                    + "&event_type=workflow_node_event").items().stream()
                    .filter(e -> "Initializing node instance".equals(e.get("message"))).count();
            assertThat(dbInitialized).as("db's state tasks ran once").isEqualTo(1);
        }
    }

    @Test
    void past_the_global_cap_executions_queue_and_start_when_others_end() {
        ExecutionFixture busy = ExecutionFixture.deploy(newMember(newTenant(), "user"), unique("d"), Map.of(), true);
        String first = busy.start("install", Map.of());
        busy.awaitStatus(first, "started");
        ExecutionFixture other = ExecutionFixture.deploy(newMember(newTenant(), "user"), unique("d"), Map.of());
        String second = other.start("install", Map.of());
        assertThat(other.execution(second)).containsEntry("status", "queued");
        busy.openGate();
        assertThat(busy.awaitStatus(first, "terminated")).containsEntry("status", "terminated");
        assertThat(other.awaitStatus(second, "terminated")).containsEntry("status", "terminated");
    }

    private static String dbInstance(Api api, String deployment) {
        return (String) api.get("/api/v3.1/node-instances?deployment_id=" + deployment + "&node_id=db").items()
                .get(0).get("id");
    }
}
