package io.steward.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.engine.operation.OperationResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * steward.docker. Without a Docker engine it fails clearly (that runs everywhere); the tests that run an image need
 * an engine and an {@code alpine} image it can pull, and are skipped, saying why, where none answers.
 */
class DockerOperationTest {

    private static final Duration MAX = Duration.ofSeconds(120);
    private static final Pattern CONTAINER = Pattern.compile("container (steward-[0-9a-f]+)");

    @TempDir
    Path temp;

    private OperationRunner runner;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void setUp() {
        runner = new OperationRunner(new TestJson(), Duration.ofSeconds(1), temp.resolve("work"));
    }

    private static Requests docker(Object command) {
        return Requests.builtin("steward.docker").input("image", "alpine:3").input("command", command);
    }

    private static void assumeEngine() {
        Assumptions.assumeTrue(new DockerEngine("docker").unreachable().isEmpty(),
                () -> "No Docker engine answers here (" + new DockerEngine("docker").unreachable().orElse("")
                        + "); the tests that run an image are skipped");
    }

    @Test
    void without_a_docker_program_the_operation_fails_saying_an_engine_is_needed() throws Exception {
        RunningOperation operation = CommandOperation.start(docker(List.of("true")).build(), listener,
                new TestJson(), Duration.ofSeconds(1), temp.resolve("work"), new DockerEngine("/no/such/docker"));

        OperationResult result = Waits.result(operation, MAX);
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo("No Docker engine is reachable (no '/no/such/docker' program); "
                + "steward.docker needs one");
    }

    @Test
    void without_a_reachable_engine_the_operation_fails_with_the_reason() throws Exception {
        Assumptions.assumeTrue(new DockerEngine("docker").unreachable().isPresent(),
                "an engine answers here, so this case cannot be shown");

        OperationResult result = Waits.result(runner.start(docker(List.of("true")).build(), listener), MAX);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).startsWith("No Docker engine is reachable (")
                .endsWith("); steward.docker needs one");
    }

    @Test
    void the_image_is_required_and_checked_before_the_engine() throws Exception {
        OperationResult result = Waits.result(runner.start(Requests.builtin("steward.docker").build(), listener),
                MAX);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo("steward.docker: input 'image' is required");
    }

    @Test
    void an_image_runs_with_its_files_env_and_stdin_and_stdout_json_is_the_output() throws Exception {
        assumeEngine();

        OperationResult result = Waits.result(runner.start(docker(
                "read line; printf '{\"cwd\":\"%s\",\"work\":\"%s\",\"file\":\"%s\",\"env\":\"%s\",\"stdin\":\"%s\"}' "
                        + "\"$(pwd)\" \"$STEWARD_WORK_DIR\" \"$(cat in.txt)\" \"$NAME\" \"$line\"")
                .input("env", Map.of("NAME", "box"))
                .input("files", Map.of("in.txt", "from a file"))
                .input("stdin", "from stdin\n")
                .input("outputs", Map.of("stdout", "json")).build(), listener), MAX);

        assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.output()).isEqualTo(Map.of("cwd", "/steward/work", "work", "/steward/work",
                "file", "from a file", "env", "box", "stdin", "from stdin"));
    }

    @Test
    void kill_stops_the_container_too() throws Exception {
        assumeEngine();
        RunningOperation operation = runner.start(docker(List.of("sh", "-c", "echo started; sleep 300")).build(),
                listener);
        Waits.until(() -> listener.logged("info: started"), MAX, () -> "the container to start; it logged "
                + listener.lines());

        operation.kill(Duration.ofSeconds(1));

        OperationResult result = Waits.result(operation, MAX);
        assertThat(result.outcome()).isEqualTo(Outcome.TERMINATED);
        Matcher container = CONTAINER.matcher(result.error());
        assertThat(container.find()).as(result.error()).isTrue();
        Waits.untilAllGone(operation.pids(), MAX);
        Waits.until(() -> running(container.group(1)).isEmpty(), MAX,
                () -> "container " + container.group(1) + " to be gone");
    }

    /** The ids of running containers with that name. */
    private static String running(String name) {
        try {
            Process ps = new ProcessBuilder("docker", "ps", "-q", "--filter", "name=^" + name + "$")
                    .redirectErrorStream(true).start();
            ps.waitFor(30, TimeUnit.SECONDS);
            return new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "docker ps failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
