package io.steward.api.operator;

import io.micronaut.json.JsonMapper;
import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.ServerProcess;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code STEWARD_LOG_FORMAT=json}: a real server process writes one JSON object per line, and the lines logged
 * while an execution runs carry its tenant and id in the MDC. The database does not matter here: H2 only.
 */
class JsonLogsApiTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String BLUEPRINT = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            node_templates:
              n:
                type: cloudify.nodes.Root
            """;

    @Test
    @SuppressWarnings("unchecked")
    void every_line_is_json_and_an_executions_lines_name_its_tenant_and_id() {
        try (ServerProcess server = ServerProcess.start("json-logs", TestDatabase.h2(),
                Map.of("STEWARD_LOG_FORMAT", "json"))) {
            Api admin = server.admin();
            String tenant = "logged-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(admin.post("/api/v3.1/tenants/" + tenant, Map.of()).status()).isEqualTo(201);
            Api inTenant = admin.tenant(tenant);
            String execution = OneTaskRuns.run(inTenant, BLUEPRINT, "logged", "install");

            // The end's line is logged after the end commits, so the API may show the end before the line is out.
            List<Map<String, Object>> lines = Await.until("the line about the execution's end", Duration.ofSeconds(10),
                    () -> server.logLines().stream().map(JsonLogsApiTest::parse).toList(),
                    logged -> logged.stream().anyMatch(l -> endOf(l, execution)));
            assertThat(lines).as("log lines").isNotEmpty();
            assertThat(lines).allSatisfy(l -> assertThat(l).containsKeys("timestamp", "level", "loggerName",
                    "formattedMessage"));
            Map<String, Object> ended = lines.stream()
                    .filter(l -> endOf(l, execution))
                    .findFirst().orElseThrow(() -> new AssertionError("no line about " + execution + ": " + lines));
            assertThat(ended).containsEntry("level", "INFO");
            assertThat((Map<String, Object>) ended.get("mdc")).containsEntry("tenant", tenant)
                    .containsEntry("execution_id", execution).containsEntry("user", "admin");
        }
    }

    private static boolean endOf(Map<String, Object> line, String execution) {
        return String.valueOf(line.get("formattedMessage")).startsWith("Execution " + execution);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line.getBytes(StandardCharsets.UTF_8), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }
}
