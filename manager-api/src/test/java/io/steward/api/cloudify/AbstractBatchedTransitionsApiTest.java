package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.engine.execution.ExecutionEvent;
import io.steward.engine.execution.ExecutionQueue;
import io.steward.engine.execution.ExecutionStatus;
import io.steward.engine.execution.ExecutionStore;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.TenantTables;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compare-and-set that claims (and dequeues) several executions of a tenant in one statement: it moves exactly
 * those still in the status they were read in, answers which, and writes a history row for each of them alone. The
 * engine is off, so nothing but the test moves the executions.
 */
abstract class AbstractBatchedTransitionsApiTest extends ApiTestBase {
    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.engine.enabled", false);
    }

    @Test
    void a_batch_moves_the_executions_still_in_their_status_and_records_history_for_those_alone() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        String name = unique("batch");
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/" + name, "application/yaml",
                ONE_TASK.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        var created = user.put("/api/v3.1/deployments/" + name, Map.of("blueprint_id", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var started = user.post("/api/v3.1/executions", Map.of("deployment_id", name, "workflow_id", "one_task",
                    "force", true));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            assertThat(started.json()).containsEntry("status", "pending");
            ids.add((String) started.json().get("id"));
        }
        // One of them moves before the batch: a cancel of a pending execution.
        var cancelled = user.post("/api/v3.1/executions/" + ids.get(1), Map.of("action", "cancel"));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        String cancelledStatus = (String) cancelled.json().get("status");

        ExecutionStore store = server.context().getBean(ExecutionStore.class);
        Map<String, String> creators = new LinkedHashMap<>();
        ids.forEach(id -> creators.put(id, "user-of-" + id));
        Instant now = Instant.now();
        List<String> moved;
        try (var bound = CallerScope.bind(ExecutionQueue.engineCaller(tenant, "engine"))) {
            moved = store.applyFromAll(creators, ExecutionStatus.PENDING, ExecutionEvent.STARTED,
                    Map.of("started_at", now, "owner_node", "batch-test", "heartbeat_at", now));
            assertThat(moved).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
            assertThat(store.find(ids.get(0)).orElseThrow().status()).isEqualTo(ExecutionStatus.STARTED);
            assertThat(store.find(ids.get(1)).orElseThrow().status().wire()).isEqualTo(cancelledStatus);
            assertThat(store.find(ids.get(2)).orElseThrow().status()).isEqualTo(ExecutionStatus.STARTED);
            assertThat(store.applyFromAll(creators, ExecutionStatus.PENDING, ExecutionEvent.STARTED,
                    Map.of("owner_node", "batch-test"))).as("nothing left pending").isEmpty();
            // Each moved execution got one history row to started, naming its creator; the other got none.
            TenantTables tables = server.context().getBean(TenantTables.class);
            for (String id : ids) {
                List<String> toStarted = tables.find("execution_transitions", "execution_id = ? AND to_status = ?",
                        List.of(id, "started"), rs -> rs.getString("from_status") + " by " + rs.getString("created_by"));
                assertThat(toStarted).as("history of " + id)
                        .isEqualTo(moved.contains(id) ? List.of("pending by user-of-" + id) : List.of());
            }
        }
    }
}
