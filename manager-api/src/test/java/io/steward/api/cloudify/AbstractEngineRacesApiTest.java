package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.ClaimGate;
import io.steward.api.support.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races inside the engine, played out in one exact order: the engine is held at the point where the race is (see
 * {@link ClaimGate}), the other party acts, then the engine goes on. The server's clock is the test's
 * ({@link SettableClock}): it stands still unless moved.
 */
abstract class AbstractEngineRacesApiTest extends ApiTestBase {

    /**
     * The run's own status check, the backstop for a stop signal it missed, is put out of reach: what stops the
     * run here is what the engine guarantees, not a poll that happens to come first.
     */
    @Override
    protected Map<String, Object> serverProperties() {
        Map<String, Object> properties = new java.util.HashMap<>(ClaimGate.ENABLE);
        // A frozen instant between two whole microseconds (the columns' precision) that a database would round
        // up: a start and an end at the same moment must still compare as not before one another.
        properties.putAll(SettableClock.startingAt(Instant.now().truncatedTo(ChronoUnit.MICROS).plusNanos(999)));
        properties.put("steward.engine.status-check-interval", "10m");
        return properties;
    }

    private ClaimGate gate() {
        return server.context().getBean(ClaimGate.class);
    }

    @Test
    void a_kill_that_lands_between_the_claim_and_the_run_starts_no_operation() throws InterruptedException {
        ExecutionFixture f = ExecutionFixture.deploy(newMember(newTenant(), "user"), unique("d"), Map.of());
        gate().holdNextClaim();
        String id = f.start("flaky", Map.of()); // its first task is an operation (flaky.sh, which succeeds)
        assertThat(gate().awaitHeld()).isEqualTo(id);
        try {
            var killed = f.user.post("/api/v3.1/executions/" + id, Map.of("action", "kill"));
            assertThat(killed.status()).as(killed.body()).isEqualTo(200);
            assertThat(killed.json()).containsEntry("status", "kill_cancelling");
        } finally {
            gate().release();
        }
        assertThat(f.awaitStatus(id, "cancelled", "terminated", "failed")).containsEntry("status", "cancelled");
        assertThat(f.lines("flaky.count")).as("runs of the operation").isEmpty();
        assertThat(f.eventTypes(id)).doesNotContain("task_started", "sending_task")
                .endsWith("workflow_cancelled");
    }

    /**
     * A cancel lands after the run's last task succeeded and before its end is recorded: the end's one pass finds the
     * execution no longer started, rolls back (nothing of it stays), and the careful end leaves it to the cancel, which
     * ends it cancelled. The last task's success is recorded once.
     */
    @Test
    void a_cancel_between_the_last_task_and_the_end_leaves_one_record_of_the_task_and_ends_cancelled()
            throws InterruptedException {
        ExecutionFixture f = ExecutionFixture.deployBlueprint(newMember(newTenant(), "user"), unique("ending"),
                ONE_TASK);
        gate().holdNextEnd();
        String id = f.start("one_task", Map.of());
        assertThat(gate().awaitHeld()).isEqualTo(id);
        try {
            var cancelled = f.user.post("/api/v3.1/executions/" + id, Map.of("action", "cancel"));
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            assertThat(cancelled.json()).containsEntry("status", "cancelling");
        } finally {
            gate().release();
        }
        assertThat(f.awaitStatus(id, "cancelled", "terminated", "failed")).containsEntry("status", "cancelled");
        List<String> events = f.eventTypes(id);
        assertThat(events.stream().filter("task_succeeded"::equals)).as(events.toString()).hasSize(1);
        assertThat(events.stream().filter("task_started"::equals)).as(events.toString()).hasSize(1);
        assertThat(events).endsWith("workflow_cancelled");
    }

    /**
     * The clock steps back while an execution runs (as NTP may step it, or as a server whose clock is behind takes
     * an execution over): its later events still sort after its earlier ones, by timestamp as clients read them, and
     * it does not end before it started.
     */
    @Test
    void a_clock_stepped_back_mid_run_neither_reorders_events_nor_ends_the_execution_before_its_start() {
        ExecutionFixture f = ExecutionFixture.deploy(newMember(newTenant(), "user"), unique("d"), Map.of(), true);
        String id = f.start("install", Map.of());
        f.awaitGatedOperation();
        server.context().getBean(SettableClock.class).advance(Duration.ofHours(-1));
        f.openGate();
        Map<String, Object> done = f.awaitStatus(id, "terminated", "failed", "cancelled");
        assertThat(done).containsEntry("status", "terminated");
        assertThat(Instant.parse((String) done.get("ended_at")))
                .isAfterOrEqualTo(Instant.parse((String) done.get("started_at")));
        List<Object> byTimestamp = eventIds(f, id, "@timestamp");
        assertThat(byTimestamp).as("events by timestamp, as clients read them").hasSizeGreaterThan(10)
                .containsExactlyElementsOf(eventIds(f, id, "_storage_id"));
        assertThat(eventIds(f, id, "reported_timestamp")).containsExactlyElementsOf(byTimestamp);
        assertThat(f.eventTypes(id)).startsWith("workflow_started").endsWith("workflow_succeeded");
    }

    private static List<Object> eventIds(ExecutionFixture f, String id, String sort) {
        return f.user.get("/api/v3.1/events?execution_id=" + id + "&type=cloudify_event&_size=1000&_sort=" + sort)
                .items().stream().map(e -> e.get("_storage_id")).toList();
    }
}
