package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.ClaimGate;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races inside the engine, played out in one exact order: the engine is held at the point where the race is (see
 * {@link ClaimGate}), the other party acts, then the engine goes on.
 */
abstract class AbstractEngineRacesApiTest extends ApiTestBase {

    /**
     * The run's own status check, the backstop for a stop signal it missed, is put out of reach: what stops the
     * run here is what the engine guarantees, not a poll that happens to come first.
     */
    @Override
    protected Map<String, Object> serverProperties() {
        Map<String, Object> properties = new java.util.HashMap<>(ClaimGate.ENABLE);
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
}
