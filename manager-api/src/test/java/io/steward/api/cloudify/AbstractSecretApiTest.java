package io.steward.api.cloudify;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Archives;
import io.steward.api.support.Await;
import io.steward.api.support.Multipart;
import io.steward.api.support.StewardServer;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets through the real server: Cloudify's shapes, update_if_exists, hidden values and visibility per role,
 * tenancy, bad input, encryption at rest, and {@code get_secret} in a blueprint resolved when an operation runs and
 * masked in every event and log line.
 */
abstract class AbstractSecretApiTest extends ApiTestBase {
    private static final String SECRETS = "/api/v3.1/secrets";
    /** Reads {@code db_password} in a property, an operation input and through a JSON path into {@code db_creds}. */
    private static final String USES_SECRETS = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            inputs:
              out: {type: string}
            node_types:
              app:
                derived_from: cloudify.nodes.Root
                properties:
                  password: {type: string}
            node_templates:
              n:
                type: app
                properties:
                  password: {get_secret: db_password}
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: steward.log
                      inputs: {message: {concat: ["the password is ", {get_secret: db_password}]}}
                    configure:
                      implementation: scripts/record.sh
                      inputs:
                        password: {get_property: [SELF, password]}
                        user: {get_secret: [db_creds, user]}
                        out: {get_input: out}
            """;
    private static final String RECORD = """
            #!/bin/sh
            printf '%s' "$password" > "$out/password"
            printf '%s' "$user" > "$out/user"
            echo "configured with $password as $user"
            """;

    private String tenant;
    private Api owner;
    private ListAppender<ILoggingEvent> serverLog;

    @BeforeEach
    void tenantWithAnOwner() {
        tenant = newTenant();
        owner = newMember(tenant, "user");
        serverLog = new ListAppender<>();
        serverLog.start();
        rootLogger().addAppender(serverLog);
    }

    @AfterEach
    void stopCapturingTheLog() {
        rootLogger().detachAppender(serverLog);
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(serverLog.list)) {
            // A message or a throwable's message may be null (an exception thrown without one): keep the rest.
            lines.add(String.valueOf(event.getFormattedMessage()));
            if (event.getThrowableProxy() != null) {
                lines.add(event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage());
            }
        }
        return lines;
    }

    private static Api.Response create(Api api, String key, Map<String, Object> body) {
        return api.put(SECRETS + "/" + key, body);
    }

    @Test
    void create_get_list_update_delete_in_the_shapes_the_client_reads() {
        var created = create(owner, "db", Map.of("value", "hunter2", "update_if_exists", false,
                "is_hidden_value", false, "visibility", "tenant"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json()).containsKeys("key", "value", "schema", "is_hidden_value", "provider_name",
                "provider_options", "created_at", "updated_at", "visibility", "tenant_name", "created_by",
                "resource_availability", "private_resource").doesNotContainKey("id");
        assertThat(created.body()).doesNotContain("hunter2");

        var got = owner.get(SECRETS + "/db");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json()).containsEntry("key", "db").containsEntry("value", "hunter2")
                .containsEntry("is_hidden_value", false).containsEntry("visibility", "tenant")
                .containsEntry("resource_availability", "tenant").containsEntry("private_resource", false)
                .containsEntry("tenant_name", tenant);
        assertThat(owner.get(SECRETS + "/db?_skip_value=true").json()).containsEntry("value", "");
        assertThat(owner.get(SECRETS + "/db?_include=key,value").json()).containsOnlyKeys("key", "value");

        assertThat(create(owner, "other", Map.of("value", "x")).status()).isEqualTo(200);
        var listed = owner.get(SECRETS);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain("hunter2");
        assertThat(listed.items()).extracting(i -> i.get("key")).containsExactly("db", "other");
        assertThat(listed.items().get(0)).containsOnlyKeys("key", "created_at", "updated_at", "visibility",
                "resource_availability", "tenant_name", "created_by", "is_hidden_value", "provider_name");
        assertThat(pagination(listed)).containsEntry("total", 2).containsEntry("size", 1000)
                .containsEntry("offset", 0);
        assertThat(owner.get(SECRETS + "?_search=OTH").items()).extracting(i -> i.get("key"))
                .containsExactly("other");
        var page = owner.get(SECRETS + "?_size=1&_offset=1&_sort=-key");
        assertThat(page.items()).extracting(i -> i.get("key")).containsExactly("db");
        assertThat(pagination(page)).containsEntry("total", 2).containsEntry("size", 1).containsEntry("offset", 1);
        assertThat(owner.get(SECRETS + "?_include=key").items().get(0)).containsOnlyKeys("key");

        var patched = owner.patch(SECRETS + "/db", Map.of("value", "correct horse"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(owner.get(SECRETS + "/db").json()).containsEntry("value", "correct horse");

        var deleted = owner.delete(SECRETS + "/db");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(owner.get(SECRETS + "/db").status()).isEqualTo(404);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pagination(Api.Response response) {
        return (Map<String, Object>) ((Map<String, Object>) response.json().get("metadata")).get("pagination");
    }

    @Test
    void an_existing_key_conflicts_unless_update_if_exists_which_replaces_only_the_value() {
        assertThat(create(owner, "k", Map.of("value", "one", "visibility", "private")).status()).isEqualTo(200);
        var again = create(owner, "k", Map.of("value", "two"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("conflict_error");
        assertThat(owner.get(SECRETS + "/k").json()).containsEntry("value", "one");

        var replaced = create(owner, "k", Map.of("value", "two", "update_if_exists", true, "visibility", "tenant",
                "is_hidden_value", true));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(owner.get(SECRETS + "/k").json()).containsEntry("value", "two")
                .containsEntry("visibility", "private").containsEntry("is_hidden_value", false);

        Api colleague = newMember(tenant, "user");
        var hiddenFromColleague = create(colleague, "k", Map.of("value", "three", "update_if_exists", true));
        assertThat(hiddenFromColleague.status()).as("a private key of another user still takes the name")
                .isEqualTo(409);
        assertThat(owner.get(SECRETS + "/k").json()).containsEntry("value", "two");
    }

    @Test
    void a_hidden_value_shows_only_to_its_creator_and_administrators() {
        assertThat(create(owner, "h", Map.of("value", "shh", "is_hidden_value", true)).status()).isEqualTo(200);
        Api colleague = newMember(tenant, "user");
        Api manager = newMember(tenant, "manager");
        assertThat(owner.get(SECRETS + "/h").json()).containsEntry("value", "shh");
        assertThat(manager.get(SECRETS + "/h").json()).containsEntry("value", "shh");
        assertThat(admin.tenant(tenant).get(SECRETS + "/h").json()).containsEntry("value", "shh");
        var seen = colleague.get(SECRETS + "/h");
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json()).containsEntry("value", "").containsEntry("is_hidden_value", true);
        assertThat(seen.body()).doesNotContain("shh");

        for (var refused : List.of(colleague.patch(SECRETS + "/h", Map.of("value", "mine now")),
                colleague.patch(SECRETS + "/h", Map.of("is_hidden_value", false)),
                colleague.patch(SECRETS + "/h/set-visibility", Map.of("visibility", "tenant")),
                create(colleague, "h", Map.of("value", "mine now", "update_if_exists", true)),
                colleague.delete(SECRETS + "/h"))) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("forbidden_error");
            assertThat((String) refused.json().get("message")).contains("is not permitted to modify the hidden "
                    + "value secret `h`");
        }
        assertThat(owner.get(SECRETS + "/h").json()).containsEntry("value", "shh");
        assertThat(colleague.get("/api/v3.1/secrets/share/export").body()).doesNotContain("shh");
        assertThat(manager.patch(SECRETS + "/h", Map.of("is_hidden_value", false)).status()).isEqualTo(200);
        assertThat(colleague.get(SECRETS + "/h").json()).containsEntry("value", "shh");
    }

    @Test
    void private_secrets_and_roles_follow_cloudify_visibility_rules() {
        assertThat(create(owner, "p", Map.of("value", "mine", "visibility", "private")).status()).isEqualTo(200);
        Api colleague = newMember(tenant, "user");
        Api manager = newMember(tenant, "manager");
        Api viewer = newMember(tenant, "viewer");
        assertThat(colleague.get(SECRETS + "/p").status()).isEqualTo(404);
        assertThat(colleague.get(SECRETS).items()).isEmpty();
        assertThat(manager.get(SECRETS + "/p").json()).containsEntry("value", "mine")
                .containsEntry("private_resource", true);

        assertThat(viewer.get(SECRETS).status()).isEqualTo(200);
        for (var refused : List.of(viewer.get(SECRETS + "/p"), create(viewer, "v", Map.of("value", "x")),
                viewer.patch(SECRETS + "/p", Map.of("value", "x")), viewer.delete(SECRETS + "/p"))) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("forbidden_error");
        }

        var global = create(owner, "g", Map.of("value", "x", "visibility", "global"));
        assertThat(global.status()).isEqualTo(403);
        assertThat(global.errorCode()).isEqualTo("forbidden_error");
        var widened = owner.patch(SECRETS + "/p/set-visibility", Map.of("visibility", "tenant"));
        assertThat(widened.status()).as(widened.body()).isEqualTo(200);
        assertThat(widened.json()).containsEntry("visibility", "tenant");
        assertThat(colleague.get(SECRETS + "/p").json()).containsEntry("value", "mine");
        var narrowed = owner.patch(SECRETS + "/p/set-visibility", Map.of("visibility", "private"));
        assertThat(narrowed.status()).isEqualTo(400);
        assertThat(narrowed.errorCode()).isEqualTo("bad_parameters_error");
        var toGlobal = owner.patch(SECRETS + "/p/set-visibility", Map.of("visibility", "global"));
        assertThat(toGlobal.status()).isEqualTo(403);
    }

    @Test
    void another_tenant_neither_reads_nor_overwrites_and_a_global_secret_is_read_everywhere() {
        assertThat(create(owner, "shared", Map.of("value", "ours")).status()).isEqualTo(200);
        String otherTenant = newTenant();
        Api stranger = newMember(otherTenant, "manager");
        assertThat(stranger.get(SECRETS + "/shared").status()).isEqualTo(404);
        assertThat(stranger.get(SECRETS).items()).isEmpty();
        assertThat(stranger.delete(SECRETS + "/shared").status()).isEqualTo(404);
        assertThat(stranger.patch(SECRETS + "/shared", Map.of("value", "theirs")).status()).isEqualTo(404);
        var theirOwn = create(stranger, "shared", Map.of("value", "theirs"));
        assertThat(theirOwn.status()).as("keys are per tenant").isEqualTo(200);
        assertThat(owner.get(SECRETS + "/shared").json()).containsEntry("value", "ours");
        assertThat(stranger.get(SECRETS + "/shared").json()).containsEntry("value", "theirs");

        Api tenantAdmin = admin.tenant(tenant);
        assertThat(create(tenantAdmin, "everywhere", Map.of("value", "for all", "visibility", "global")).status())
                .isEqualTo(200);
        Await.until("the global secret to be seen by the other tenant", Duration.ofSeconds(10),
                () -> stranger.get(SECRETS + "/everywhere"), r -> r.status() == 200);
        assertThat(stranger.get(SECRETS + "/everywhere").json()).containsEntry("value", "for all")
                .containsEntry("tenant_name", tenant).containsEntry("visibility", "global");
        assertThat(stranger.get(SECRETS).items()).extracting(i -> i.get("key")).contains("everywhere");
        var overwrite = stranger.patch(SECRETS + "/everywhere", Map.of("value", "mine"));
        assertThat(overwrite.status()).isEqualTo(403);
        assertThat(overwrite.errorCode()).isEqualTo("forbidden_error");
        assertThat(create(stranger, "everywhere", Map.of("value", "mine", "update_if_exists", true)).status())
                .isEqualTo(403);
        assertThat(create(stranger, "everywhere", Map.of("value", "mine")).status()).isEqualTo(409);
        assertThat(stranger.delete(SECRETS + "/everywhere").status()).isEqualTo(403);
        assertThat(owner.get(SECRETS + "/everywhere").json()).containsEntry("value", "for all");
        assertThat(tenantAdmin.delete(SECRETS + "/everywhere").status()).isEqualTo(204);
    }

    @Test
    void bad_input_is_refused_with_cloudify_errors() {
        assertThat(create(owner, "k", Map.of("value", "v")).status()).isEqualTo(200);
        record Case(String name, Api.Response response, int status, String code) {
        }
        List<Case> cases = List.of(
                new Case("key starts with a digit", create(owner, "1k", Map.of("value", "v")), 400,
                        "bad_parameters_error"),
                new Case("key with a space", owner.put(SECRETS + "/a%20b", Map.of("value", "v")), 400,
                        "bad_parameters_error"),
                new Case("key too long", create(owner, "k" + "x".repeat(256), Map.of("value", "v")), 400,
                        "bad_parameters_error"),
                new Case("no value", create(owner, "n", Map.of("visibility", "tenant")), 400, "bad_parameters_error"),
                new Case("no body", owner.send("PUT", SECRETS + "/n", "application/json", new byte[0]), 400,
                        "bad_parameters_error"),
                new Case("value not a string", create(owner, "n", Map.of("value", 5)), 400, "bad_parameters_error"),
                new Case("bad visibility", create(owner, "n", Map.of("value", "v", "visibility", "public")), 400,
                        "bad_parameters_error"),
                new Case("update_if_exists not a boolean", create(owner, "n", Map.of("value", "v",
                        "update_if_exists", "maybe")), 400, "bad_parameters_error"),
                new Case("a schema", create(owner, "n", Map.of("value", "1", "schema", Map.of("type", "integer"))),
                        400, "bad_parameters_error"),
                new Case("a provider", create(owner, "n", Map.of("value", "v", "provider_name", "vault")), 400,
                        "bad_parameters_error"),
                new Case("get unknown", owner.get(SECRETS + "/nope"), 404, "not_found_error"),
                new Case("patch unknown", owner.patch(SECRETS + "/nope", Map.of("value", "v")), 404,
                        "not_found_error"),
                new Case("delete unknown", owner.delete(SECRETS + "/nope"), 404, "not_found_error"),
                new Case("visibility of unknown", owner.patch(SECRETS + "/nope/set-visibility",
                        Map.of("visibility", "tenant")), 404, "not_found_error"),
                new Case("patch value not a string", owner.patch(SECRETS + "/k", Map.of("value", List.of())), 400,
                        "bad_parameters_error"),
                new Case("patch is_hidden_value not a boolean", owner.patch(SECRETS + "/k",
                        Map.of("is_hidden_value", "sometimes")), 400, "bad_parameters_error"),
                new Case("set-owner", owner.patch(SECRETS + "/k", Map.of("creator", "someone")), 400,
                        "bad_parameters_error"),
                new Case("set-visibility without visibility", owner.patch(SECRETS + "/k/set-visibility", Map.of()),
                        400, "bad_parameters_error"),
                new Case("set-visibility bad value", owner.patch(SECRETS + "/k/set-visibility",
                        Map.of("visibility", "everyone")), 400, "bad_parameters_error"),
                new Case("unknown include", owner.get(SECRETS + "/k?_include=nope"), 400,
                        "no_such_include_field_error"),
                new Case("list include of the value", owner.get(SECRETS + "?_include=value"), 400,
                        "no_such_include_field_error"),
                new Case("list sort by the value", owner.get(SECRETS + "?_sort=value"), 400, null),
                new Case("list bad size", owner.get(SECRETS + "?_size=-1"), 400, "bad_parameters_error"),
                new Case("export of all tenants", owner.get("/api/v3.1/secrets/share/export?_all_tenants=True"),
                        400, "bad_parameters_error"),
                new Case("import without a list", owner.post("/api/v3.1/secrets/share/import",
                        Map.of("secrets_list", "k")), 400, "bad_parameters_error"),
                new Case("import without a body", owner.send("POST", "/api/v3.1/secrets/share/import",
                        "application/json", new byte[0]), 400, "bad_parameters_error"),
                new Case("import with a tenant map not a map", owner.post("/api/v3.1/secrets/share/import",
                        Map.of("secrets_list", List.of(), "tenant_map", List.of("a"))), 400, "bad_parameters_error"),
                new Case("import with a passphrase not a string", owner.post("/api/v3.1/secrets/share/import",
                        Map.of("secrets_list", List.of(), "passphrase", 7)), 400, "bad_parameters_error"),
                new Case("import override not a boolean", owner.post("/api/v3.1/secrets/share/import",
                        Map.of("secrets_list", List.of(), "override_collisions", "yes")), 400,
                        "bad_parameters_error"),
                new Case("import by a viewer", newMember(tenant, "viewer").post("/api/v3.1/secrets/share/import",
                        Map.of("secrets_list", List.of())), 403, "forbidden_error"),
                new Case("no tenant", server.api().basic("admin", StewardServer.ADMIN_PASSWORD).get(SECRETS), 403,
                        "forbidden_error"),
                new Case("no credentials", server.api().tenant(tenant).get(SECRETS + "/k"), 401,
                        "unauthorized_error"));
        for (Case c : cases) {
            assertThat(c.response().status()).as(c.name() + ": " + c.response().body()).isEqualTo(c.status());
            if (c.code() != null) {
                assertThat(c.response().errorCode()).as(c.name()).isEqualTo(c.code());
            }
            assertThat(c.response().json()).as(c.name()).containsKeys("message", "error_code", "server_traceback");
        }
        assertThat(owner.get(SECRETS).items()).extracting(i -> i.get("key")).containsExactly("k");
    }

    @Test
    void the_export_lists_visible_values_in_clear_as_the_non_encrypted_export() {
        assertThat(create(owner, "e1", Map.of("value", "v1")).status()).isEqualTo(200);
        assertThat(create(owner, "e2", Map.of("value", "v2", "visibility", "private")).status()).isEqualTo(200);
        var exported = owner.get("/api/v3.1/secrets/share/export?_include_metadata=true");
        assertThat(exported.status()).as(exported.body()).isEqualTo(200);
        List<Map<String, Object>> entries = list(exported);
        assertThat(entries).extracting(e -> e.get("key"), e -> e.get("value"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e1", "v1"),
                        org.assertj.core.groups.Tuple.tuple("e2", "v2"));
        assertThat(entries.get(0)).containsEntry("encrypted", false).containsEntry("tenant_name", tenant)
                .containsEntry("is_hidden_value", false).containsKeys("visibility", "provider", "provider_options",
                        "creator", "created_at", "updated_at");
        assertThat(list(owner.get("/api/v3.1/secrets/share/export?visibility=private")))
                .extracting(e -> e.get("key")).containsExactly("e2");
        assertThat(list(newMember(tenant, "user").get("/api/v3.1/secrets/share/export")))
                .extracting(e -> e.get("key")).containsExactly("e1");
    }

    /** A value Cloudify's own {@code cryptography_utils.encrypt} made with the key of passphrase "correct horse". */
    private static final String CLOUDIFY_ENCRYPTED = "gAAAAABrEYnkX9UhznmgInqwoE7LYfp_kHXwXiWP43LhdnV9yLJzzzsowiL64KM6"
            + "jRKRi1tSAwbWuhtNo3iTwL-it6-_HdSUfg==";

    private static Map<String, Object> entry(String key, String value, String tenant, boolean encrypted) {
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("key", key);
        entry.put("value", value);
        entry.put("visibility", "tenant");
        entry.put("tenant_name", tenant);
        entry.put("is_hidden_value", false);
        entry.put("encrypted", encrypted);
        entry.put("provider", null);
        entry.put("provider_options", null);
        return entry;
    }

    @Test
    void an_export_with_a_passphrase_imports_into_another_tenant_and_a_cloudify_file_imports_too() {
        assertThat(create(owner, "db_password", Map.of("value", "s3cr3t")).status()).isEqualTo(200);
        assertThat(create(owner, "api_token", Map.of("value", "t0k3n", "is_hidden_value", true)).status())
                .isEqualTo(200);
        // What `cfy secrets export -p "correct horse"` sends: the client passes None parameters as absent.
        var exported = owner.get("/api/v3.1/secrets/share/export?_passphrase=correct+horse&_all_tenants=False");
        assertThat(exported.status()).as(exported.body()).isEqualTo(200);
        List<Map<String, Object>> entries = list(exported);
        assertThat(entries).extracting(e -> e.get("key")).containsExactlyInAnyOrder("api_token", "db_password");
        assertThat(entries).allSatisfy(e -> assertThat(e).containsEntry("encrypted", true));
        assertThat(exported.body()).doesNotContain("s3cr3t").doesNotContain("t0k3n");
        assertThat(list(owner.get("/api/v3.1/secrets/share/export?_search=DB_"))).extracting(e -> e.get("key"))
                .containsExactly("db_password");

        // `cfy secrets import -i secrets.json -p "correct horse" --tenant-map map.json` into another tenant.
        String target = newTenant();
        Api importer = newMember(target, "user");
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("secrets_list", entries);
        body.put("tenant_map", Map.of(tenant, target));
        body.put("passphrase", "correct horse");
        body.put("override_collisions", false);
        var imported = importer.post("/api/v3.1/secrets/share/import", body);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json()).isEqualTo(Map.of("colliding_secrets", Map.of(), "secrets_errors", Map.of()));
        assertThat(importer.get(SECRETS + "/db_password").json()).containsEntry("value", "s3cr3t")
                .containsEntry("tenant_name", target);
        assertThat(importer.get(SECRETS + "/api_token").json()).containsEntry("value", "t0k3n")
                .containsEntry("is_hidden_value", true);

        // Again: every key collides; without override nothing changes, with it the values are replaced.
        create(importer, "db_password", Map.of("value", "changed", "update_if_exists", true));
        var again = importer.post("/api/v3.1/secrets/share/import", body);
        assertThat(again.json().get("colliding_secrets")).isEqualTo(Map.of(target,
                entries.stream().map(e -> e.get("key")).toList()));
        assertThat(importer.get(SECRETS + "/db_password").json()).containsEntry("value", "changed");
        body.put("override_collisions", true);
        importer.post("/api/v3.1/secrets/share/import", body);
        assertThat(importer.get(SECRETS + "/db_password").json()).containsEntry("value", "s3cr3t");

        // A file written by Cloudify itself, a wrong passphrase, a missing field, another tenant: reported per entry.
        Map<String, Object> missingValue = entry("no_value", "x", target, false);
        missingValue.remove("value");
        Map<String, Object> mixed = new java.util.HashMap<>();
        mixed.put("secrets_list", List.of(entry("from_cloudify", CLOUDIFY_ENCRYPTED, target, true),
                entry("plain", "in clear", target, false), missingValue, entry("elsewhere", "x", "other", false),
                entry("9bad", "x", target, false)));
        mixed.put("passphrase", "correct horse");
        var report = importer.post("/api/v3.1/secrets/share/import", mixed);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> errors = (Map<String, Map<String, Object>>) report.json()
                .get("secrets_errors");
        assertThat(errors).containsOnlyKeys("2", "3", "4");
        assertThat(errors.get("2")).isEqualTo(Map.of("missing secret fields", List.of("value")));
        assertThat(errors.get("3")).containsOnlyKeys("tenant_name");
        assertThat(errors.get("4")).containsOnlyKeys("key");
        assertThat(importer.get(SECRETS + "/from_cloudify").json()).containsEntry("value", "from cloudify");
        assertThat(importer.get(SECRETS + "/plain").json()).containsEntry("value", "in clear");
        mixed.put("secrets_list", List.of(entry("wrong", CLOUDIFY_ENCRYPTED, target, true)));
        mixed.put("passphrase", "wrong horse");
        assertThat(importer.post("/api/v3.1/secrets/share/import", mixed).json().get("secrets_errors"))
                .isEqualTo(Map.of("0", Map.of("value", "The value cannot be decrypted with this passphrase")));
        mixed.remove("passphrase");
        assertThat(importer.post("/api/v3.1/secrets/share/import", mixed).json().get("secrets_errors"))
                .isEqualTo(Map.of("0", Map.of("value", "the value is encrypted and no passphrase was given")));
        assertThat(importer.get(SECRETS + "/wrong").status()).isEqualTo(404);
        // No value, clear or encrypted, reaches the server's log.
        assertThat(logLines()).noneMatch(l -> l.contains("s3cr3t") || l.contains("t0k3n")
                || l.contains("correct horse"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Api.Response response) {
        try {
            return response.mapper().readValue(response.body(), io.micronaut.core.type.Argument.listOf(
                    io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void values_are_encrypted_at_rest_and_stay_readable_after_a_restart_with_the_key_file() throws Exception {
        Map<String, Object> database = database();
        String value = unique("clear-value");
        Path keyFile = Files.createTempDirectory("steward-key").resolve("data").resolve("secrets.key");
        Map<String, Object> keyed = Map.of("steward.secrets.key-file", keyFile.toString());
        try (StewardServer first = StewardServer.start(database, keyed)) {
            assertThat(first.admin().put(SECRETS + "/atrest", Map.of("value", value)).status()).isEqualTo(200);
        }
        assertThat(Files.getPosixFilePermissions(keyFile)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String key = Files.readString(keyFile).strip();
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(logLines()).anyMatch(line -> line.contains(keyFile.toAbsolutePath().toString()))
                .noneMatch(line -> line.contains(key));
        try (Connection c = TestDatabase.connect(database);
             ResultSet rs = c.createStatement().executeQuery("SELECT * FROM secrets WHERE id = 'atrest'")) {
            assertThat(rs.next()).isTrue();
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(rs.getString(i)).append('|');
            }
            assertThat(row.toString()).doesNotContain(value).contains(rs.getString("key_id"));
            assertThat(Base64.getDecoder().decode(rs.getString("encrypted_value")))
                    .as("a 12-byte nonce, the value and a 16-byte tag").hasSize(12 + value.length() + 16);
        }
        try (StewardServer restarted = StewardServer.start(database, keyed)) {
            assertThat(restarted.admin().get(SECRETS + "/atrest").json()).containsEntry("value", value);
        }
        String configured = Base64.getEncoder().encodeToString(new byte[32]);
        try (StewardServer fromEnvironment = StewardServer.start(database, Map.of("steward.secrets.key",
                configured, "steward.secrets.key-file", keyFile.resolveSibling("unused.key").toString()))) {
            assertThat(fromEnvironment.admin().put(SECRETS + "/env", Map.of("value", value)).status())
                    .isEqualTo(200);
            assertThat(fromEnvironment.admin().get(SECRETS + "/env").json()).containsEntry("value", value);
        }
        assertThat(keyFile.resolveSibling("unused.key")).doesNotExist();
    }

    @Test
    void a_blueprint_reads_secrets_when_its_operations_run_and_never_reveals_them() throws Exception {
        String password = unique("pw");
        String user = unique("dbuser");
        assertThat(create(owner, "db_password", Map.of("value", password, "is_hidden_value", true)).status())
                .isEqualTo(200);
        Path out = Files.createTempDirectory("steward-secret-out");
        byte[] archive = Archives.create().file("app/blueprint.yaml", USES_SECRETS)
                .file("app/scripts/record.sh", RECORD).tarGz();
        var uploaded = owner.send("PUT", "/api/v3.1/blueprints/app", Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(AbstractBlueprintApiTest.PARAMS, archive));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);

        var refused = owner.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "app",
                "inputs", Map.of("out", out.toString())));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("deployment_creation_error");
        assertThat((String) refused.json().get("message"))
                .isEqualTo("Required secrets: [db_creds] don't exist in this tenant");

        assertThat(create(owner, "db_creds", Map.of("value", "{\"user\": \"" + user + "\"}")).status())
                .isEqualTo(200);
        var created = owner.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "app",
                "inputs", Map.of("out", out.toString())));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var fixture = ExecutionFixture.deploymentOf(owner, "d", out);
        String execution = fixture.start("install", Map.of());
        Map<String, Object> done = fixture.awaitStatus(execution, "terminated", "failed");
        assertThat(done.get("status")).as(String.valueOf(done)).isEqualTo("terminated");

        assertThat(Files.readString(out.resolve("password"))).isEqualTo(password);
        assertThat(Files.readString(out.resolve("user"))).isEqualTo(user);
        var events = owner.get("/api/v3.1/events?execution_id=" + execution + "&_size=1000");
        assertThat(events.body()).doesNotContain(password).doesNotContain(user)
                .contains("the password is **********").contains("configured with ********** as **********");
        for (String stored : List.of("/api/v3.1/blueprints/app", "/api/v3.1/deployments/d",
                "/api/v3.1/nodes?deployment_id=d", "/api/v3.1/node-instances?deployment_id=d",
                "/api/v3.1/executions/" + execution, "/api/v3.1/events?_size=1000")) {
            var response = owner.get(stored);
            assertThat(response.status()).as(stored).isEqualTo(200);
            assertThat(response.body()).as(stored).doesNotContain(password).doesNotContain(user);
        }
        assertThat(owner.get("/api/v3.1/nodes?deployment_id=d").body()).contains("get_secret");
        assertThat(logLines()).noneMatch(line -> line != null && (line.contains(password) || line.contains(user)));
    }

    @Test
    void an_operation_whose_secret_was_deleted_fails_clearly() throws Exception {
        assertThat(create(owner, "db_password", Map.of("value", "gone-soon")).status()).isEqualTo(200);
        assertThat(create(owner, "db_creds", Map.of("value", "not json")).status()).isEqualTo(200);
        Path out = Files.createTempDirectory("steward-secret-out");
        byte[] archive = Archives.create().file("app/blueprint.yaml", USES_SECRETS)
                .file("app/scripts/record.sh", RECORD).tarGz();
        assertThat(owner.send("PUT", "/api/v3.1/blueprints/app", Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(AbstractBlueprintApiTest.PARAMS, archive)).status()).isEqualTo(201);
        assertThat(owner.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "app",
                "inputs", Map.of("out", out.toString()))).status()).isEqualTo(201);
        assertThat(owner.delete(SECRETS + "/db_password").status()).isEqualTo(204);
        var fixture = ExecutionFixture.deploymentOf(owner, "d", out);
        String execution = fixture.start("install", Map.of());
        Map<String, Object> done = fixture.awaitStatus(execution, "terminated", "failed");
        assertThat(done.get("status")).isEqualTo("failed");
        assertThat((String) done.get("error")).contains("secret `db_password` does not exist");
    }
}
