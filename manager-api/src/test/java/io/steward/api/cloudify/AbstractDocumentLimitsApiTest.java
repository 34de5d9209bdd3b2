package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Archives;
import io.steward.api.support.Await;
import io.steward.api.support.Multipart;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Documents that would expand past {@code steward.parse.max-nodes} (an alias bomb, a huge JSON body) are refused with
 * a 400 naming the limit, in well under a second, and the server keeps serving and running executions afterwards.
 */
abstract class AbstractDocumentLimitsApiTest extends ApiTestBase {
    private static final String LIMIT = "steward.parse.max-nodes = 200000";
    private static final String OGC_INVALID = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/"
            + "invalid-parameter-value";

    /** 24 levels of {@code xN: &xN [*xN-1, *xN-1]} under dsl_definitions: 48 aliases, 2^24 values expanded. */
    static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("""
                tosca_definitions_version: cloudify_dsl_1_4
                imports: [cloudify/types/types.yaml]
                dsl_definitions:
                  x0: &x0 [lol, lol]
                """);
        for (int i = 1; i <= 24; i++) {
            yaml.append("  x").append(i).append(": &x").append(i).append(" [*x").append(i - 1).append(", *x")
                    .append(i - 1).append("]\n");
        }
        return yaml.append("inputs:\n  payload: {default: *x24}\n").toString();
    }

    @Test
    void an_alias_bomb_blueprint_answers_400_naming_the_limit_and_executions_still_run() {
        Api user = newMember(newTenant(), "user");
        String bomb = aliasBomb();
        assertThat(bomb.getBytes(StandardCharsets.UTF_8).length).isLessThan(800);

        Api.Response response = fast(() -> user.send("PUT", "/api/v3.1/blueprints/bomb", "application/yaml",
                bomb.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_blueprint_error");
        assertThat(response.json().get("message")).isEqualTo("blueprint.yaml expands to a document that has more"
                + " than 200000 values (limit " + LIMIT + ")");
        assertExecutionsStillRun(user);
    }

    @Test
    void an_alias_bomb_in_an_imported_file_of_an_archive_answers_400_naming_the_file_and_the_limit() {
        Api user = newMember(newTenant(), "user");
        byte[] archive = Archives.create()
                .file("blueprint.yaml", "tosca_definitions_version: cloudify_dsl_1_4\nimports: [types/bomb.yaml]\n")
                .file("types/bomb.yaml", aliasBomb())
                .tarGz();

        Api.Response response = fast(() -> user.send("PUT", "/api/v3.1/blueprints/imported-bomb",
                Multipart.CONTENT_TYPE, Multipart.blueprintUpload(AbstractBlueprintApiTest.PARAMS, archive)));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_blueprint_error");
        assertThat(response.json().get("message")).isEqualTo("types/bomb.yaml expands to a document that has more"
                + " than 200000 values (limit " + LIMIT + ")");
        assertExecutionsStillRun(user);
    }

    @Test
    void a_blueprint_upload_params_part_with_too_many_values_answers_400_naming_the_limit() {
        Api user = newMember(newTenant(), "user");
        String params = "{\"visibility\": \"tenant\", \"labels\": [" + "0,".repeat(200_000) + "0]}";
        byte[] archive = Archives.create().file("blueprint.yaml", ONE_TASK).tarGz();

        Api.Response response = fast(() -> user.send("PUT", "/api/v3.1/blueprints/params-bomb",
                Multipart.CONTENT_TYPE, Multipart.blueprintUpload(params, archive)));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("bad_parameters_error");
        assertThat(response.json().get("message"))
                .isEqualTo("The params part has more than 200000 values (limit " + LIMIT + ")");
    }

    @Test
    void an_ogc_package_with_too_many_values_answers_400_naming_the_limit_and_executions_still_run() {
        Api user = newMember(newTenant(), "user");
        String values = "0,".repeat(200_000) + "0";
        String pkg = "{\"processDescription\": {\"process\": {\"id\": \"big\", \"version\": \"1.0.0\", \"inputs\": {},"
                + " \"outputs\": {}, \"keywords\": [" + values + "]}}, \"executionUnit\": {\"type\": \"command\","
                + " \"command\": \"true\"}}";

        Api.Response response = fast(() -> user.send("POST", "/ogcapi/processes", "application/ogcapppkg+json",
                pkg.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json()).containsEntry("type", OGC_INVALID).containsEntry("detail",
                "The request body has more than 200000 values (limit " + LIMIT + ")");
        assertExecutionsStillRun(user);
    }

    @Test
    void an_ogc_execute_request_with_too_many_values_answers_400_naming_the_limit() {
        Api user = newMember(newTenant(), "user");
        String body = "{\"inputs\": {\"a\": [" + "0,".repeat(200_000) + "0]}}";

        Api.Response response = fast(() -> user.send("POST", "/ogcapi/processes/echo/execution", "application/json",
                body.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json()).containsEntry("type", OGC_INVALID).containsEntry("detail",
                "The request body has more than 200000 values (limit " + LIMIT + ")");
    }

    @Test
    void a_manager_api_json_body_with_too_many_values_answers_400_naming_the_limit_and_executions_still_run() {
        Api user = newMember(newTenant(), "user");
        String body = "{\"deployment_id\": \"d\", \"workflow_id\": \"install\", \"parameters\": {\"a\": ["
                + "[],".repeat(200_000) + "[]]}}";

        Api.Response response = fast(() -> user.send("POST", "/api/v3.1/executions", "application/json",
                body.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error_code", "bad_parameters_error").containsEntry("message",
                "The request body has more than 200000 values (limit " + LIMIT + ")");
        assertExecutionsStillRun(user);
    }

    @Test
    void an_ogc_yaml_package_is_refused_without_being_parsed() {
        Api user = newMember(newTenant(), "user");
        Api.Response response = fast(() -> user.send("POST", "/ogcapi/processes", "application/cwl+yaml",
                aliasBomb().getBytes(StandardCharsets.UTF_8)));
        // Where CWL can run, the YAML is measured before it is expanded and refused as too large; else its media
        // type is refused.
        assertThat(response.status()).as(response.body())
                .isEqualTo(io.steward.ogc.process.ProcessPackage.cwlRunnable() ? 400 : 415);
    }

    /** The request must answer within a second (the limit is checked before anything is built). */
    private static Api.Response fast(Supplier<Api.Response> request) {
        long started = System.nanoTime();
        Api.Response response = assertTimeoutPreemptively(Duration.ofSeconds(10), request::get,
                "the server did not answer the oversized document within 10 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answer time").isLessThan(Duration.ofSeconds(1));
        return response;
    }

    private static void assertExecutionsStillRun(Api user) {
        String id = unique("after");
        assertThat(user.send("PUT", "/api/v3.1/blueprints/" + id, "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        assertThat(user.put("/api/v3.1/deployments/" + id, Map.of("blueprint_id", id)).status()).isEqualTo(201);
        Api.Response started = user.post("/api/v3.1/executions", Map.of("deployment_id", id,
                "workflow_id", "one_task"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String execution = (String) started.json().get("id");
        Await.until("execution " + execution + " to terminate", Duration.ofSeconds(30),
                () -> user.get("/api/v3.1/executions/" + execution).json().get("status"), "terminated"::equals);
    }
}
