package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.tenancy.member.SystemRole;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.TenantTables;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tenants, users and memberships through the API, with the bodies Cloudify's client sends. */
abstract class AbstractTenancyApiTest extends ApiTestBase {

    @Test
    void admin_creates_a_tenant_a_user_and_a_membership() {
        String tenant = newTenant();
        String username = unique("u");
        var user = admin.put("/api/v3.1/users", Map.of("username", username, "password", "secret", "role", "default"));
        assertThat(user.status()).isEqualTo(201);
        assertThat(user.json()).containsEntry("role", "default").doesNotContainKey("password");
        var added = admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant,
                "role", "operations"));
        assertThat(added.json()).containsEntry("name", tenant).containsEntry("users", 1);
        var self = server.api().basic(username, "secret").tenant(tenant).get("/api/v3.1/user").json();
        assertThat(self.get("tenants")).isEqualTo(Map.of(tenant, Map.of("tenant-role", "operations",
                "roles", java.util.List.of("operations"))));
    }

    @Test
    void a_membership_defaults_to_the_user_role_and_can_be_changed() {
        String tenant = newTenant();
        String username = unique("u");
        admin.put("/api/v3.1/users", Map.of("username", username, "password", "secret"));
        admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant));
        assertThat(tenantRole(username, tenant)).isEqualTo("user");
        assertThat(admin.patch("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant,
                "role", "viewer")).status()).isEqualTo(200);
        assertThat(tenantRole(username, tenant)).isEqualTo("viewer");
    }

    @Test
    void duplicates_answer_409_conflict() {
        String tenant = newTenant();
        assertThat(admin.post("/api/v3.1/tenants/" + tenant, Map.of()).errorCode()).isEqualTo("conflict_error");
        String username = unique("u");
        admin.put("/api/v3.1/users", Map.of("username", username, "password", "secret"));
        var again = admin.put("/api/v3.1/users", Map.of("username", username, "password", "secret"));
        assertThat(again.status()).isEqualTo(409);
        admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant));
        assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant))
                .status()).isEqualTo(409);
    }

    @Test
    void bad_names_roles_and_missing_fields_answer_400() {
        assertThat(admin.post("/api/v3.1/tenants/bad%20name", Map.of()).status()).isEqualTo(400);
        assertThat(admin.put("/api/v3.1/users", Map.of("username", "1starts-with-digit", "password", "x")).status())
                .isEqualTo(400);
        assertThat(admin.put("/api/v3.1/users", Map.of("username", unique("u"))).json().get("message"))
                .isEqualTo("Missing password in json request body");
        assertThat(admin.put("/api/v3.1/users", Map.of("username", unique("u"), "password", "x", "role", "god"))
                .status()).isEqualTo(400);
        assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", "admin", "tenant_name", "default_tenant",
                "role", "owner")).status()).isEqualTo(400);
    }

    @Test
    void memberships_of_unknown_users_or_tenants_answer_404() {
        assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", "ghost", "tenant_name", "default_tenant"))
                .status()).isEqualTo(404);
        assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", "admin", "tenant_name", "ghost-tenant"))
                .status()).isEqualTo(404);
    }

    @Test
    void members_list_only_their_own_tenants() {
        String mine = newTenant();
        newTenant();
        Api member = newMember(mine, "viewer");
        assertThat(member.get("/api/v3.1/tenants").items()).extracting(t -> t.get("name")).containsExactly(mine);
        assertThat(member.get("/api/v3.1/tenants/default_tenant").status()).isEqualTo(404);
    }

    @Test
    void an_empty_tenant_can_be_deleted_and_then_is_gone() {
        String tenant = newTenant();
        assertThat(admin.delete("/api/v3.1/tenants/" + tenant).status()).isEqualTo(204);
        assertThat(admin.get("/api/v3.1/tenants/" + tenant).status()).isEqualTo(404);
    }

    @Test
    void a_tenant_left_with_only_history_is_deleted_with_it() {
        String tenant = newTenant();
        Api manager = admin.tenant(tenant);
        var uploaded = manager.send("PUT", "/api/v3.1/blueprints/b", "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(manager.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "b")).status()).isEqualTo(201);
        var started = manager.post("/api/v3.1/executions", Map.of("deployment_id", "d", "workflow_id", "one_task"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String execution = (String) started.json().get("id");
        // An OGC job: an execution on the generated deployment ogcapi-echo, and its ogc_jobs row.
        var job = manager.with("Prefer", "respond-async").post("/ogcapi/processes/echo/execution",
                Map.of("inputs", Map.of("a", "x")));
        assertThat(job.status()).as(job.body()).isEqualTo(201);
        String jobId = (String) job.json().get("jobID");
        awaitStatus(manager, execution, "terminated");
        awaitStatus(manager, jobId, "terminated");
        assertThat(total(manager.get("/api/v3.1/events?_size=0&execution_id=" + execution))).isPositive();
        leaveAnEventOfAGoneExecution(tenant);

        assertThat(manager.delete("/api/v3.1/deployments/d").status()).isEqualTo(204);
        assertThat(total(manager.get("/api/v3.1/events?_size=0&execution_id=" + execution)))
                .as("a deleted deployment's executions take their events with them").isZero();
        assertThat(manager.delete("/api/v3.1/deployments/ogcapi-echo").status()).isEqualTo(204);
        assertThat(manager.delete("/api/v3.1/blueprints/b").status()).isEqualTo(204);
        assertThat(manager.delete("/api/v3.1/blueprints/ogcapi-process").status()).isEqualTo(204);
        var removed = admin.delete("/api/v3.1/tenants/" + tenant);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(admin.get("/api/v3.1/tenants/" + tenant).status()).isEqualTo(404);

        // The history went with the tenant, not merely out of sight: a new tenant of the same name starts empty.
        assertThat(admin.post("/api/v3.1/tenants/" + tenant, Map.of()).status()).isEqualTo(201);
        assertThat(total(manager.get("/api/v3.1/executions?_size=0&_include_system_workflows=true"))).isZero();
        assertThat(total(manager.get("/api/v3.1/events?_size=0"))).isZero();
        assertThat(manager.get("/ogcapi/jobs/" + jobId).status()).isEqualTo(404);
    }

    @Test
    void a_tenant_with_an_execution_that_has_not_ended_is_not_deleted_and_says_what_remains() {
        String tenant = newTenant();
        Api manager = admin.tenant(tenant);
        var job = manager.with("Prefer", "respond-async").post("/ogcapi/processes/echo/execution",
                Map.of("inputs", Map.of("a", "slow", "pause", 600)));
        assertThat(job.status()).as(job.body()).isEqualTo(201);
        String jobId = (String) job.json().get("jobID");

        var refused = admin.delete("/api/v3.1/tenants/" + tenant);
        // As every refusal of a delete because something depends on it (Problem.IN_USE): 400 dependent_exists_error.
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("dependent_exists_error");
        assertThat((String) refused.json().get("message")).contains("1 deployment(s), 1 blueprint(s)",
                "1 execution(s) that have not ended: [" + jobId + "]");
        assertThat(admin.get("/api/v3.1/tenants/" + tenant).status()).isEqualTo(200);

        assertThat(manager.post("/api/v3.1/executions/" + jobId, Map.of("action", "kill")).status()).isEqualTo(200);
        awaitStatus(manager, jobId, "cancelled");
        assertThat(manager.delete("/api/v3.1/deployments/ogcapi-echo").status()).isEqualTo(204);
        assertThat(manager.delete("/api/v3.1/blueprints/ogcapi-process").status()).isEqualTo(204);
        var removed = admin.delete("/api/v3.1/tenants/" + tenant);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
    }

    /** What deleting a deployment left behind before it took its executions' events along: an orphan event. */
    private void leaveAnEventOfAGoneExecution(String tenant) {
        TenantTables tables = server.context().getBean(TenantTables.class);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", unique("e"));
        event.put("visibility", "tenant");
        event.put("created_at", Instant.now());
        event.put("reported_at", Instant.now());
        event.put("type", "cloudify_log");
        event.put("message", "left by an execution deleted long ago");
        event.put("execution_id", unique("gone"));
        try (var bound = CallerScope.bind(new Caller("admin", SystemRole.SYS_ADMIN, tenant, null))) {
            tables.insert("events", event);
        }
    }

    @Test
    void a_tenant_that_still_has_deployments_and_blueprints_names_them() {
        String tenant = newTenant();
        Api manager = admin.tenant(tenant);
        assertThat(manager.send("PUT", "/api/v3.1/blueprints/b", "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        assertThat(manager.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "b")).status()).isEqualTo(201);
        var refused = admin.delete("/api/v3.1/tenants/" + tenant);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat((String) refused.json().get("message")).contains("1 deployment(s), 1 blueprint(s)");
    }

    private static void awaitStatus(Api api, String execution, String status) {
        Await.until("execution " + execution + " " + status, Duration.ofSeconds(30),
                () -> api.get("/api/v3.1/executions/" + execution).json(), e -> status.equals(e.get("status")));
    }

    private static long total(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<?, ?> metadata = (Map<?, ?>) response.json().get("metadata");
        return ((Number) ((Map<?, ?>) metadata.get("pagination")).get("total")).longValue();
    }

    @Test
    void users_cannot_read_other_users() {
        String tenant = newTenant();
        Api member = newMember(tenant, "manager");
        assertThat(member.get("/api/v3.1/users/admin").status()).isEqualTo(404);
    }

    @SuppressWarnings("unchecked")
    private String tenantRole(String username, String tenant) {
        var tenants = (Map<String, Map<String, Object>>) admin.get("/api/v3.1/users/" + username).json().get("tenants");
        return (String) tenants.get(tenant).get("tenant-role");
    }
}
