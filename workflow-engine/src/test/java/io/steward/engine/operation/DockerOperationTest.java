package io.steward.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.engine.operation.OperationResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * steward.docker. Without a Docker engine it fails clearly (that runs everywhere); the tests that run an image need
 * an engine and the locally imported test image ({@link TestDocker}), never a registry: they are skipped, saying why,
 * where there is none, and fail instead in CI.
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
        return Requests.builtin("steward.docker").input("image", TestDocker.IMAGE).input("command", command);
    }

    private static void assumeEngine() {
        TestDocker.assumeEngineAndImage();
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
    void kill_stops_the_container_and_removes_it() throws Exception {
        assumeEngine();
        RunningOperation operation = runner.start(docker(List.of("sh", "-c", "echo started; sleep 300")).build(),
                listener);
        Waits.until(() -> listener.logged("info: started"), MAX, () -> "the container to start; it logged "
                + listener.lines());
        String name = containerOf(operation);
        assertThat(TestDocker.containersNamed(name)).as("the running container").isNotEmpty();

        operation.kill(Duration.ofSeconds(1));

        OperationResult result = Waits.result(operation, MAX);
        assertThat(result.outcome()).isEqualTo(Outcome.TERMINATED);
        assertThat(result.error()).contains("container " + name);
        Waits.untilAllGone(operation.pids(), MAX);
        Waits.until(() -> TestDocker.containersNamed(name).isEmpty(), MAX,
                () -> "container " + name + " to be removed; docker ps -a shows " + TestDocker.containersNamed(name));
    }

    @Test
    void terminate_stops_the_container_and_removes_it() throws Exception {
        assumeEngine();
        RunningOperation operation = runner.start(docker(List.of("sh", "-c", "echo started; sleep 300")).build(),
                listener);
        Waits.until(() -> listener.logged("info: started"), MAX, () -> "the container to start; it logged "
                + listener.lines());
        String name = containerOf(operation);

        operation.terminate();

        assertThat(Waits.result(operation, MAX).outcome()).isEqualTo(Outcome.TERMINATED);
        Waits.until(() -> TestDocker.containersNamed(name).isEmpty(), MAX,
                () -> "container " + name + " to be removed; docker ps -a shows " + TestDocker.containersNamed(name));
    }

    @Test
    void a_kill_while_the_container_is_being_created_leaves_no_container_behind() throws Exception {
        assumeEngine();
        RunningOperation operation = runner.start(docker(List.of("sleep", "300")).build(), listener);
        String name = containerOf(operation);

        operation.kill(Duration.ZERO);

        assertThat(Waits.result(operation, MAX).outcome()).isEqualTo(Outcome.TERMINATED);
        Waits.untilAllGone(operation.pids(), MAX);
        Waits.until(() -> TestDocker.containersNamed(name).isEmpty(), MAX,
                () -> "container " + name + " to be removed; docker ps -a shows " + TestDocker.containersNamed(name));
    }

    /** The container's name, read from the docker CLI's command line ({@code --name steward-…}). */
    private static String containerOf(RunningOperation operation) throws IOException {
        StringBuilder cmdlines = new StringBuilder();
        for (long pid : operation.pids()) {
            Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
            if (Files.exists(cmdline)) {
                cmdlines.append(Files.readString(cmdline).replace('\0', ' ')).append('\n');
            }
        }
        Matcher container = Pattern.compile("--name (steward-[0-9a-f]{12}) ").matcher(cmdlines);
        assertThat(container.find()).as(cmdlines.toString()).isTrue();
        return container.group(1);
    }
}
