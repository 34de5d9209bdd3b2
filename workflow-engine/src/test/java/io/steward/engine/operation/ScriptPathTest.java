package io.steward.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.engine.operation.OperationResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blueprint is user input: nothing outside its own directory may run. */
class ScriptPathTest {

    @TempDir
    Path temp;

    private Blueprint blueprint;
    private Path outside;
    private Path marker;
    private OperationRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        blueprint = new Blueprint(Files.createDirectories(temp.resolve("blueprint")));
        marker = temp.resolve("ran");
        outside = temp.resolve("outside.sh");
        Files.writeString(outside, "touch '" + marker + "'\n");
        runner = new OperationRunner(new TestJson(), Duration.ofSeconds(1), temp.resolve("work"));
    }

    private OperationResult run(String implementation) throws InterruptedException {
        return Waits.result(runner.start(Requests.script(blueprint.root, implementation).build(),
                new RecordingListener()), Duration.ofSeconds(10));
    }

    @Test
    void a_path_climbing_out_with_dot_dot_is_refused_without_running() throws Exception {
        OperationResult result = run("scripts/../../outside.sh");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo(
                "Refusing to run script scripts/../../outside.sh: it leads outside the blueprint directory");
        assertThat(marker).doesNotExist();
    }

    @Test
    void an_absolute_path_is_refused_without_running() throws Exception {
        OperationResult result = run(outside.toString());

        assertThat(result.error()).isEqualTo("Refusing to run script " + outside + ": it is an absolute path");
        assertThat(marker).doesNotExist();
    }

    @Test
    void a_symbolic_link_that_resolves_outside_is_refused_without_running() throws Exception {
        Files.createDirectories(blueprint.root.resolve("scripts"));
        Files.createSymbolicLink(blueprint.root.resolve("scripts/link.sh"), outside);

        OperationResult result = run("scripts/link.sh");

        assertThat(result.error()).isEqualTo("Refusing to run script scripts/link.sh: "
                + "it resolves (through a symbolic link) outside the blueprint directory");
        assertThat(marker).doesNotExist();
    }

    @Test
    void dot_dot_that_stays_inside_the_blueprint_is_allowed() throws Exception {
        blueprint.script("scripts/ok.sh", "exit 0");

        assertThat(run("scripts/../scripts/ok.sh").outcome()).isEqualTo(Outcome.SUCCEEDED);
    }
}
