package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
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
 * The tenancy matrix: a member of tenant B, in each role, against every endpoint that touches tenant A's records,
 * through the Cloudify API and the OGC API. B never sees, changes or deletes them, and gets no hint that they exist:
 * a 404 exactly like a missing record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractTenantIsolationApiTest extends ApiTestBase {
    private Api ownerOfA;
    private String tenantA;
    private String tenantB;
    private String instanceOfA;
    private String executionOfA;
    private String processOfA;
    private String jobOfA;

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
        processOfA = unique("secret-proc");
        Api.Response deployed = sendPackage(ownerOfA, "POST", "/ogcapi/processes", upperCasePackage(processOfA));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        jobOfA = (String) ownerOfA.with("Prefer", "respond-async").post("/ogcapi/processes/" + processOfA
                + "/execution", Map.of("inputs", Map.of("word", "hidden"))).json().get("jobID");
        io.steward.api.support.Await.until("A's OGC job to succeed", java.time.Duration.ofSeconds(30),
                () -> ownerOfA.get("/ogcapi/jobs/" + jobOfA).json().get("status"), "successful"::equals);
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
        assertThat(ownerOfA.get("/api/v3.1/executions?deployment_id=secret-dep&workflow_id=install").items())
                .hasSize(1);
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
    void a_member_of_another_tenant_finds_no_ogc_process_of_it_to_read_run_replace_or_undeploy(String role) {
        Api b = newMember(tenantB, role);
        String never = unique("never-deployed");
        Map<String, Object> replacement = upperCasePackage(processOfA);
        assertLikeNeverExisted(processOfA, never, id -> b.get("/ogcapi/processes/" + id), "no-such-process");
        assertLikeNeverExisted(processOfA, never, id -> b.get("/ogcapi/processes/" + id + "/package"),
                "no-such-process");
        assertLikeNeverExisted(processOfA, never, id -> b.post("/ogcapi/processes/" + id + "/execution",
                Map.of("inputs", Map.of("word", "x"))), "no-such-process");
        assertLikeNeverExisted(processOfA, never, id -> sendPackage(b, "PUT", "/ogcapi/processes/" + id,
                replacement), "no-such-process");
        assertLikeNeverExisted(processOfA, never, id -> b.delete("/ogcapi/processes/" + id), "no-such-process");
        assertThat(b.get("/ogcapi/processes?limit=1000").body()).doesNotContain(processOfA);
        assertThat(ownerOfA.get("/ogcapi/processes/" + processOfA).status()).isEqualTo(200);
        assertThat(ownerOfA.get("/ogcapi/processes/" + processOfA + "/package").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "user", "operations", "viewer"})
    void a_member_of_another_tenant_finds_no_ogc_job_of_it_to_read_list_or_dismiss(String role) {
        Api b = newMember(tenantB, role);
        String never = java.util.UUID.randomUUID().toString();
        assertLikeNeverExisted(jobOfA, never, id -> b.get("/ogcapi/jobs/" + id), "no-such-job");
        assertLikeNeverExisted(jobOfA, never, id -> b.get("/ogcapi/jobs/" + id + "/results"), "no-such-job");
        assertLikeNeverExisted(jobOfA, never, id -> b.get("/ogcapi/jobs/" + id + "/results/upper"), "no-such-job");
        assertLikeNeverExisted(jobOfA, never, id -> b.delete("/ogcapi/jobs/" + id), "no-such-job");
        assertThat(b.get("/ogcapi/jobs?limit=10000").body()).doesNotContain(jobOfA);
        assertThat(b.get("/ogcapi/jobs?processID=" + processOfA).json().get("numberMatched")).isEqualTo(0);
        assertThat(ownerOfA.get("/ogcapi/jobs/" + jobOfA).json()).containsEntry("status", "successful");
        assertThat(ownerOfA.get("/ogcapi/jobs/" + jobOfA + "/results").body()).contains("HIDDEN");
    }

    /**
     * B's answer about A's {@code id} is the answer about an id that never existed: the same status, OGC exception
     * type and body once the id is taken out.
     */
    private static void assertLikeNeverExisted(String id, String never,
                                               java.util.function.Function<String, Api.Response> request,
                                               String ogcType) {
        Api.Response ofA = request.apply(id);
        Api.Response missing = request.apply(never);
        assertThat(ofA.status()).as(ofA.body()).isEqualTo(missing.status()).isIn(403, 404);
        if (ofA.status() == 404) {
            assertThat(ofA.json()).containsEntry("type",
                    "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/" + ogcType);
        }
        assertThat(ofA.body().replace(id, "ID")).isEqualTo(missing.body().replace(never, "ID"));
    }

    private static Map<String, Object> upperCasePackage(String id) {
        Map<String, Object> process = new java.util.LinkedHashMap<>();
        process.put("id", id);
        process.put("title", "Test process " + id);
        process.put("version", "1.0.0");
        process.put("jobControlOptions", java.util.List.of("sync-execute", "async-execute", "dismiss"));
        process.put("inputs", Map.of("word", Map.of("schema", Map.of("type", "string"))));
        process.put("outputs", Map.of("upper", Map.of("schema", Map.of("type", "string"))));
        return Map.of("processDescription", Map.of("process", process),
                "executionUnit", Map.of("type", "command",
                        "command", java.util.List.of("sh", "-c",
                                "printf '{\"upper\":\"%s\"}' \"$(printf %s \"$WORD\" | tr a-z A-Z)\""),
                        "env", Map.of("WORD", "{inputs.word}"),
                        "outputs", Map.of("stdout", "json")));
    }

    private Api.Response sendPackage(Api api, String method, String path, Object json) {
        try {
            return api.send(method, path, "application/ogcapppkg+json",
                    server.context().getBean(io.micronaut.json.JsonMapper.class).writeValueAsBytes(json));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
        if (!role.equals("operations")) {
            Api.Response deployed = sendPackage(b, "POST", "/ogcapi/processes", upperCasePackage(processOfA));
            assertThat(deployed.status()).as("the same process id deploys in another tenant: " + deployed.body())
                    .isEqualTo(201);
            assertThat(ownerOfA.get("/ogcapi/processes/" + processOfA + "/package").json())
                    .isEqualTo(b.get("/ogcapi/processes/" + processOfA + "/package").json());
        }
    }

    private static void assertNotFound(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found_error");
    }
}
