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
 * Blueprint labels as Cloudify's clients set and read them: {@code cfy blueprints upload --labels} (the upload's
 * {@code params}), the plan's {@code blueprint_labels} and {@code labels} sections, {@code cfy blueprints labels
 * add|delete} ({@code PATCH /blueprints/{id}}, the whole new list), the raw-body upload's {@code labels} query
 * parameter, and {@code cfy blueprints list --filter-id} ({@code GET /blueprints?_filter_id=}). The requests are the
 * ones {@code cfy} 7.1 sent, captured.
 */
abstract class AbstractBlueprintLabelsApiTest extends ApiTestBase {
    /** {@code cfy blueprints upload bp.yaml -b X --labels env:prod,team:a} sends these params. */
    static final String LABELLED_PARAMS = "{\"visibility\": \"tenant\", \"async_upload\": true, \"skip_execution\":"
            + " false, \"application_file_name\": \"blueprint.yaml\", \"labels\": [{\"key\": \"env\", \"value\":"
            + " \"prod\"}, {\"key\": \"team\", \"value\": \"a\"}]}";
    static final String WITH_LABEL_SECTIONS = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            blueprint_labels:
              tier:
                values: [web, edge]
            labels:
              env:
                values: [dev]
            node_templates:
              n: {type: cloudify.nodes.Root}
            """;

    @Test
    void upload_params_labels_are_the_blueprints_labels() {
        Api user = newMember(newTenant(), "user");
        var uploaded = upload(user, "shop", LABELLED_PARAMS, ONE_TASK);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(pairs(uploaded.json())).containsExactly("env=prod", "team=a");
        var blueprint = user.get("/api/v3.1/blueprints/shop").json();
        assertThat(labels(blueprint)).allSatisfy(label -> assertThat(label)
                .containsOnlyKeys("key", "value", "created_at", "created_by").containsEntry("created_by",
                        blueprint.get("created_by")));
        assertThat(pairs(user.get("/api/v3.1/blueprints?_include=id,labels").items().get(0))).containsExactly(
                "env=prod", "team=a");
        // The upload execution carries the request's labels, as Cloudify's upload_blueprint is given them.
        @SuppressWarnings("unchecked")
        var execution = (Map<String, Object>) blueprint.get("upload_execution");
        @SuppressWarnings("unchecked")
        var parameters = (Map<String, Object>) execution.get("parameters");
        assertThat(parameters.get("labels")).isEqualTo(List.of(Map.of("key", "env", "value", "prod"),
                Map.of("key", "team", "value", "a")));
        assertThat(user.get("/api/v3.1/labels/blueprints").json().get("items")).isEqualTo(List.of("env", "team"));
        assertThat(user.get("/api/v3.1/labels/blueprints/env").json().get("items")).isEqualTo(List.of("prod"));
    }

    @Test
    void plan_sections_label_the_blueprint_and_its_deployments() {
        Api user = newMember(newTenant(), "user");
        var uploaded = upload(user, "sections", LABELLED_PARAMS, WITH_LABEL_SECTIONS);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(pairs(uploaded.json())).containsExactlyInAnyOrder("tier=web", "tier=edge", "env=prod", "team=a");
        @SuppressWarnings("unchecked")
        var plan = (Map<String, Object>) uploaded.json().get("plan");
        assertThat(plan.get("blueprint_labels")).isEqualTo(Map.of("tier", Map.of("values", List.of("web", "edge"))));
        assertThat(plan.get("labels")).isEqualTo(Map.of("env", Map.of("values", List.of("dev"))));

        // cfy deployments create -b sections d --labels owner:me: the plan's labels, then the request's.
        var created = user.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "sections", "inputs", Map.of(),
                "visibility", "tenant", "labels", List.of(Map.of("owner", "me"), Map.of("env", "dev")),
                "display_name", "d", "skip_plugins_validation", false, "runtime_only_evaluation", false));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(pairs(user.get("/api/v3.1/deployments/d").json())).containsExactlyInAnyOrder("env=dev",
                "owner=me");
    }

    @Test
    void a_label_section_value_that_is_not_text_is_an_invalid_blueprint() {
        Api user = newMember(newTenant(), "user");
        var refused = AbstractBlueprintApiTest.uploadYaml(user, "fn", """
                tosca_definitions_version: cloudify_dsl_1_4
                imports: [cloudify/types/types.yaml]
                labels:
                  env:
                    values: [{get_input: env}]
                node_templates:
                  n: {type: cloudify.nodes.Root}
                """);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("invalid_blueprint_error");
        assertThat((String) refused.json().get("message")).contains("labels.env.values.0").contains("(line 5)");
    }

    @Test
    void patch_labels_replaces_the_whole_list_as_cfy_blueprints_labels_add_and_delete_send_it() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        assertThat(upload(user, "bp", LABELLED_PARAMS, ONE_TASK).status()).isEqualTo(201);
        // cfy blueprints labels add owner:me bp: GET the blueprint, then PATCH the old labels plus the new one.
        var added = user.patch("/api/v3.1/blueprints/bp", Map.of("labels", List.of(Map.of("env", "prod"),
                Map.of("team", "a"), Map.of("owner", "me"))));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(pairs(added.json())).containsExactly("env=prod", "owner=me", "team=a");
        // cfy blueprints labels delete team bp
        var deleted = user.patch("/api/v3.1/blueprints/bp", Map.of("labels", List.of(Map.of("env", "prod"),
                Map.of("owner", "me"))));
        assertThat(pairs(deleted.json())).containsExactly("env=prod", "owner=me");
        assertThat(pairs(user.get("/api/v3.1/blueprints/bp").json())).containsExactly("env=prod", "owner=me");

        // Cloudify's label rules: reserved keys, bad characters, a null list.
        for (Object bad : java.util.Arrays.asList(List.of(Map.of("csys-secret", "x")), List.of(Map.of("a b", "x")),
                List.of(Map.of("k", "quo\"te")), "env:prod", List.of(Map.of("k", 7)))) {
            var refused = user.patch("/api/v3.1/blueprints/bp", Map.of("labels", bad));
            assertThat(refused.status()).as(String.valueOf(bad)).isEqualTo(400);
            assertThat(refused.errorCode()).as(String.valueOf(bad)).isEqualTo("bad_parameters_error");
        }
        assertThat(pairs(user.get("/api/v3.1/blueprints/bp").json())).containsExactly("env=prod", "owner=me");

        // Viewers read, never write; another tenant does not see the blueprint at all.
        var viewer = newMember(tenant, "viewer");
        assertThat(pairs(viewer.get("/api/v3.1/blueprints/bp").json())).containsExactly("env=prod", "owner=me");
        assertThat(viewer.patch("/api/v3.1/blueprints/bp", Map.of("labels", List.of())).status()).isEqualTo(403);
        var stranger = newMember(newTenant(), "user");
        assertThat(stranger.patch("/api/v3.1/blueprints/bp", Map.of("labels", List.of())).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v3.1/labels/blueprints").json().get("items")).isEqualTo(List.of());
    }

    @Test
    void an_invalid_blueprint_takes_no_labels() {
        Api user = newMember(newTenant(), "user");
        var kept = upload(user, "broken", LABELLED_PARAMS, AbstractBlueprintClientApiTest.UNKNOWN_TYPE);
        assertThat(kept.status()).as(kept.body()).isEqualTo(201);
        assertThat(kept.json()).containsEntry("state", "invalid").containsEntry("labels", List.of());
        var refused = user.patch("/api/v3.1/blueprints/broken", Map.of("labels", List.of(Map.of("a", "b"))));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("conflict_error");
    }

    @Test
    void a_raw_body_upload_reads_labels_from_the_query() {
        Api user = newMember(newTenant(), "user");
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/raw?labels=env%3Dprod,note%3Da%5C%2Cb%5C%3Dc",
                "application/yaml", ONE_TASK.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(pairs(uploaded.json())).containsExactly("env=prod", "note=a,b=c");
        var bad = user.send("PUT", "/api/v3.1/blueprints/raw2?labels=novalue", "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("bad_parameters_error");
        assertThat(user.get("/api/v3.1/blueprints/raw2").status()).isEqualTo(404);
    }

    @Test
    void blueprints_list_applies_a_saved_blueprints_filter() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        assertThat(upload(user, "shop", LABELLED_PARAMS, ONE_TASK).status()).isEqualTo(201);
        assertThat(AbstractBlueprintApiTest.uploadYaml(user, "blog", ONE_TASK).status()).isEqualTo(201);
        // cfy blueprints filters create prod -lr env=prod
        var filter = user.put("/api/v3.1/filters/blueprints/prod", Map.of("filter_rules", List.of(Map.of("key",
                "env", "values", List.of("prod"), "operator", "any_of", "type", "label")), "visibility", "tenant"));
        assertThat(filter.status()).as(filter.body()).isEqualTo(200);
        // cfy blueprints list --filter-id prod
        var listed = user.get("/api/v3.1/blueprints?_filter_id=prod&_include=id,description,main_file_name,"
                + "created_at,updated_at,visibility,tenant_name,created_by,state,error,labels");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.items()).extracting(b -> b.get("id")).containsExactly("shop");
        @SuppressWarnings("unchecked")
        var metadata = (Map<String, Object>) listed.json().get("metadata");
        assertThat(metadata).containsEntry("filtered", 1);
        assertThat(user.get("/api/v3.1/blueprints?_filter_id=ghost").errorCode()).isEqualTo("not_found_error");
        // Another tenant's filter of that name is not found, and its blueprints stay unseen.
        var stranger = newMember(newTenant(), "user");
        assertThat(stranger.get("/api/v3.1/blueprints?_filter_id=prod").status()).isEqualTo(404);
    }

    private static Api.Response upload(Api user, String id, String params, String yaml) {
        return user.send("PUT", "/api/v3.1/blueprints/" + id, Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(params, Archives.create().file("blueprint.yaml", yaml).tarGz()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> labels(Map<String, Object> resource) {
        return (List<Map<String, Object>>) resource.get("labels");
    }

    private static List<String> pairs(Map<String, Object> resource) {
        return labels(resource).stream().map(l -> l.get("key") + "=" + l.get("value")).toList();
    }
}
