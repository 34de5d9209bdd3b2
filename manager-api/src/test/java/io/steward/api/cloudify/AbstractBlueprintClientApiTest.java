package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Archives;
import io.steward.api.support.Multipart;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blueprint requests Cloudify's {@code cfy} CLI and Python client send beyond a clean upload, with the shapes
 * they read: an upload that fails to parse (async: kept {@code invalid} with a failed {@code upload_blueprint}
 * execution; sync: 400), validate, archive download, set-visibility and update.
 */
abstract class AbstractBlueprintClientApiTest extends ApiTestBase {
    /** What {@code cfy blueprints upload} sends: always {@code async_upload=true}. */
    static final String CLI_PARAMS = "{\"visibility\":\"tenant\",\"async_upload\":true,"
            + "\"skip_execution\":false,\"application_file_name\":\"blueprint.yaml\",\"labels\":[]}";
    /** What {@code client.blueprints.upload(path, id)} sends by default, and {@code validate(path, id)} too. */
    static final String CLIENT_PARAMS = "{\"visibility\":\"tenant\",\"async_upload\":false,"
            + "\"skip_execution\":false,\"application_file_name\":\"blueprint.yaml\"}";
    static final String UNKNOWN_TYPE = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            node_templates:
              web:
                type: no.such.Type
            """;

    @Test
    void an_async_upload_that_fails_to_parse_is_kept_invalid_with_a_failed_upload_execution() {
        Api user = newMember(newTenant(), "user");
        var uploaded = upload(user, "broken", CLI_PARAMS, Archives.create().file("blueprint.yaml", UNKNOWN_TYPE));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);

        // cfy: GET /blueprints/X; the state is an end state, so it prints "<State> blueprint: <error>." and fails.
        var blueprint = user.get("/api/v3.1/blueprints/broken").json();
        assertThat(blueprint).containsEntry("state", "invalid").containsEntry("plan", null);
        String error = (String) blueprint.get("error");
        assertThat(error).startsWith("Invalid blueprint - ").contains("no.such.Type");
        assertThat(blueprint.get("error_traceback")).isEqualTo(error);
        Map<String, Object> linked = map(blueprint.get("upload_execution"));
        assertThat(linked).containsEntry("workflow_id", "upload_blueprint").containsEntry("status", "failed")
                .containsEntry("error", error);
        String executionId = (String) linked.get("id");
        var execution = user.get("/api/v3.1/executions/" + executionId);
        assertThat(execution.status()).isEqualTo(200);
        assertThat(execution.json()).containsEntry("status", "failed").containsEntry("error", error);
        assertThat(execution.json().get("ended_at")).isNotNull();
        var events = user.get("/api/v3.1/events?execution_id=" + executionId
                + "&type=cloudify_event&type=cloudify_log&_offset=0&_size=100&_sort=reported_timestamp");
        assertThat(events.items()).extracting(e -> e.get("event_type"))
                .containsExactly("workflow_started", "workflow_failed");
        assertThat(user.get("/api/v3.1/blueprints?_include=id,state,error").items()).singleElement()
                .satisfies(b -> assertThat(b).containsEntry("state", "invalid").containsEntry("error", error));

        // Nothing deploys from it, and its record cannot be resumed into a run.
        var deployment = user.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "broken", "inputs", Map.of()));
        assertThat(deployment.status()).as(deployment.body()).isEqualTo(400);
        assertThat(deployment.errorCode()).isEqualTo("deployment_creation_error");
        var resume = user.post("/api/v3.1/executions/" + executionId, Map.of("action", "resume"));
        assertThat(resume.status()).as(resume.body()).isEqualTo(400);
        assertThat(resume.errorCode()).isEqualTo("illegal_action_error");

        // Uploading the id again replaces the invalid one, as Cloudify replaces failed uploads.
        var fixed = upload(user, "broken", CLI_PARAMS, Archives.create().file("blueprint.yaml", ONE_TASK));
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(201);
        assertThat(fixed.json()).containsEntry("state", "uploaded").containsEntry("error", null);
        assertThat(map(fixed.json().get("upload_execution"))).containsEntry("status", "terminated");
        assertThat(user.get("/api/v3.1/executions/" + executionId).status()).isEqualTo(404);
        assertThat(user.get("/api/v3.1/executions?workflow_id=upload_blueprint").items()).hasSize(1);
        // A valid one is not replaced.
        var again = upload(user, "broken", CLI_PARAMS, Archives.create().file("blueprint.yaml", ONE_TASK));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("conflict_error");
    }

    @Test
    void the_clients_default_synchronous_upload_answers_400_and_stores_nothing() {
        Api user = newMember(newTenant(), "user");
        var refused = upload(user, "broken", CLIENT_PARAMS, Archives.create().file("blueprint.yaml", UNKNOWN_TYPE));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("invalid_blueprint_error");
        assertThat(refused.json().get("message").toString()).contains("no.such.Type");
        assertThat(user.get("/api/v3.1/blueprints/broken").status()).isEqualTo(404);
        assertThat(user.get("/api/v3.1/executions?_include_system_workflows=true").items()).isEmpty();
    }

    @Test
    void a_garbage_archive_is_refused_at_once_even_async() {
        Api user = newMember(newTenant(), "user");
        var refused = user.send("PUT", "/api/v3.1/blueprints/garbage", Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(CLI_PARAMS, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("invalid_blueprint_error");
        assertThat(user.get("/api/v3.1/blueprints/garbage").status()).isEqualTo(404);
    }

    @Test
    void download_answers_the_archive_with_the_name_the_client_saves_it_under() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        Archives folder = Archives.ofResourceFolder("scripted", "blueprint.yaml", "scripts/create.sh");
        assertThat(upload(user, "scripted", CLI_PARAMS, folder).status()).isEqualTo(201);

        // client.blueprints.download(id): GET /blueprints/{id}/archive, streamed, named by Content-Disposition.
        var archive = user.getBytes("/api/v3.1/blueprints/scripted/archive");
        assertThat(archive.status()).isEqualTo(200);
        assertThat(archive.header("Content-Disposition")).isEqualTo("attachment; filename=\"scripted.tar.gz\"");
        assertThat(archive.body()[0] & 0xff).isEqualTo(0x1f);
        assertThat(archive.body()[1] & 0xff).isEqualTo(0x8b);
        // What was downloaded uploads again, scripts and all.
        var again = user.send("PUT", "/api/v3.1/blueprints/copy", Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(CLIENT_PARAMS, archive.body()));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().get("plan").toString()).contains("scripts/create.sh");

        var missing = user.get("/api/v3.1/blueprints/nothing/archive");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("not_found_error");
        var hidden = newMember(newTenant(), "user").get("/api/v3.1/blueprints/scripted/archive");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.errorCode()).isEqualTo("not_found_error");
        var viewer = newMember(tenant, "viewer").getBytes("/api/v3.1/blueprints/scripted/archive");
        assertThat(viewer.status()).isEqualTo(200);
    }

    @Test
    void validate_judges_without_storing_and_the_execution_carries_the_verdict() {
        Api user = newMember(newTenant(), "user");
        var valid = user.send("PUT", "/api/v3.1/blueprints/v1/validate", Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(CLIENT_PARAMS, Archives.create().file("blueprint.yaml", ONE_TASK).tarGz()));
        assertThat(valid.status()).as(valid.body()).isEqualTo(201);
        assertThat(valid.json()).containsEntry("id", "v1").containsEntry("state", "validating")
                .containsEntry("error", null);
        Map<String, Object> verdict = map(valid.json().get("upload_execution"));
        assertThat(verdict).containsEntry("workflow_id", "upload_blueprint").containsEntry("status", "terminated");
        assertThat(map(verdict.get("parameters"))).containsEntry("validate_only", true);
        assertThat(user.get("/api/v3.1/executions/" + verdict.get("id")).json())
                .containsEntry("status", "terminated");
        assertThat(user.get("/api/v3.1/blueprints/v1").status()).isEqualTo(404);

        var invalid = user.send("PUT", "/api/v3.1/blueprints/v2/validate", Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(CLIENT_PARAMS,
                        Archives.create().file("blueprint.yaml", UNKNOWN_TYPE).tarGz()));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(201);
        assertThat((String) invalid.json().get("error")).contains("no.such.Type");
        assertThat(map(invalid.json().get("upload_execution"))).containsEntry("status", "failed");
        assertThat(user.get("/api/v3.1/blueprints/v2").status()).isEqualTo(404);

        // Validating, then uploading, the same id: the upload's own execution is the one linked.
        var uploaded = upload(user, "v1", CLI_PARAMS, Archives.create().file("blueprint.yaml", ONE_TASK));
        assertThat(uploaded.status()).isEqualTo(201);
        assertThat(map(map(uploaded.json().get("upload_execution")).get("parameters")))
                .containsEntry("validate_only", false);
        var taken = user.send("PUT", "/api/v3.1/blueprints/v1/validate", Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(CLIENT_PARAMS, Archives.create().file("blueprint.yaml", ONE_TASK).tarGz()));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errorCode()).isEqualTo("conflict_error");
        var viewer = newMember(newTenant(), "viewer").send("PUT", "/api/v3.1/blueprints/v3/validate",
                Multipart.CONTENT_TYPE, Multipart.blueprintUpload(CLIENT_PARAMS,
                        Archives.create().file("blueprint.yaml", ONE_TASK).tarGz()));
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.errorCode()).isEqualTo("forbidden_error");
    }

    @Test
    void set_visibility_only_widens_and_global_needs_an_administrator() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        String privateParams = CLI_PARAMS.replace("\"tenant\"", "\"private\"");
        assertThat(upload(user, "bp", privateParams, Archives.create().file("blueprint.yaml", ONE_TASK)).status())
                .isEqualTo(201);

        // client.blueprints.set_visibility(id, v): PATCH /blueprints/{id}/set-visibility {"visibility": v}
        var widened = user.patch("/api/v3.1/blueprints/bp/set-visibility", Map.of("visibility", "tenant"));
        assertThat(widened.status()).as(widened.body()).isEqualTo(200);
        assertThat(widened.json()).containsEntry("visibility", "tenant").containsEntry("private_resource", false);
        assertThat(map(widened.json().get("upload_execution"))).containsEntry("workflow_id", "upload_blueprint");
        var toPrivate = user.patch("/api/v3.1/blueprints/bp/set-visibility", Map.of("visibility", "private"));
        assertThat(toPrivate.status()).isEqualTo(400);
        assertThat(toPrivate.errorCode()).isEqualTo("bad_parameters_error");
        var global = user.patch("/api/v3.1/blueprints/bp/set-visibility", Map.of("visibility", "global"));
        assertThat(global.status()).isEqualTo(403);
        assertThat(global.errorCode()).isEqualTo("forbidden_error");

        // client.blueprints.set_global(id), as an administrator.
        var madeGlobal = admin.tenant(tenant).patch("/api/v3.1/blueprints/bp/set-visibility",
                Map.of("visibility", "global"));
        assertThat(madeGlobal.status()).as(madeGlobal.body()).isEqualTo(200);
        assertThat(madeGlobal.json()).containsEntry("visibility", "global");
        var narrowed = admin.tenant(tenant).patch("/api/v3.1/blueprints/bp/set-visibility",
                Map.of("visibility", "tenant"));
        assertThat(narrowed.status()).isEqualTo(400);
        assertThat(narrowed.errorCode()).isEqualTo("illegal_action_error");
        assertThat((String) narrowed.json().get("message")).contains("wider visibility");

        // Another tenant sees the global blueprint but may not change it.
        var stranger = newMember(newTenant(), "manager").patch("/api/v3.1/blueprints/bp/set-visibility",
                Map.of("visibility", "global"));
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.errorCode()).isEqualTo("forbidden_error");
        var missing = user.patch("/api/v3.1/blueprints/nothing/set-visibility", Map.of("visibility", "tenant"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("not_found_error");
    }

    @Test
    void update_sets_the_description_and_refuses_what_it_does_not_apply_by_name() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        assertThat(upload(user, "bp", CLI_PARAMS, Archives.create().file("blueprint.yaml", ONE_TASK)).status())
                .isEqualTo(201);
        // client.blueprints.update(id, {"description": …}): PATCH /blueprints/{id}
        var updated = user.patch("/api/v3.1/blueprints/bp", Map.of("description", "the new one"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json()).containsEntry("description", "the new one").containsEntry("state", "uploaded");
        assertThat(user.get("/api/v3.1/blueprints/bp").json()).containsEntry("description", "the new one");

        var empty = user.patch("/api/v3.1/blueprints/bp", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.errorCode()).isEqualTo("illegal_action_error");
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("colour", "red"),
                Map.of("state", "uploaded"), Map.of("plan", Map.of()), Map.of("labels", List.of("a:b")),
                Map.of("creator", "someone"))) {
            var refused = user.patch("/api/v3.1/blueprints/bp", body);
            assertThat(refused.status()).as(body.toString()).isEqualTo(400);
            assertThat(refused.errorCode()).as(body.toString()).isEqualTo("bad_parameters_error");
            assertThat((String) refused.json().get("message")).contains(body.keySet().iterator().next());
        }
        var missing = user.patch("/api/v3.1/blueprints/nothing", Map.of("description", "x"));
        assertThat(missing.status()).isEqualTo(404);
        var viewer = newMember(tenant, "viewer").patch("/api/v3.1/blueprints/bp", Map.of("description", "x"));
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.errorCode()).isEqualTo("forbidden_error");
        var stranger = newMember(newTenant(), "user").patch("/api/v3.1/blueprints/bp", Map.of("description", "x"));
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.errorCode()).isEqualTo("not_found_error");
    }

    @Test
    void every_field_cfy_blueprints_list_and_get_read_is_there() {
        Api user = newMember(newTenant(), "user");
        assertThat(upload(user, "bp", CLI_PARAMS, Archives.create().file("blueprint.yaml", ONE_TASK)).status())
                .isEqualTo(201);
        List<String> columns = List.of("id", "description", "main_file_name", "created_at", "updated_at",
                "created_by", "visibility", "tenant_name", "state", "error", "labels", "is_hidden", "requirements",
                "upload_execution", "plan", "plan_p", "error_traceback", "resource_availability", "private_resource");
        var listed = user.get("/api/v3.1/blueprints?_include=" + String.join("%2C", columns)).items();
        assertThat(listed).singleElement().satisfies(b -> assertThat(b).containsOnlyKeys(columns));
        Map<String, Object> plan = map(user.get("/api/v3.1/blueprints/bp").json().get("plan"));
        // cfy blueprints get indexes these (KeyError otherwise).
        assertThat(plan).containsKeys("metadata", "inputs", "deployment_plugins_to_install",
                "workflow_plugins_to_install", "host_agent_plugins_to_install");
    }

    private static Api.Response upload(Api user, String id, String params, Archives archive) {
        return user.send("PUT", "/api/v3.1/blueprints/" + id, Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(params, archive.tarGz()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
