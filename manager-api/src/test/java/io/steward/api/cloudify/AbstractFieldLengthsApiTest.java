package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Archives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.steward.api.cloudify.AbstractBlueprintApiTest.uploadYaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every caller input stored in a bounded column, at its column's size and one over: accepted, then refused with 400
 * and the API's code for bad input (Cloudify's {@code error_code}, OGC's exception {@code type}), never a 500.
 */
abstract class AbstractFieldLengthsApiTest extends ApiTestBase {
    private static final String OGC_INVALID = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/"
            + "invalid-parameter-value";

    private Api user;
    private String tenant;
    private String someone;
    private String execution;
    private int counter;

    /** One field: its size, how to send a value of some length, the success status, and the refusal's code. */
    record Row(String field, int max, Function<String, Api.Response> send, int accepted, String refusedCode,
               Function<Api.Response, String> codeOf) {
        @Override
        public String toString() {
            return field + " (" + max + ")";
        }
    }

    @BeforeAll
    void aUserWithAnExecution() {
        tenant = newTenant();
        user = newMember(tenant, "user");
        someone = unique("someone");
        assertThat(admin.put("/api/v3.1/users", Map.of("username", someone, "password", "pw-" + someone,
                "role", "default")).status()).isEqualTo(201);
        assertThat(uploadYaml(user, "bp", ONE_TASK).status()).isEqualTo(201);
        assertThat(user.put("/api/v3.1/deployments/dep", Map.of("blueprint_id", "bp")).status()).isEqualTo(201);
        var started = user.post("/api/v3.1/executions", Map.of("deployment_id", "dep", "workflow_id", "one_task"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        execution = (String) started.json().get("id");
    }

    List<Row> rows() {
        return List.of(
                cloudify("tenant_name", 255, v -> admin.post("/api/v3.1/tenants/" + v,
                        Map.of("rabbitmq_password", "")), 201),
                cloudify("username", 255, v -> admin.put("/api/v3.1/users", Map.of("username", v,
                        "password", "pw-long-user", "role", "default")), 201),
                cloudify("token description", 1024, v -> user.post("/api/v3.1/tokens", Map.of("description", v)), 200),
                cloudify("display_name", 1024, v -> user.put("/api/v3.1/deployments/" + next("d"),
                        Map.of("blueprint_id", "bp", "display_name", v)), 201),
                cloudify("application_file_name", 1024, this::uploadWithMainFile, 201),
                blueprint("node template name", 256, v -> blueprintWith(v, "cloudify.nodes.Root", "i.op", "w")),
                blueprint("node type", 1024, v -> blueprintWith("n", v, "i.op", "w")),
                blueprint("operation name", 512, v -> blueprintWith("n", "cloudify.nodes.Root", v, "w")),
                blueprint("workflow name", 256, v -> blueprintWith("n", "cloudify.nodes.Root", "i.op", v)),
                cloudify("event_type", 64, v -> postEvent(Map.of("event_type", v)), 201),
                cloudify("level", 16, v -> postLog(Map.of("level", v)), 201),
                cloudify("logger", 256, v -> postLog(Map.of("logger", v)), 201),
                cloudify("context.node_name", 256, v -> postEvent(Map.of("context", Map.of("node_name", v))), 201),
                cloudify("context.node_id", 300, v -> postEvent(Map.of("context", Map.of("node_id", v))), 201),
                cloudify("context.operation", 512, v -> postEvent(Map.of("context", Map.of("operation", v))), 201),
                cloudify("context.source_id", 300, v -> postEvent(Map.of("context", Map.of("source_id", v))), 201),
                cloudify("context.target_id", 300, v -> postEvent(Map.of("context", Map.of("target_id", v))), 201),
                // References: at the column size they are looked up (and not found), one more is refused unread.
                cloudify("blueprint_id", 256, v -> user.put("/api/v3.1/deployments/" + next("d"),
                        Map.of("blueprint_id", v)), 404),
                cloudify("deployment_id", 256, v -> user.post("/api/v3.1/executions",
                        Map.of("deployment_id", v, "workflow_id", "one_task")), 404),
                // At its size a workflow is merely not in the plan (400 nonexistent_workflow_error).
                cloudify("workflow_id", 256, v -> user.post("/api/v3.1/executions",
                        Map.of("deployment_id", "dep", "workflow_id", v)), 400),
                cloudify("execution_id", 64, v -> user.post("/api/v3.1/events", Map.of("execution_id", v,
                        "events", List.of(Map.of("event_type", "custom_event", "message", Map.of("text", "m"))))),
                        404),
                cloudify("username", 255, v -> admin.put("/api/v3.1/tenants/users", Map.of("username", v,
                        "tenant_name", tenant, "role", "user")), 404),
                cloudify("tenant_name", 255, v -> admin.patch("/api/v3.1/tenants/users", Map.of("username", someone,
                        "tenant_name", v, "role", "user")), 404),
                cloudify("username", 255, v -> admin.delete("/api/v3.1/tenants/users", Map.of("username", v,
                        "tenant_name", tenant)), 404),
                new Row("process id", 249, this::deployProcess, 201, OGC_INVALID, r -> (String) r.json().get("type")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void a_field_at_its_column_size_is_accepted_and_one_character_more_is_refused(Row row) {
        var atMax = row.send().apply(value(row.max()));
        assertThat(atMax.status()).as(row.field() + " at " + row.max() + ": " + atMax.body()).isEqualTo(row.accepted());
        var over = row.send().apply(value(row.max() + 1));
        assertThat(over.status()).as(row.field() + " at " + (row.max() + 1) + ": " + over.body()).isEqualTo(400);
        assertThat(row.codeOf().apply(over)).isEqualTo(row.refusedCode());
        assertThat(over.body()).contains(row.field().startsWith("token") ? "description" : row.field())
                .contains("at most " + row.max());
    }

    @org.junit.jupiter.api.Test
    void a_post_of_events_refused_for_its_last_item_stores_none_of_them() {
        Map<String, Object> good = Map.of("event_type", "atomic_probe", "message", Map.of("text", "kept?"));
        Map<String, Object> tooLong = Map.of("event_type", "t".repeat(65), "message", Map.of("text", "x"));
        var overLength = user.post("/api/v3.1/events", Map.of("execution_id", execution,
                "events", List.of(good, tooLong)));
        assertThat(overLength.status()).as(overLength.body()).isEqualTo(400);
        var wrongLogs = user.post("/api/v3.1/events", Map.of("execution_id", execution,
                "events", List.of(good), "logs", "not a list"));
        assertThat(wrongLogs.status()).as(wrongLogs.body()).isEqualTo(400);
        assertThat(wrongLogs.errorCode()).isEqualTo("bad_parameters_error");
        assertThat(user.get("/api/v3.1/events?event_type=atomic_probe").items()).isEmpty();
    }

    private static Row cloudify(String field, int max, Function<String, Api.Response> send, int accepted) {
        return new Row(field, max, send, accepted, "bad_parameters_error", Api.Response::errorCode);
    }

    private static Row blueprint(String field, int max, Function<String, Api.Response> send) {
        return new Row(field, max, send, 201, "invalid_blueprint_error", Api.Response::errorCode);
    }

    /** {@code length} characters valid in any of the fields: a letter first, then letters and dots. */
    private String value(int length) {
        String prefix = "v" + (++counter) + "x";
        StringBuilder value = new StringBuilder(prefix);
        while (value.length() < length) {
            value.append(value.length() % 50 == 0 ? '.' : 'a');
        }
        return value.substring(0, length);
    }

    private String next(String prefix) {
        return prefix + (++counter);
    }

    /** A raw archive whose main file has the given path: folders of 100 characters, ending in {@code .yaml}. */
    private Api.Response uploadWithMainFile(String name) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < name.length() - 5; i++) {
            path.append(i % 100 == 99 ? '/' : 'a');
        }
        path.append(".yaml");
        byte[] archive = Archives.create().file("top/" + path, ONE_TASK).tarGz();
        return user.send("PUT", "/api/v3.1/blueprints/" + next("main") + "?application_file_name="
                + URLEncoder.encode(path.toString(), StandardCharsets.UTF_8), "application/octet-stream", archive);
    }

    private Api.Response blueprintWith(String node, String type, String operation, String workflow) {
        int dot = operation.lastIndexOf('.');
        String yaml = """
                tosca_definitions_version: cloudify_dsl_1_4
                imports: [cloudify/types/types.yaml]
                node_types:
                  # An explicit key: YAML caps implicit ones at 1024 characters.
                  ? '%s'
                  : {derived_from: cloudify.nodes.Root}
                node_templates:
                  '%s':
                    type: '%s'
                    interfaces:
                      '%s':
                        '%s': steward.noop
                workflows:
                  '%s':
                    mapping: steward.sequence
                    steps:
                      - {node: '%s', operation: '%s'}
                """.formatted(type.equals("cloudify.nodes.Root") ? "unused.Type" : type, node, type,
                operation.substring(0, dot), operation.substring(dot + 1), workflow, node, operation);
        return uploadYaml(user, next("bp"), yaml);
    }

    private Api.Response postEvent(Map<String, Object> fields) {
        Map<String, Object> event = new LinkedHashMap<>(Map.of("event_type", "custom_event",
                "message", Map.of("text", "hello")));
        event.putAll(fields);
        return user.post("/api/v3.1/events", Map.of("execution_id", execution, "events", List.of(event)));
    }

    private Api.Response postLog(Map<String, Object> fields) {
        Map<String, Object> log = new LinkedHashMap<>(Map.of("level", "info", "logger", "x",
                "message", Map.of("text", "hello")));
        log.putAll(fields);
        return user.post("/api/v3.1/events", Map.of("execution_id", execution, "logs", List.of(log)));
    }

    private Api.Response deployProcess(String id) {
        Map<String, Object> pkg = Map.of("processDescription", Map.of("process", Map.of("id", id, "version", "1.0.0",
                        "inputs", Map.of(), "outputs", Map.of("out", Map.of("schema", Map.of("type", "string"))))),
                "executionUnit", Map.of("type", "command", "command", List.of("true"),
                        "outputs", Map.of("stdout", "json")));
        try {
            return user.send("POST", "/ogcapi/processes", "application/ogcapppkg+json",
                    server.context().getBean(io.micronaut.json.JsonMapper.class).writeValueAsBytes(pkg));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
