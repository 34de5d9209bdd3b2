package io.steward.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.engine.operation.OperationResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dry runs and NOOP operations succeed without running anything. */
class NothingRunsTest {

    @TempDir
    Path temp;

    private final RecordingListener listener = new RecordingListener();

    private OperationResult run(Requests request) throws InterruptedException {
        OperationRunner runner = new OperationRunner(new TestJson(), Duration.ofSeconds(1), temp.resolve("work"));
        return Waits.result(runner.start(request.build(), listener), Duration.ofSeconds(10));
    }

    @Test
    void a_dry_run_logs_one_line_and_runs_nothing() throws Exception {
        Blueprint blueprint = new Blueprint(Files.createDirectories(temp.resolve("blueprint")));
        Path marker = temp.resolve("ran");
        blueprint.script("create.sh", "touch '" + marker + "'");

        OperationResult result = run(Requests.script(blueprint.root, "create.sh").dryRun()
                .runtimeProperties(Map.of("ip", "x")));

        assertThat(result).isEqualTo(OperationResult.succeeded(Map.of("ip", "x"), null));
        assertThat(listener.lines()).containsExactly("info: cloudify.interfaces.lifecycle.create (dry run)");
        assertThat(marker).doesNotExist();
    }

    @Test
    void a_dry_run_of_a_failing_builtin_succeeds() throws Exception {
        assertThat(run(Requests.builtin("steward.fail").dryRun()).outcome()).isEqualTo(Outcome.SUCCEEDED);
    }

    @Test
    void a_noop_operation_succeeds_at_once_and_logs_nothing() throws Exception {
        OperationResult result = run(Requests.noop());

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(listener.lines()).isEmpty();
    }

    @Test
    void a_script_run_leaves_nothing_in_the_work_root() throws Exception {
        Blueprint blueprint = new Blueprint(Files.createDirectories(temp.resolve("blueprint")));
        blueprint.script("create.sh", "echo '{}' > \"$STEWARD_RUNTIME_PROPERTIES_OUT\"");

        run(Requests.script(blueprint.root, "create.sh"));

        try (var files = Files.list(temp.resolve("work"))) {
            assertThat(files).isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
