package io.steward.api.operator;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import io.steward.engine.schedule.ScheduleFiring;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /health}: 200 while the database answers and every background loop runs, 503 naming what does not;
 * answered without credentials and during maintenance mode.
 */
@SuppressWarnings("unchecked")
abstract class AbstractHealthApiTest extends ApiTestBase {
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void a_healthy_server_answers_200_up_with_each_component_without_credentials() {
        Api.Response health = Await.until("the server healthy", Duration.ofSeconds(10),
                () -> server.api().get("/health"), r -> r.status() == 200);
        assertThat(health.json()).containsEntry("status", "UP").doesNotContainKey("down");
        Map<String, Object> components = components(health);
        assertThat(components).containsKeys("database", "engine", "maintenance-state", "ogc-callbacks",
                "server-heartbeat", "apex-poller", "schedules");
        assertThat(components.values()).allSatisfy(c -> assertThat((Map<Object, Object>) c).containsEntry("status", "UP"));
        assertThat((Map<Object, Object>) components.get("engine")).containsEntry("period_ms", 500);
    }

    @Test
    void health_is_answered_while_maintenance_mode_is_on() {
        assertThat(admin.send("POST", "/api/v3.1/maintenance/activate", "application/json", EMPTY).status())
                .isEqualTo(200);
        try {
            Await.until("maintenance mode activated", Duration.ofSeconds(10),
                    () -> server.api().get("/api/v3.1/blueprints").status(), status -> status == 503);
            Api.Response health = server.api().get("/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(health.json()).containsEntry("status", "UP");
        } finally {
            admin.send("POST", "/api/v3.1/maintenance/deactivate", "application/json", EMPTY);
        }
    }

    @Test
    void a_dead_engine_loop_turns_health_503_naming_it() {
        // A server of its own, whose loops count as dead soon: the engine loop of the shared one must go on.
        Set<Thread> before = engineThreads();
        try (StewardServer own = StewardServer.start(database(), Map.of("steward.health.loop-grace", "1s",
                "steward.health.missed-rounds", "3"))) {
            Await.until("the server healthy", Duration.ofSeconds(10), () -> own.api().get("/health"),
                    r -> r.status() == 200);
            Set<Thread> started = engineThreads();
            started.removeAll(before);
            assertThat(started).as("the new server's engine loop").hasSize(1);
            // The loop ends when interrupted while it waits for work, as when its thread is lost.
            Thread engine = started.iterator().next();
            engine.interrupt();
            Await.until("the engine loop ended", Duration.ofSeconds(10), () -> engine.isAlive(), alive -> !alive);

            Api.Response health = Await.until("health naming the dead engine loop", Duration.ofSeconds(10),
                    () -> own.api().get("/health"), r -> r.status() == 503);
            assertThat(health.json()).containsEntry("status", "DOWN");
            assertThat((List<Object>) health.json().get("down")).contains("engine").doesNotContain("database");
            assertThat((Map<Object, Object>) components(health).get("engine")).containsEntry("status", "DOWN");
            assertThat((Map<Object, Object>) components(health).get("database")).containsEntry("status", "UP");
        }
    }

    @Test
    void a_dead_apex_poller_or_schedules_loop_turns_health_503_naming_each() {
        Set<Thread> before = threadsNamed("steward-apex-poller-loop");
        try (StewardServer own = StewardServer.start(database(), Map.of("steward.health.loop-grace", "1s",
                "steward.health.missed-rounds", "3", "steward.apex.poll-interval", "100ms",
                "steward.schedules.poll-interval", "100ms"))) {
            Await.until("the server healthy", Duration.ofSeconds(10), () -> own.api().get("/health"),
                    r -> r.status() == 200);
            Set<Thread> started = threadsNamed("steward-apex-poller-loop");
            started.removeAll(before);
            assertThat(started).as("the new server's APEx poller loop").hasSize(1);
            // The poller's loop ends when interrupted while it waits, as when its thread is lost.
            Thread poller = started.iterator().next();
            poller.interrupt();
            Await.until("the poller loop ended", Duration.ofSeconds(10), () -> poller.isAlive(), alive -> !alive);
            Api.Response health = Await.until("health naming the dead poller", Duration.ofSeconds(10),
                    () -> own.api().get("/health"), r -> r.status() == 503);
            assertThat((List<Object>) health.json().get("down")).containsExactly("apex-poller");

            // The schedules' executor shut down (its bean destroyed): no round runs any more.
            own.context().destroyBean(ScheduleFiring.class);
            Api.Response both = Await.until("health naming the schedules loop too", Duration.ofSeconds(10),
                    () -> own.api().get("/health"),
                    r -> ((List<Object>) r.json().getOrDefault("down", List.of())).contains("schedules"));
            assertThat((List<Object>) both.json().get("down")).containsExactlyInAnyOrder("apex-poller", "schedules");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> components(Api.Response health) {
        return (Map<String, Object>) health.json().get("components");
    }

    private static Set<Thread> engineThreads() {
        return threadsNamed("steward-engine");
    }

    private static Set<Thread> threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive())
                .collect(Collectors.toSet());
    }
}
