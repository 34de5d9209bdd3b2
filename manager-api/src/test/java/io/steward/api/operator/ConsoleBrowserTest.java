package io.steward.api.operator;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console at {@code /console/} end to end: the real server on a random port with seeded data (two tenants,
 * a running execution held by a slow operation, an ended one, an OGC job), and {@code console.e2e.mjs} driving
 * Debian's headless Chromium through playwright-core. The script signs in, switches tenant, filters executions,
 * opens the running one, sees its live events and progress, cancels and kills it after confirmations, lists
 * deployments, uploads a blueprint, lists OGC jobs, and signs out and in with a token. Skipped, saying why, where
 * node, Chromium or the script's node_modules are missing, except with {@code STEWARD_TEST_BROWSER_REQUIRED=true}
 * (CI), where it fails instead.
 */
class ConsoleBrowserTest extends ApiTestBase {
    private static final boolean REQUIRED = "true".equals(System.getenv("STEWARD_TEST_BROWSER_REQUIRED"));
    private static final Path SCRIPT_DIR = Path.of("src", "test", "console").toAbsolutePath();
    private static final String CHROMIUM = System.getenv().getOrDefault("STEWARD_TEST_CHROMIUM", "/usr/bin/chromium");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Two quick operations, then one that runs until it is stopped: progress shows 2 of 3 while it runs. */
    private static final String SLOW = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            node_templates:
              first:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: steward.noop
              second:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: steward.noop
              slow:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: steward.command
                      inputs:
                        command: [sh, -c, "echo slow operation started; exec sleep 600"]
            workflows:
              slow_run:
                mapping: steward.sequence
                steps:
                  - {node: first, operation: cloudify.interfaces.lifecycle.create}
                  - {node: second, operation: cloudify.interfaces.lifecycle.create}
                  - {node: slow, operation: cloudify.interfaces.lifecycle.create}
            """;

    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }

    @Test
    void an_operator_uses_the_console_from_sign_in_to_sign_out_in_headless_chromium() throws Exception {
        String missing = missingTools();
        if (missing != null) {
            if (REQUIRED) {
                Assertions.fail("STEWARD_TEST_BROWSER_REQUIRED is set but " + missing);
            }
            Assumptions.abort(missing + "; the console's browser test is skipped (.ci/run installs chromium and"
                    + " runs npm ci in manager-api/src/test/console)");
        }

        String tenant = newTenant();
        String otherTenant = newTenant();
        String username = unique("operator");
        String password = "pw-" + username;
        assertThat(admin.put("/api/v3.1/users", Map.of("username", username, "password", password,
                "role", "default")).status()).isEqualTo(201);
        for (String t : List.of(tenant, otherTenant)) {
            assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", t,
                    "role", "manager")).status()).isEqualTo(200);
        }
        Api operator = server.api().basic(username, password).tenant(tenant);
        Api inOther = server.api().basic(username, password).tenant(otherTenant);

        expect(inOther.send("PUT", "/api/v3.1/blueprints/only-in-other", "application/yaml", bytes(ONE_TASK)), 201);
        OneTaskRuns.deploy(operator, ONE_TASK, "quick-1");
        String ended = OneTaskRuns.start(operator, "quick-1", "one_task");
        OneTaskRuns.awaitEnd(operator, ended);
        OneTaskRuns.deploy(operator, SLOW, "slow-1");
        String running = OneTaskRuns.start(operator, "slow-1", "slow_run");
        Await.until("the slow operation of " + running + " running", WAIT,
                () -> operator.get("/api/v3.1/operations?execution_id=" + running + "&skip_internal=true").items(),
                ops -> ops.size() == 3 && "started".equals(ops.get(2).get("state")));
        Api.Response job = expect(operator.with("Prefer", "respond-async").post("/ogcapi/processes/echo/execution",
                Map.of("inputs", Map.of("a", "from the console test"))), 201);
        String jobId = (String) job.json().get("jobID");
        Await.until("job " + jobId + " successful", WAIT, () -> operator.get("/ogcapi/jobs/" + jobId).json(),
                s -> "successful".equals(s.get("status")));
        String token = (String) expect(operator.post("/api/v3.1/tokens", Map.of("description", "brought")), 200)
                .json().get("value");

        try {
            Map<String, String> seeded = Map.of(
                    "STEWARD_CONSOLE_USER", username,
                    "STEWARD_CONSOLE_PASSWORD", password,
                    "STEWARD_CONSOLE_TENANT", tenant,
                    "STEWARD_CONSOLE_OTHER_TENANT", otherTenant,
                    "STEWARD_CONSOLE_EXECUTION", running,
                    "STEWARD_CONSOLE_DEPLOYMENT", "slow-1",
                    "STEWARD_CONSOLE_ENDED_EXECUTION", ended,
                    "STEWARD_CONSOLE_JOB", jobId,
                    "STEWARD_CONSOLE_TOKEN", token,
                    "STEWARD_CONSOLE_OTHER_BLUEPRINT", "only-in-other");
            Result result = runScript(seeded);
            System.out.println("console.e2e.mjs:\n" + result.output());
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("CONSOLE E2E PASSED").doesNotContain("FAIL ");
        } finally {
            // Whatever the script reached, no slow operation outlives the test.
            operator.post("/api/v3.1/executions/" + running, Map.of("action", "kill"));
        }

        // What the browser did is what the API now says.
        Map<String, Object> killed = Await.until("execution " + running + " cancelled", WAIT,
                () -> operator.get("/api/v3.1/executions/" + running).json(),
                e -> "cancelled".equals(e.get("status")));
        assertThat(killed).containsEntry("status", "cancelled");
        List<Map<String, Object>> tokens = operator.get("/api/v3.1/tokens?_get_all_results=true").items();
        assertThat(tokens).extracting(t -> t.get("description")).containsExactly("brought");
        assertThat(operator.get("/api/v3.1/blueprints?_search=uploaded-").items()).hasSize(1);
        assertThat(inOther.get("/api/v3.1/blueprints?_search=uploaded-").items()).isEmpty();
    }

    /** Why the browser test cannot run here, or null when node, Chromium and the script's modules are present. */
    private static String missingTools() {
        if (!Files.isRegularFile(SCRIPT_DIR.resolve("console.e2e.mjs"))) {
            return "the console's script is not at " + SCRIPT_DIR + " (the test runs from the manager-api module)";
        }
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            return "Chromium is not installed at " + CHROMIUM + " (apt-get install chromium, or STEWARD_TEST_CHROMIUM)";
        }
        if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve("playwright-core"))) {
            return "playwright-core is not installed (npm ci in " + SCRIPT_DIR + ")";
        }
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
                return "node does not run (" + version + ")";
            }
        } catch (IOException e) {
            return "node is not on the PATH";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for node";
        }
        return null;
    }

    record Result(int exitCode, String output) {
    }

    private Result runScript(Map<String, String> seeded) throws IOException, InterruptedException {
        String base = server.context().getBean(io.micronaut.runtime.server.EmbeddedServer.class).getURL().toString()
                .replace("localhost", "127.0.0.1");
        Path artifacts = Files.createDirectories(Path.of("target", "console-e2e").toAbsolutePath());
        List<String> command = new ArrayList<>(List.of("node", SCRIPT_DIR.resolve("console.e2e.mjs").toString(),
                base));
        ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPT_DIR.toFile()).redirectErrorStream(true);
        builder.environment().putAll(seeded);
        builder.environment().put("STEWARD_TEST_CHROMIUM", CHROMIUM);
        builder.environment().put("STEWARD_CONSOLE_ARTIFACTS", artifacts.toString());
        Path log = Files.createTempFile("steward-console-e2e", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                return new Result(-1, Files.readString(log) + "\n(timed out after " + SCRIPT_TIMEOUT + ")");
            }
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Api.Response expect(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }
}
