package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Archives;
import io.steward.api.support.Await;
import io.steward.api.support.Multipart;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executions Cloudify's clients wait on after an upload or a deployment create: {@code upload_blueprint} linked
 * as the blueprint's {@code upload_execution}, {@code create_deployment_environment} found the way the CLI's
 * {@code get_deployment_environment_execution} looks it up, both ordinary rows of the executions table.
 */
abstract class AbstractSystemExecutionsApiTest extends ApiTestBase {
    /** What {@code cfy blueprints upload} sends: always {@code async_upload=true}. */
    private static final String CLI_PARAMS = "{\"visibility\":\"tenant\",\"async_upload\":true,"
            + "\"skip_execution\":false,\"application_file_name\":\"blueprint.yaml\",\"labels\":[]}";

    @Test
    void an_upload_links_its_terminated_upload_blueprint_execution_as_cfy_reads_it() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        byte[] archive = Archives.ofResourceFolder("scripted", "blueprint.yaml", "scripts/create.sh").tarGz();
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/up", Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(CLI_PARAMS, archive));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);

        // cfy: GET /blueprints/X, read upload_execution['id'] and state.
        var blueprint = user.get("/api/v3.1/blueprints/up").json();
        assertThat(blueprint).containsEntry("state", "uploaded").containsEntry("error", null);
        Map<String, Object> linked = map(blueprint.get("upload_execution"));
        assertThat(linked).containsEntry("workflow_id", "upload_blueprint").containsEntry("status", "terminated")
                .containsEntry("blueprint_id", "up").containsEntry("deployment_id", null)
                .containsEntry("is_system_workflow", false);
        String id = (String) linked.get("id");
        assertThat(id).isNotBlank();
        assertThat(map(linked.get("parameters"))).containsEntry("blueprint_id", "up")
                .containsEntry("app_file_name", "blueprint.yaml").containsEntry("validate_only", false);

        var execution = user.get("/api/v3.1/executions/" + id);
        assertThat(execution.status()).isEqualTo(200);
        assertThat(execution.json()).containsEntry("status", "terminated").containsEntry("created_by",
                linked.get("created_by")).containsEntry("tenant_name", tenant);
        assertThat(execution.json().get("started_at")).isNotNull();
        assertThat(execution.json().get("ended_at")).isNotNull();
        var events = user.get("/api/v3.1/events?execution_id=" + id
                + "&type=cloudify_event&type=cloudify_log&_offset=0&_size=100&_sort=reported_timestamp");
        assertThat(events.items()).extracting(e -> e.get("event_type"))
                .containsExactly("workflow_started", "workflow_succeeded");
        // Not a system workflow in Cloudify: default lists show it.
        assertThat(user.get("/api/v3.1/executions?workflow_id=upload_blueprint").items())
                .extracting(e -> e.get("id")).containsExactly(id);
        assertThat(user.get("/api/v3.1/blueprints?id=up").items()).singleElement()
                .satisfies(b -> assertThat(map(b.get("upload_execution"))).containsEntry("id", id));
        assertThat(user.get("/api/v3.1/blueprints/up?_include=id,upload_execution").json())
                .containsOnlyKeys("id", "upload_execution");

        // Another tenant sees neither the blueprint nor its execution.
        Api stranger = newMember(newTenant(), "user");
        var hidden = stranger.get("/api/v3.1/executions/" + id);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.errorCode()).isEqualTo("not_found_error");
    }

    @Test
    void a_refused_upload_records_no_execution() {
        Api user = newMember(newTenant(), "user");
        var refused = user.send("PUT", "/api/v3.1/blueprints/bad", "application/yaml",
                "tosca_definitions_version: [unclosed\n".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("invalid_blueprint_error");
        assertThat(user.get("/api/v3.1/executions?_include_system_workflows=true").items()).isEmpty();
    }

    @Test
    void a_create_records_create_deployment_environment_as_the_cli_looks_it_up() {
        Api user = newMember(newTenant(), "user");
        assertThat(user.send("PUT", "/api/v3.1/blueprints/bp", "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        var created = user.put("/api/v3.1/deployments/d1", Map.of("blueprint_id", "bp", "inputs", Map.of(),
                "display_name", "d1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        // cfy's get_deployment_environment_execution, verbatim.
        var found = user.get("/api/v3.1/executions?_include_system_workflows=False&deployment_id=d1"
                + "&workflow_id=create_deployment_environment&_sort=-created_at");
        assertThat(found.items()).hasSize(1);
        Map<String, Object> execution = found.items().get(0);
        assertThat(execution).containsEntry("status", "terminated").containsEntry("blueprint_id", "bp")
                .containsEntry("is_system_workflow", false);
        assertThat(map(execution.get("parameters"))).containsEntry("display_name", "d1")
                .containsEntry("inputs", Map.of()).containsEntry("labels", List.of());
        String createId = (String) execution.get("id");
        assertThat(created.json()).containsEntry("latest_execution", createId)
                .containsEntry("latest_execution_status", "completed");
        assertThat(user.get("/api/v3.1/deployments/d1").json()).containsEntry("latest_execution", createId)
                .containsEntry("latest_execution_status", "completed")
                .containsEntry("latest_execution_workflow_id", "create_deployment_environment");

        // The recorded execution holds nothing up: a start runs at once, and becomes the latest.
        var started = user.post("/api/v3.1/executions", Map.of("deployment_id", "d1", "workflow_id", "one_task"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.json()).containsEntry("status", "pending");
        String runId = (String) started.json().get("id");
        Await.until("one_task terminated", Duration.ofSeconds(30),
                () -> user.get("/api/v3.1/executions/" + runId).json().get("status"), "terminated"::equals);
        assertThat(user.get("/api/v3.1/deployments/d1").json()).containsEntry("latest_execution", runId)
                .containsEntry("latest_execution_workflow_id", "one_task");
        assertThat(user.get("/api/v3.1/deployments?id=d1").items()).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("latest_execution", runId)
                        .containsEntry("latest_execution_status", "completed"));
    }

    @Test
    void a_delete_records_delete_deployment_environment_as_the_cli_waits_on_it() {
        Api user = newMember(newTenant(), "user");
        assertThat(user.send("PUT", "/api/v3.1/blueprints/bp", "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        assertThat(user.put("/api/v3.1/deployments/d1", Map.of("blueprint_id", "bp", "inputs", Map.of(),
                "display_name", "d1")).status()).isEqualTo(201);

        // client.deployments.delete(id): the query the client always sends.
        var deleted = user.delete("/api/v3.1/deployments/d1?force=False&delete_logs=False&recursive=False");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(user.get("/api/v3.1/deployments/d1").status()).isEqualTo(404);

        // cfy deployments delete: get_deployment_environment_execution, then wait_for_execution on it.
        var found = user.get("/api/v3.1/executions?_include_system_workflows=False&deployment_id=d1"
                + "&workflow_id=delete_deployment_environment&_sort=-created_at");
        assertThat(found.items()).hasSize(1);
        Map<String, Object> execution = found.items().get(0);
        assertThat(execution).containsEntry("status", "terminated").containsEntry("error", "")
                .containsEntry("deployment_id", "d1").containsEntry("blueprint_id", "bp")
                .containsEntry("is_system_workflow", false);
        assertThat(map(execution.get("parameters"))).containsEntry("delete_logs", false)
                .containsEntry("force", false).containsEntry("recursive", false);
        String id = (String) execution.get("id");
        assertThat(user.get("/api/v3.1/executions/" + id).json()).containsEntry("status", "terminated");
        assertThat(user.get("/api/v3.1/events?execution_id=" + id
                + "&_offset=0&_size=100&_sort=reported_timestamp&type=cloudify_event&type=cloudify_log").items())
                .extracting(e -> e.get("event_type")).containsExactly("workflow_started", "workflow_succeeded");
        // The deployment's other executions went with it, as Cloudify's cascade takes them.
        assertThat(user.get("/api/v3.1/executions?deployment_id=d1").items()).extracting(e -> e.get("workflow_id"))
                .containsExactly("delete_deployment_environment");

        // A deployment made again under that id starts clean.
        assertThat(user.put("/api/v3.1/deployments/d1", Map.of("blueprint_id", "bp", "inputs", Map.of()))
                .status()).isEqualTo(201);
        assertThat(user.get("/api/v3.1/executions?deployment_id=d1").items()).extracting(e -> e.get("workflow_id"))
                .containsExactly("create_deployment_environment");
    }

    @Test
    void a_refused_delete_records_nothing_and_force_deletes_live_instances() {
        Api user = newMember(newTenant(), "user");
        assertThat(user.send("PUT", "/api/v3.1/blueprints/bp", "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        assertThat(user.put("/api/v3.1/deployments/d1", Map.of("blueprint_id", "bp", "inputs", Map.of()))
                .status()).isEqualTo(201);
        var install = user.post("/api/v3.1/executions", Map.of("deployment_id", "d1", "workflow_id", "install"));
        assertThat(install.status()).as(install.body()).isEqualTo(201);
        String installId = (String) install.json().get("id");
        Await.until("install terminated", Duration.ofSeconds(30),
                () -> user.get("/api/v3.1/executions/" + installId).json().get("status"), "terminated"::equals);

        var refused = user.delete("/api/v3.1/deployments/d1?force=False&delete_logs=False&recursive=False");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("dependent_exists_error");
        assertThat(user.get("/api/v3.1/executions?workflow_id=delete_deployment_environment").items()).isEmpty();
        assertThat(user.get("/api/v3.1/deployments/d1").status()).isEqualTo(200);
        var badFlag = user.delete("/api/v3.1/deployments/d1?force=False&delete_logs=maybe");
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.errorCode()).isEqualTo("bad_parameters_error");

        var forced = user.delete("/api/v3.1/deployments/d1?force=True&delete_logs=True&recursive=False");
        assertThat(forced.status()).as(forced.body()).isEqualTo(204);
        var found = user.get("/api/v3.1/executions?_include_system_workflows=False&deployment_id=d1"
                + "&workflow_id=delete_deployment_environment&_sort=-created_at").items();
        assertThat(found).singleElement().satisfies(e -> assertThat(map(e.get("parameters")))
                .containsEntry("force", true).containsEntry("delete_logs", true));
        assertThat(user.get("/api/v3.1/executions/" + installId).status()).isEqualTo(404);
        // Ended terminated: nothing to resume, as for any terminated execution.
        var resume = user.post("/api/v3.1/executions/" + found.get(0).get("id"), Map.of("action", "resume"));
        assertThat(resume.status()).isEqualTo(409);
        assertThat(resume.errorCode()).isEqualTo("conflict_error");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
