package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cloudify's maintenance mode, with the client's requests (empty-body POSTs sent as JSON; 304 for "already in that
 * state"): activating waits for running executions, refuses new ones meanwhile, and once activated refuses
 * everything but the manager's own endpoints.
 */
abstract class AbstractMaintenanceApiTest extends ApiTestBase {
    private static final byte[] EMPTY = new byte[0];

    @AfterEach
    void deactivate() {
        admin.send("POST", "/api/v3.1/maintenance/deactivate", "application/json", EMPTY);
    }

    @Test
    void maintenance_is_off_until_an_administrator_activates_it() {
        var state = admin.get("/api/v3.1/maintenance");
        assertThat(state.status()).isEqualTo(200);
        assertThat(state.json()).isEqualTo(off());
        Api manager = newMember(newTenant(), "manager");
        assertThat(manager.get("/api/v3.1/maintenance").json()).isEqualTo(off());
        var refused = manager.send("POST", "/api/v3.1/maintenance/activate", "application/json", EMPTY);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("forbidden_error");
        assertThat(admin.get("/api/v3.1/maintenance").json()).isEqualTo(off());
    }

    @Test
    void with_nothing_running_activation_is_immediate_and_everything_but_the_manager_endpoints_answers_503() {
        var activated = activate();
        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        assertThat(activated.json()).containsEntry("status", "activated").containsEntry("requested_by", "admin")
                .containsEntry("remaining_executions", null);
        assertThat(activated.json().get("activated_at")).isNotNull();
        assertThat(activated.json().get("activation_requested_at")).isNotNull();
        assertThat(activate().status()).isEqualTo(304);

        var refused = admin.get("/api/v3.1/blueprints");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errorCode()).isEqualTo("maintenance_mode_active");
        assertThat(refused.json().get("message"))
                .isEqualTo("Your request was rejected since Cloudify manager is currently in maintenance mode");
        // Refused before authentication, as in Cloudify.
        assertThat(server.api().get("/api/v3.1/deployments").status()).isEqualTo(503);
        for (String served : List.of("/api/v3.1/maintenance", "/api/v3.1/status", "/api/v3.1/config",
                "/api/v3.1/managers", "/api/v3.1/brokers", "/api/v3.1/db-nodes", "/api/v3.1/cluster-status",
                "/api/version", "/api/v3.1/version", "/api/v3.1/ok")) {
            assertThat(admin.get(served).status()).as(served).isEqualTo(200);
        }
        assertThat(admin.get("/api/v3.1/maintenance").json()).containsEntry("status", "activated");
    }

    @Test
    void an_administrator_passes_with_the_bypass_header_but_starts_no_execution() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        upload(user, "b");
        assertThat(user.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "b")).status()).isEqualTo(201);
        assertThat(activate().json()).containsEntry("status", "activated");

        assertThat(user.with("X-BYPASS-MAINTENANCE", "true").get("/api/v3.1/deployments").status()).isEqualTo(503);
        Api bypassing = admin.tenant(tenant).with("X-BYPASS-MAINTENANCE", "true");
        assertThat(bypassing.get("/api/v3.1/deployments").items()).extracting(d -> d.get("id")).containsExactly("d");
        var start = bypassing.post("/api/v3.1/executions", Map.of("deployment_id", "d", "workflow_id", "one_task"));
        assertThat(start.status()).isEqualTo(503);
        assertThat(start.errorCode()).isEqualTo("maintenance_mode_active");
        assertThat(bypassing.get("/api/v3.1/executions?deployment_id=d&workflow_id=one_task").items()).isEmpty();
    }

    @Test
    void no_ogc_job_starts_while_maintenance_mode_is_on() {
        Api manager = admin.tenant(newTenant());
        assertThat(activate().json()).containsEntry("status", "activated");
        var job = manager.with("Prefer", "respond-async").post("/ogcapi/processes/echo/execution",
                Map.of("inputs", Map.of("a", "x")));
        assertThat(job.status()).as(job.body()).isEqualTo(503);
        assertThat(job.body()).contains("maintenance mode");
        deactivate();
        var later = manager.with("Prefer", "respond-async").post("/ogcapi/processes/echo/execution",
                Map.of("inputs", Map.of("a", "x")));
        assertThat(later.status()).as(later.body()).isEqualTo(201);
        Await.until("the OGC job to end", ExecutionFixture.WAIT,
                () -> manager.get("/ogcapi/jobs/" + later.json().get("jobID")).json().get("status"),
                "successful"::equals);
    }

    @Test
    void activation_waits_for_running_executions_and_refuses_new_ones_meanwhile() {
        ExecutionFixture busy = ExecutionFixture.deploy(newMember(newTenant(), "user"), unique("d"), Map.of(), true);
        String running = busy.start("install", Map.of());
        busy.awaitGatedOperation();

        var activating = activate();
        assertThat(activating.status()).isEqualTo(200);
        assertThat(activating.json()).containsEntry("status", "activating").containsEntry("activated_at", null);
        assertThat((List<Object>) activating.json().get("remaining_executions")).contains((Object) Map.of("id", running,
                "status", "started", "deployment_id", busy.deployment, "workflow_id", "install"));
        assertThat(activate().status()).isEqualTo(304);

        // Reads still work; starting work answers Cloudify's entering_maintenance_mode.
        assertThat(busy.user.get("/api/v3.1/executions/" + running).status()).isEqualTo(200);
        var start = busy.user.post("/api/v3.1/executions", Map.of("deployment_id", busy.deployment,
                "workflow_id", "uninstall"));
        assertThat(start.status()).isEqualTo(503);
        assertThat(start.errorCode()).isEqualTo("entering_maintenance_mode");
        // Another tenant's caller does not see this tenant's remaining execution.
        assertThat(newMember(newTenant(), "viewer").get("/api/v3.1/maintenance").json()
                .get("remaining_executions")).isEqualTo(List.of());

        busy.openGate();
        Map<String, Object> activated = Await.until("maintenance mode to be activated", ExecutionFixture.WAIT,
                () -> admin.get("/api/v3.1/maintenance").json(), s -> "activated".equals(s.get("status")));
        assertThat(activated.get("activated_at")).isNotNull();
        assertThat(activated.get("remaining_executions")).isNull();
        // Activated only once the execution had ended (reads are refused now, so look after deactivating).
        deactivate();
        assertThat(busy.execution(running)).containsEntry("status", "terminated");
    }

    @Test
    void deactivating_answers_the_previous_fields_then_304_and_work_starts_again() {
        Api user = newMember(newTenant(), "user");
        upload(user, "b");
        assertThat(user.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "b")).status()).isEqualTo(201);
        Map<String, Object> activated = activate().json();

        var deactivated = admin.send("POST", "/api/v3.1/maintenance/deactivate", "application/json", EMPTY);
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json()).containsEntry("status", "deactivated")
                .containsEntry("activated_at", activated.get("activated_at"))
                .containsEntry("activation_requested_at", activated.get("activation_requested_at"))
                .containsEntry("requested_by", "admin");
        assertThat(admin.send("POST", "/api/v3.1/maintenance/deactivate", "application/json", EMPTY).status())
                .isEqualTo(304);
        assertThat(admin.get("/api/v3.1/maintenance").json()).isEqualTo(off());
        var start = user.post("/api/v3.1/executions", Map.of("deployment_id", "d", "workflow_id", "one_task"));
        assertThat(start.status()).as(start.body()).isEqualTo(201);
        Await.until("the execution started after maintenance to end", ExecutionFixture.WAIT,
                () -> user.get("/api/v3.1/executions/" + start.json().get("id")).json().get("status"),
                "terminated"::equals);
    }

    @Test
    void an_unknown_action_answers_400() {
        var response = admin.send("POST", "/api/v3.1/maintenance/pause", "application/json", EMPTY);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("bad_parameters_error");
        assertThat(response.json().get("message"))
                .isEqualTo("Invalid action: pause, Valid action values are: ['activate', 'deactivate']");
        assertThat(admin.get("/api/v3.1/maintenance").json()).isEqualTo(off());
    }

    private Api.Response activate() {
        return admin.send("POST", "/api/v3.1/maintenance/activate", "application/json", EMPTY);
    }

    private static void upload(Api user, String blueprint) {
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/" + blueprint, "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    }

    static Map<String, Object> off() {
        Map<String, Object> off = new java.util.LinkedHashMap<>();
        off.put("status", "deactivated");
        off.put("activated_at", "");
        off.put("activation_requested_at", "");
        off.put("remaining_executions", null);
        off.put("requested_by", "");
        return off;
    }
}
