package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Api;
import io.steward.api.support.Archives;
import io.steward.api.support.Multipart;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Blueprint upload (Cloudify's multipart, raw archives, plain YAML), validation, listing and deletion. */
abstract class AbstractBlueprintApiTest extends ApiTestBase {
    static final String PARAMS = "{\"visibility\":\"tenant\",\"async_upload\":false,\"skip_execution\":false,"
            + "\"application_file_name\":\"blueprint.yaml\"}";

    @Test
    void a_plain_yaml_body_uploads_a_blueprint() {
        Api user = newMember(newTenant(), "user");
        var response = uploadYaml(user, "bp", Archives.resourceText("blueprints/three-tier.yaml"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json()).containsEntry("id", "bp").containsEntry("state", "uploaded")
                .containsEntry("main_file_name", "blueprint.yaml").containsEntry("visibility", "tenant");
        @SuppressWarnings("unchecked")
        var nodes = (List<Map<String, Object>>) ((Map<String, Object>) response.json().get("plan")).get("nodes");
        assertThat(nodes).extracting(n -> n.get("id")).containsExactlyInAnyOrder("host", "db", "app");
    }

    @Test
    void cloudifys_multipart_archive_upload_works_unchanged() {
        Api user = newMember(newTenant(), "user");
        byte[] archive = Archives.ofResourceFolder("scripted", "blueprint.yaml", "scripts/create.sh").tarGz();
        var response = user.send("PUT", "/api/v3.1/blueprints/scripted", Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(PARAMS, archive));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        var plan = (Map<String, Object>) response.json().get("plan");
        assertThat(plan.toString()).contains("scripts/create.sh").contains("kind=script");
    }

    @Test
    void a_raw_tar_gz_body_uploads_too() {
        Api user = newMember(newTenant(), "user");
        byte[] archive = Archives.ofResourceFolder("scripted", "blueprint.yaml", "scripts/create.sh").tarGz();
        assertThat(user.send("PUT", "/api/v3/blueprints/raw", "application/octet-stream", archive).status())
                .isEqualTo(201);
    }

    @Test
    void an_invalid_blueprint_answers_400_naming_the_field_and_line() {
        Api user = newMember(newTenant(), "user");
        String yaml = """
                tosca_definitions_version: cloudify_dsl_1_4
                imports: [cloudify/types/types.yaml]
                node_templates:
                  web:
                    type: no.such.Type
                """;
        var response = uploadYaml(user, "broken", yaml);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_blueprint_error");
        assertThat(response.json().get("message").toString()).contains("node_templates.web.type").contains("line 5");
        assertThat(user.get("/api/v3.1/blueprints/broken").status()).isEqualTo(404);
    }

    @Test
    void yaml_syntax_errors_answer_400_invalid_blueprint() {
        Api user = newMember(newTenant(), "user");
        var response = uploadYaml(user, "syntax", "tosca_definitions_version: [unclosed\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_blueprint_error");
    }

    @Test
    void archive_paths_that_escape_the_archive_are_refused() {
        Api user = newMember(newTenant(), "user");
        String yaml = Archives.resourceText("blueprints/scripted/blueprint.yaml");
        Map<String, Archives> hostile = Map.of(
                "dotdot", Archives.create().file("bp/blueprint.yaml", yaml).file("bp/../../evil.sh", "x"),
                "absolute", Archives.create().file("bp/blueprint.yaml", yaml).file("/etc/evil", "x"),
                "symlink-out", Archives.create().file("bp/blueprint.yaml", yaml).symlink("bp/scripts", "/etc"),
                "symlink-up", Archives.create().file("bp/blueprint.yaml", yaml).symlink("bp/up", "../../x"));
        hostile.forEach((name, archive) -> {
            var response = user.send("PUT", "/api/v3.1/blueprints/" + name, Multipart.CONTENT_TYPE,
                    Multipart.blueprintUpload(PARAMS, archive.tarGz()));
            assertThat(response.status()).as(name + ": " + response.body()).isEqualTo(400);
            assertThat(response.errorCode()).as(name).isEqualTo("invalid_blueprint_error");
        });
        assertThat(user.get("/api/v3.1/blueprints").items()).isEmpty();
    }

    @Test
    void garbage_archives_answer_400() {
        Api user = newMember(newTenant(), "user");
        byte[] gzipMagicThenJunk = {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5};
        var response = user.send("PUT", "/api/v3.1/blueprints/junk", "application/octet-stream", gzipMagicThenJunk);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_blueprint_error");
    }

    @Test
    void a_blueprint_id_is_unique_in_its_tenant() {
        Api user = newMember(newTenant(), "user");
        String yaml = Archives.resourceText("blueprints/three-tier.yaml");
        assertThat(uploadYaml(user, "same", yaml).status()).isEqualTo(201);
        var again = uploadYaml(user, "same", yaml);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("conflict_error");
    }

    @Test
    void blueprints_list_with_include_sort_and_paging() {
        Api user = newMember(newTenant(), "user");
        String yaml = Archives.resourceText("blueprints/three-tier.yaml");
        for (String id : List.of("b-a", "b-c", "b-b")) {
            uploadYaml(user, id, yaml);
        }
        var page = user.get("/api/v3.1/blueprints?_include=id&_sort=-id&_size=2");
        assertThat(page.items()).containsExactly(Map.of("id", "b-c"), Map.of("id", "b-b"));
        assertThat(page.json().get("metadata").toString()).contains("total=3");
    }

    @Test
    void a_viewer_cannot_upload_or_delete() {
        String tenant = newTenant();
        Api viewer = newMember(tenant, "viewer");
        var response = uploadYaml(viewer, "nope", Archives.resourceText("blueprints/three-tier.yaml"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("forbidden_error");
        uploadYaml(newMember(tenant, "user"), "there", Archives.resourceText("blueprints/three-tier.yaml"));
        assertThat(viewer.delete("/api/v3.1/blueprints/there").status()).isEqualTo(403);
        assertThat(viewer.get("/api/v3.1/blueprints/there").status()).isEqualTo(200);
    }

    @Test
    void a_blueprint_in_use_is_not_deleted_until_its_deployments_are_gone() {
        Api user = newMember(newTenant(), "user");
        uploadYaml(user, "used", Archives.resourceText("blueprints/three-tier.yaml"));
        assertThat(user.put("/api/v3.1/deployments/dep", Map.of("blueprint_id", "used",
                "inputs", Map.of("db_name", "shop"))).status()).isEqualTo(201);
        var refused = user.delete("/api/v3.1/blueprints/used");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").toString()).contains("dep");
        assertThat(user.delete("/api/v3.1/deployments/dep").status()).isEqualTo(204);
        assertThat(user.delete("/api/v3.1/blueprints/used").status()).isEqualTo(204);
        assertThat(user.get("/api/v3.1/blueprints/used").status()).isEqualTo(404);
    }

    @Test
    void an_empty_body_answers_400() {
        Api user = newMember(newTenant(), "user");
        var response = user.send("PUT", "/api/v3.1/blueprints/empty", "application/yaml", new byte[0]);
        assertThat(response.status()).isEqualTo(400);
    }

    static Api.Response uploadYaml(Api api, String id, String yaml) {
        return api.send("PUT", "/api/v3.1/blueprints/" + id, "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }
}
