package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Api;
import io.steward.api.support.Archives;
import io.steward.api.support.Await;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Blueprint operations implemented by {@code steward.command}, run through the real server and engine. */
abstract class AbstractCommandOperationApiTest extends ApiTestBase {

    private Api user;
    private Path outDir;
    private String deployment;

    private void deploy(Map<String, Object> extraInputs) throws IOException {
        user = newMember(newTenant(), "user");
        outDir = Files.createTempDirectory("steward-test-out");
        deployment = unique("d");
        byte[] yaml = Archives.resourceText("blueprints/command/blueprint.yaml").getBytes(StandardCharsets.UTF_8);
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/" + deployment, "application/yaml", yaml);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        Map<String, Object> inputs = new HashMap<>(extraInputs);
        inputs.put("out_dir", outDir.toString());
        var created = user.put("/api/v3.1/deployments/" + deployment, Map.of("blueprint_id", deployment,
                "inputs", inputs));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private String start(String workflow) {
        var response = user.post("/api/v3.1/executions", Map.of("deployment_id", deployment, "workflow_id",
                workflow));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    private Map<String, Object> awaitStatus(String id, String... statuses) {
        return Await.until("execution " + id + " to reach " + List.of(statuses), ExecutionFixture.WAIT,
                () -> user.get("/api/v3.1/executions/" + id).json(), e -> List.of(statuses).contains(e.get("status")));
    }

    private List<String> lines(String file) {
        try {
            Path path = outDir.resolve(file);
            return Files.exists(path) ? Files.readAllLines(path) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_command_with_files_env_and_outputs_runs_and_the_execution_succeeds() throws IOException {
        deploy(Map.of());

        String id = start("install");

        assertThat(awaitStatus(id, "terminated", "failed")).as("the execution's error is shown")
                .containsEntry("status", "terminated");
        assertThat(lines("result.txt")).containsExactly("HELLO FROM A FILE");
    }

    @Test
    void a_missing_output_file_fails_the_execution_naming_it() throws IOException {
        deploy(Map.of("output_file", "nowhere.txt"));

        String id = start("install");

        Map<String, Object> failed = awaitStatus(id, "terminated", "failed");
        assertThat(failed).containsEntry("status", "failed");
        assertThat((String) failed.get("error")).contains("Output file 'result' (nowhere.txt) was not written");
    }

    @Test
    void kill_reaps_the_whole_process_tree_of_a_long_running_command() throws IOException {
        deploy(Map.of());
        String id = start("long");
        Await.until("the command to start its children", ExecutionFixture.WAIT, () -> lines("long.started"),
                l -> !l.isEmpty());
        // The grandchild's pid is written by its subshell, which may come after "started".
        List<Long> pids = Await.until("the four pids", ExecutionFixture.WAIT, () -> lines("pids"),
                l -> l.size() >= 4).stream().map(Long::parseLong).toList();
        assertThat(pids).hasSize(4).allSatisfy(pid -> assertThat(alive(pid)).as("pid " + pid).isTrue());

        var killed = user.post("/api/v3.1/executions/" + id, Map.of("action", "kill"));

        assertThat(killed.json()).containsEntry("status", "kill_cancelling");
        assertThat(awaitStatus(id, "cancelled")).containsEntry("status", "cancelled");
        try {
            Await.until("every process of the tree to be gone", Duration.ofSeconds(10),
                    () -> pids.stream().filter(AbstractCommandOperationApiTest::alive).toList(), List::isEmpty);
        } catch (AssertionError e) { // the events say whether the operation saw the kill
            throw new AssertionError(e.getMessage() + "; events: " + user.get("/api/v3.1/events?execution_id=" + id
                    + "&_sort=@timestamp").items().stream().map(ev -> ev.get("event_type") + "/" + ev.get("level")
                    + ": " + ev.get("message")).toList(), e);
        }
    }

    /** Alive as /proc sees it: a zombie waiting to be reaped does not count. */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
