package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events follow the visibility of their execution: a private deployment's events, input values included, are seen
 * by its owner and the tenant's managers only, through every filter, {@code _include}, paging and the total; and
 * deleting events is a write with the roles and visibility of deleting executions.
 */
abstract class AbstractEventVisibilityApiTest extends ApiTestBase {
    /** A workflow {@code reveal} that logs the deployment's {@code password} input. */
    private static final String LOGS_ITS_INPUT = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            inputs:
              password: {type: string}
            node_templates:
              n:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: steward.log
                      inputs: {message: {get_input: password}}
            workflows:
              reveal:
                mapping: steward.sequence
                steps:
                  - {node: n, operation: cloudify.interfaces.lifecycle.create}
            """;

    private Api owner;
    private Api colleague;
    private Api viewer;
    private Api manager;
    private String secret;
    private String privateExecution;
    private String sharedExecution;

    @BeforeEach
    void ownerRunsAPrivateAndASharedDeployment() {
        String tenant = newTenant();
        owner = newMember(tenant, "user");
        colleague = newMember(tenant, "user");
        viewer = newMember(tenant, "viewer");
        manager = newMember(tenant, "manager");
        secret = unique("s3cret");
        var uploaded = owner.send("PUT", "/api/v3.1/blueprints/b", "application/yaml",
                LOGS_ITS_INPUT.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        privateExecution = run("mine", "private", secret);
        sharedExecution = run("shared", "tenant", "not-a-secret");
    }

    @Test
    void a_colleague_sees_none_of_a_private_deployments_events_through_any_filter() {
        long ownerSees = total(owner, "execution_id=" + privateExecution);
        assertThat(messages(owner, "execution_id=" + privateExecution)).as("the input value is logged")
                .contains(secret);
        long sharedEvents = total(owner, "execution_id=" + sharedExecution);
        // Plus workflow_started and workflow_succeeded of the upload and of the two creates.
        assertThat(total(owner, "")).isEqualTo(ownerSees + sharedEvents + 6);

        for (String filter : List.of("", "execution_id=" + privateExecution, "deployment_id=mine", "blueprint_id=b",
                "node_id=n", "workflow_id=reveal", "type=cloudify_log", "type=cloudify_event", "level=info",
                "event_type=workflow_started", "message=" + encode(secret), "message.text=" + encode(secret + "*"),
                "operation=create", "_include=message,execution_id", "_size=1&_offset=0", "_size=1&_offset=1",
                "_sort=-@timestamp", "_range=@timestamp,2000-01-01T00:00:00,", "execution_id=" + privateExecution
                        + "&execution_id=" + sharedExecution)) {
            for (Api outsider : List.of(colleague, viewer)) {
                var listed = outsider.get("/api/v3.1/events?" + filter);
                assertThat(listed.status()).as(filter + ": " + listed.body()).isEqualTo(200);
                assertThat(listed.body()).as(filter).doesNotContain(secret).doesNotContain(privateExecution);
                assertThat(listed.items()).as(filter).allSatisfy(item ->
                        assertThat(item.get("deployment_id")).isIn("shared", null));
                assertThat(total(outsider, filter)).as(filter + ": the total counts only what is visible")
                        .isEqualTo(total(owner, filter) - total(owner, and(filter, "deployment_id=mine")));
            }
        }
        // Plus the two events each of the (tenant-visible) upload and of the shared deployment's create.
        assertThat(total(colleague, "")).isEqualTo(sharedEvents + 4);
        assertThat(total(manager, "execution_id=" + privateExecution)).as("managers see private events")
                .isEqualTo(ownerSees);
        assertThat(messages(manager, "deployment_id=mine")).contains(secret);
    }

    @Test
    void an_event_a_manager_posts_to_a_private_execution_stays_private_to_its_owner() {
        var posted = manager.post("/api/v3.1/events", Map.of("execution_id", privateExecution,
                "logs", List.of(Map.of("level", "info", "message", Map.of("text", "posted " + secret)))));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(messages(owner, "execution_id=" + privateExecution)).contains("posted " + secret);
        assertThat(colleague.get("/api/v3.1/events?message=posted").items()).isEmpty();
        assertThat(colleague.post("/api/v3.1/events", Map.of("execution_id", privateExecution,
                "logs", List.of(Map.of("message", Map.of("text", "x"))))).status())
                .as("an execution the colleague cannot see").isEqualTo(404);
    }

    @Test
    void a_viewer_deleting_events_is_refused_as_deleting_executions_is() {
        long before = total(manager, "");
        var executionsDelete = viewer.delete("/api/v3.1/executions?deployment_id=shared", Map.of("keep_last", 0));
        assertThat(executionsDelete.status()).isEqualTo(403);
        assertThat(executionsDelete.errorCode()).isEqualTo("forbidden_error");
        for (String deployment : List.of("shared", "mine")) {
            var refused = viewer.delete("/api/v3.1/events?deployment_id=" + deployment);
            assertThat(refused.status()).as(refused.body()).isEqualTo(executionsDelete.status());
            assertThat(refused.errorCode()).isEqualTo(executionsDelete.errorCode());
        }
        assertThat(total(manager, "")).as("nothing was deleted").isEqualTo(before);
    }

    @Test
    void a_colleague_deleting_a_private_deployments_events_deletes_none_as_with_its_executions() {
        long privateEvents = total(owner, "deployment_id=mine");
        assertThat(privateEvents).isPositive();

        var deleted = colleague.delete("/api/v3.1/events?deployment_id=mine");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.items()).containsExactly(Map.of("count", 0));
        assertThat(total(owner, "deployment_id=mine")).isEqualTo(privateEvents);
        var executionsDelete = colleague.delete("/api/v3.1/executions?deployment_id=mine", Map.of("keep_last", 0));
        assertThat(executionsDelete.status()).as(executionsDelete.body()).isEqualTo(deleted.status());
        assertThat(executionsDelete.items()).isEqualTo(deleted.items());
        assertThat(owner.get("/api/v3.1/executions/" + privateExecution).status()).isEqualTo(200);

        long privateLogs = total(owner, "deployment_id=mine&type=cloudify_log");
        var ownDelete = owner.delete("/api/v3.1/events?deployment_id=mine&type=cloudify_log");
        assertThat(ownDelete.status()).as(ownDelete.body()).isEqualTo(200);
        assertThat(ownDelete.items()).containsExactly(Map.of("count", (int) privateLogs));
        assertThat(total(owner, "deployment_id=mine&type=cloudify_log")).isZero();
        assertThat(total(owner, "deployment_id=mine")).isPositive();
    }

    /** Creates the deployment, runs {@code reveal} on it to the end as the owner; returns the execution id. */
    private String run(String deployment, String visibility, String password) {
        var created = owner.put("/api/v3.1/deployments/" + deployment, Map.of("blueprint_id", "b",
                "visibility", visibility, "inputs", Map.of("password", password)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var started = owner.post("/api/v3.1/executions", Map.of("deployment_id", deployment, "workflow_id", "reveal"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String id = (String) started.json().get("id");
        Await.until("execution " + id + " to end", Duration.ofSeconds(30),
                () -> owner.get("/api/v3.1/executions/" + id).json(), e -> "terminated".equals(e.get("status")));
        return id;
    }

    private static List<Object> messages(Api api, String filter) {
        return api.get("/api/v3.1/events?" + filter).items().stream().map(item -> item.get("message")).toList();
    }

    private static long total(Api api, String filter) {
        var response = api.get("/api/v3.1/events?" + filter);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<?, ?> metadata = (Map<?, ?>) response.json().get("metadata");
        return ((Number) ((Map<?, ?>) metadata.get("pagination")).get("total")).longValue();
    }

    private static String and(String filter, String more) {
        return filter.isEmpty() ? more : filter + "&" + more;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
