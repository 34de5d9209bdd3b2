package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.engine.execution.ExecutionActions;
import io.steward.engine.execution.ExecutionQueue;
import io.steward.engine.execution.ExecutionStore;
import io.steward.tenancy.scope.CallerScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every status change writes its history row in the same transaction: when the history row cannot be written (a
 * CHECK constraint added here refuses it, for one execution), the status stays as it was. Also that no write of
 * other columns can carry a status, and that the history of an execution chains from its creation to its current
 * status. The engine is off, so nothing but the test moves the executions.
 */
abstract class AbstractStatusHistoryApiTest extends ApiTestBase {
    private String tenant;
    private ExecutionFixture fixture;

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.engine.enabled", false);
    }

    @BeforeAll
    void aDeployment() {
        tenant = newTenant();
        fixture = ExecutionFixture.deploy(newMember(tenant, "user"), unique("d"), Map.of());
    }

    @Test
    void a_takeover_records_its_history_row() {
        String id = startedExecution();
        assertThat(asEngine(() -> store().resumeIfStale(id, Instant.now().plusSeconds(60)))).isTrue();
        assertThat(status(id)).isEqualTo("pending");
        assertThat(history(id)).last().isEqualTo("started -> pending: resumed");
    }

    @Test
    void a_takeover_whose_history_row_fails_changes_no_status() throws SQLException {
        String id = startedExecution();
        refuseHistory(id, "event <> 'resumed'");
        assertThatThrownBy(() -> asEngine(() -> store().resumeIfStale(id, Instant.now().plusSeconds(60))))
                .isInstanceOf(RuntimeException.class);
        assertThat(status(id)).as("the status rolled back with its history row").isEqualTo("started");
        assertThat(history(id)).last().isEqualTo("pending -> started: status_update");
    }

    @Test
    void a_status_patch_whose_history_row_fails_changes_no_status() throws SQLException {
        String id = startedExecution();
        refuseHistory(id, "to_status <> 'failed'");
        ExecutionActions actions = server.context().getBean(ExecutionActions.class);
        assertThatThrownBy(() -> asEngine(() -> actions.updateStatus(id, "failed", "boom")))
                .isInstanceOf(RuntimeException.class);
        assertThat(status(id)).isEqualTo("started");
        assertThat(fixture.execution(id)).containsEntry("error", "");
    }

    @Test
    void a_lifecycle_event_whose_history_row_fails_changes_no_status() throws SQLException {
        String id = startedExecution();
        refuseHistory(id, "event <> 'cancel_requested'");
        var cancel = fixture.user.post("/api/v3.1/executions/" + id, Map.of("action", "cancel"));
        assertThat(cancel.status()).isGreaterThanOrEqualTo(500);
        assertThat(status(id)).isEqualTo("started");
    }

    @Test
    void an_update_of_other_columns_cannot_carry_a_status() {
        String id = startedExecution();
        assertThatThrownBy(() -> asEngine(() -> {
            store().update(id, Map.of("status", "terminated"));
            return null;
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(status(id)).isEqualTo("started");
    }

    @Test
    void an_executions_history_chains_from_its_creation_to_its_status() {
        String id = startedExecution();
        asEngine(() -> store().resumeIfStale(id, Instant.now().plusSeconds(60)));
        assertThat(fixture.user.patch("/api/v3.1/executions/" + id, Map.of("status", "failed")).status())
                .isEqualTo(200);
        assertThat(fixture.user.post("/api/v3.1/executions/" + id, Map.of("action", "resume")).status())
                .isEqualTo(200);
        assertThat(history(id)).containsExactly("null -> pending: created", "pending -> started: status_update",
                "started -> pending: resumed", "pending -> failed: status_update", "failed -> pending: resumed");
        assertThat(status(id)).isEqualTo("pending");
    }

    /** A forced start (the engine is off, so it stays pending), then PATCHed to started. */
    private String startedExecution() {
        var started = fixture.user.post("/api/v3.1/executions", Map.of("deployment_id", fixture.deployment,
                "workflow_id", "install", "force", true));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String id = (String) started.json().get("id");
        assertThat(fixture.user.patch("/api/v3.1/executions/" + id, Map.of("status", "started")).status())
                .isEqualTo(200);
        return id;
    }

    private String status(String id) {
        return (String) fixture.execution(id).get("status");
    }

    private ExecutionStore store() {
        return server.context().getBean(ExecutionStore.class);
    }

    private <T> T asEngine(Supplier<T> work) {
        try (var bound = CallerScope.bind(ExecutionQueue.engineCaller(tenant, "engine"))) {
            return work.get();
        }
    }

    /** Makes the database refuse history rows of execution {@code id} unless {@code allowed} holds. */
    private void refuseHistory(String id, String allowed) throws SQLException {
        String name = "refuse_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(); var st = c.createStatement()) {
            st.execute("ALTER TABLE execution_transitions ADD CONSTRAINT " + name + " CHECK (execution_id <> '"
                    + id + "' OR (" + allowed + "))");
        }
    }

    /** The history rows of execution {@code id}, oldest first, as {@code from -> to: event}. */
    private List<String> history(String id) {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement("SELECT from_status, to_status, event"
                + " FROM execution_transitions WHERE execution_id = ? ORDER BY created_at, id")) {
            st.setString(1, id);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " -> " + rs.getString(2) + ": " + rs.getString(3));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        var context = server.context();
        return DriverManager.getConnection(context.getRequiredProperty("datasources.default.url", String.class),
                context.getRequiredProperty("datasources.default.username", String.class),
                context.getProperty("datasources.default.password", String.class).orElse(""));
    }
}
