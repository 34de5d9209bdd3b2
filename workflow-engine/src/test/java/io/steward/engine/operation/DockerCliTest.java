package io.steward.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.engine.operation.OperationResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What steward.docker asks of the {@code docker} CLI, seen through a stand-in CLI (a shell script) that records its
 * calls: this machine may have no engine, and the command line and the kill are what Steward is responsible for.
 */
class DockerCliTest {

    private static final Duration MAX = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private Path calls;
    private DockerEngine engine;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void setUp() throws IOException {
        calls = temp.resolve("calls");
        Path cli = temp.resolve("docker");
        Files.writeString(cli, String.join("\n",
                "#!/bin/sh",
                "case \"$1\" in",
                "  version) echo 27.0.0 ;;",
                "  rm) echo \"rm $2 $3\" >> '" + calls + "' ;;",
                "  run) echo \"run $*\" >> '" + calls + "'",
                "       echo \"env NAME=$NAME WORK=$STEWARD_WORK_DIR\"",
                "       read line; echo \"stdin $line\"",
                "       [ -z \"$HANG\" ] || { echo started; sleep 300; } ;;",
                "esac", ""));
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxr-xr-x"));
        engine = new DockerEngine(cli.toString());
    }

    private RunningOperation start(Requests request) {
        return CommandOperation.start(request.build(), listener, new TestJson(), Duration.ofSeconds(1),
                temp.resolve("work"), engine);
    }

    @Test
    void the_cli_runs_the_image_with_the_work_directory_mounted_and_env_passed_by_name() throws Exception {
        OperationResult result = Waits.result(start(Requests.builtin("steward.docker").input("image", TestDocker.IMAGE)
                .input("command", List.of("sh", "-c", "echo hi")).input("env", Map.of("NAME", "box"))
                .input("stdin", "piped\n")), MAX);

        assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.SUCCEEDED);
        String run = Files.readAllLines(calls).get(0);
        assertThat(run).matches("run run --rm -i --name steward-[0-9a-f]{12} -v \\S+/work/command-\\S+:/steward/work "
                + "-w /steward/work -e NAME -e STEWARD_WORK_DIR " + Pattern.quote(TestDocker.IMAGE) + " sh -c echo hi");
        assertThat(listener.lines()).containsExactly("info: env NAME=box WORK=/steward/work", "info: stdin piped");
    }

    @Test
    void kill_also_removes_the_container_by_name() throws Exception {
        RunningOperation operation = start(Requests.builtin("steward.docker").input("image", TestDocker.IMAGE)
                .input("env", Map.of("HANG", "yes")));
        Waits.until(() -> listener.logged("info: started"), MAX, () -> "the CLI to start; it logged "
                + listener.lines());

        operation.kill(Duration.ofMillis(500));

        OperationResult result = Waits.result(operation, MAX);
        Waits.untilAllGone(operation.pids(), MAX);
        assertThat(result.outcome()).isEqualTo(Outcome.TERMINATED);
        Matcher container = Pattern.compile("container (steward-[0-9a-f]{12})").matcher(result.error());
        assertThat(container.find()).as(result.error()).isTrue();
        assertThat(Files.readAllLines(calls)).contains("rm -f " + container.group(1));
        assertThat(Files.readAllLines(calls).get(0)).endsWith(" " + TestDocker.IMAGE);
    }
}
