package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.Archives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.steward.api.cloudify.AbstractBlueprintApiTest.uploadYaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenancy matrix: a member of tenant B, in each role, against every endpoint that touches tenant A's records.
 * B never sees, changes or deletes them, and gets no hint that they exist: a 404 exactly like a missing record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractTenantIsolationApiTest extends ApiTestBase {
    private Api ownerOfA;
    private String tenantA;
    private String tenantB;
    private String instanceOfA;
    private String executionOfA;

    @BeforeAll
    void tenantAOwnsABlueprintAndADeployment() {
        tenantA = newTenant();
        tenantB = newTenant();
        ownerOfA = newMember(tenantA, "manager");
        assertThat(uploadYaml(ownerOfA, "secret-bp", Archives.resourceText("blueprints/three-tier.yaml")).status())
                .isEqualTo(201);
        assertThat(ownerOfA.put("/api/v3.1/deployments/secret-dep", Map.of("blueprint_id", "secret-bp",
                "inputs", Map.of("db_name", "x"))).status()).isEqualTo(201);
        instanceOfA = (String) ownerOfA.get("/api/v3.1/node-instances?deployment_id=secret-dep").items().get(0)
                .get("id");
        executionOfA = (String) ownerOfA.post("/api/v3.1/executions", Map.of("deployment_id", "secret-dep",
                "workflow_id", "install")).json().get("id");
        io.steward.api.support.Await.until("A's install to end", java.time.Duration.ofSeconds(30),
                () -> ownerOfA.get("/api/v3.1/executions/" + executionOfA).json().get("status"),
                "terminated"::equals);
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "user", "operations", "viewer"})
    void a_member_of_another_tenant_cannot_see_or_touch_executions_and_events(String role) {
        Api b = newMember(tenantB, role);
        assertNotFound(b.get("/api/v3.1/executions/" + executionOfA));
        assertNotFound(b.get("/api/v3.1/executions/" + executionOfA + "/should-start"));
        assertThat(b.get("/api/v3.1/executions?_include_system_workflows=True").items()).isEmpty();
        assertThat(b.get("/api/v3.1/events?execution_id=" + executionOfA).items()).isEmpty();
        int action = b.post("/api/v3.1/executions/" + executionOfA, Map.of("action", "kill")).status();
        int patch = b.patch("/api/v3.1/executions/" + executionOfA, Map.of("status", "failed")).status();
        int start = b.post("/api/v3.1/executions", Map.of("deployment_id", "secret-dep", "workflow_id", "install"))
                .status();
        int post = b.post("/api/v3.1/events", Map.of("execution_id", executionOfA, "events", java.util.List.of()))
                .status();
        if (role.equals("viewer")) {
            assertThat(java.util.List.of(action, patch, start, post)).allSatisfy(s -> assertThat(s).isIn(403, 404));
        } else {
            assertThat(java.util.List.of(action, patch, start, post)).containsOnly(404);
        }
        assertThat(ownerOfA.get("/api/v3.1/executions/" + executionOfA).json()).containsEntry("status", "terminated");
        assertThat(ownerOfA.get("/api/v3.1/executions?deployment_id=secret-dep").items()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "user", "operations", "viewer"})
    void a_member_of_another_tenant_cannot_read_anything(String role) {
        Api b = newMember(tenantB, role);
        assertNotFound(b.get("/api/v3.1/blueprints/secret-bp"));
        assertNotFound(b.get("/api/v3/blueprints/secret-bp"));
        assertNotFound(b.get("/api/v3.1/deployments/secret-dep"));
        assertNotFound(b.get("/api/v3.1/node-instances/" + instanceOfA));
        assertThat(b.get("/api/v3.1/blueprints").items()).isEmpty();
        assertThat(b.get("/api/v3.1/deployments").items()).isEmpty();
        assertThat(b.get("/api/v3.1/nodes?deployment_id=secret-dep").items()).isEmpty();
        assertThat(b.get("/api/v3.1/node-instances?deployment_id=secret-dep").items()).isEmpty();
        assertThat(b.get("/api/v3.1/blueprints?id=secret-bp").json().get("metadata").toString()).contains("total=0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "user", "operations", "viewer"})
    void a_member_of_another_tenant_cannot_change_or_delete_anything(String role) {
        Api b = newMember(tenantB, role);
        int deleteBlueprint = b.delete("/api/v3.1/blueprints/secret-bp").status();
        int deleteDeployment = b.delete("/api/v3.1/deployments/secret-dep?force=true").status();
        var deployFromA = b.put("/api/v3.1/deployments/stolen", Map.of("blueprint_id", "secret-bp",
                "inputs", Map.of("db_name", "x")));
        // A viewer is refused before any lookup (403, as Cloudify); every other role sees "not found".
        assertThat(deleteBlueprint).isIn(403, 404);
        assertThat(deleteDeployment).isIn(403, 404);
        assertThat(deployFromA.status()).isIn(403, 404);
        if (!role.equals("viewer")) {
            assertThat(deleteDeployment).isEqualTo(404);
            assertThat(deployFromA.status()).isEqualTo(404);
        }
        if (role.equals("manager") || role.equals("user")) {
            assertThat(deleteBlueprint).isEqualTo(404);
        }
        assertThat(ownerOfA.get("/api/v3.1/blueprints/secret-bp").status()).isEqualTo(200);
        assertThat(ownerOfA.get("/api/v3.1/deployments/secret-dep").status()).isEqualTo(200);
        assertThat(ownerOfA.get("/api/v3.1/node-instances?deployment_id=secret-dep").items()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "user", "operations", "viewer"})
    void naming_the_other_tenant_in_the_header_is_refused(String role) {
        Api b = newMember(tenantB, role).tenant(tenantA);
        assertThat(b.get("/api/v3.1/blueprints/secret-bp").status()).isEqualTo(403);
        assertThat(b.get("/api/v3.1/deployments").status()).isEqualTo(403);
        assertThat(b.delete("/api/v3.1/deployments/secret-dep").status()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "user", "operations"})
    void the_same_ids_in_another_tenant_are_independent_records(String role) {
        Api b = newMember(newTenant(), role);
        if (!role.equals("operations")) {
            assertThat(uploadYaml(b, "secret-bp", Archives.resourceText("blueprints/three-tier.yaml")).status())
                    .isEqualTo(201);
            assertThat(b.get("/api/v3.1/blueprints/secret-bp").json().get("tenant_name"))
                    .isNotEqualTo(tenantA);
        }
        assertThat(ownerOfA.get("/api/v3.1/blueprints/secret-bp").json()).containsEntry("tenant_name", tenantA);
    }

    private static void assertNotFound(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found_error");
    }
}
