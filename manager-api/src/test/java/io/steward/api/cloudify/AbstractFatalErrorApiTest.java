package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ServerProcess;
import io.steward.tenancy.threads.FatalErrors;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Error in one of the engine's threads ends the whole server, with one log line, so that a supervisor restarts
 * it, instead of leaving a process whose HTTP still answers while its engine is dead. The server runs in its own
 * JVM with a small heap, without {@code -XX:+ExitOnOutOfMemoryError} (the code must not rely on it), and with the
 * document limits lifted so that a command's 15 MB JSON output really runs it out of memory.
 */
abstract class AbstractFatalErrorApiTest {
    private static final String BLUEPRINT = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            node_templates:
              n:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: steward.command
                      inputs:
                        command: |
                          printf '['; yes '"ab",' | head -n 3000000 | tr -d '[:space:]'; printf '"ab"]'
                        outputs: {stdout: json}
            """;

    protected abstract Map<String, Object> database();

    @Test
    void an_out_of_memory_error_in_an_operation_ends_the_server_with_one_log_line() {
        String node = "oom-" + UUID.randomUUID().toString().substring(0, 8);
        try (ServerProcess server = ServerProcess.start(node, database(), Map.of(
                        "steward.parse.max-nodes", "1000000000000", "steward.parse.max-size", "1000000000000"),
                List.of("-Xmx128m"))) {
            Api admin = server.admin();
            assertThat(admin.send("PUT", "/api/v3.1/blueprints/oom", "application/yaml",
                    BLUEPRINT.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
            assertThat(admin.put("/api/v3.1/deployments/oom", Map.of("blueprint_id", "oom")).status()).isEqualTo(201);
            Api.Response started = admin.post("/api/v3.1/executions", Map.of("deployment_id", "oom",
                    "workflow_id", "install"));
            assertThat(started.status()).as(started.body()).isEqualTo(201);

            Integer exit = server.awaitExit(Duration.ofSeconds(90));

            assertThat(exit).as("the server must exit after the OutOfMemoryError; its log: " + server.tail())
                    .isEqualTo(FatalErrors.EXIT_STATUS);
            assertThat(server.logged("Fatal java.lang.OutOfMemoryError")).as(server.tail()).isTrue();
            assertThat(server.logged("so that its supervisor restarts it")).isTrue();
        }
    }
}
