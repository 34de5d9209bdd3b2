package io.steward.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.engine.operation.OperationResult.Outcome;
import java.nio.file.Path;
import io.steward.engine.blueprint.OperationKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinOperationTest {

    private static final Duration MAX = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private final RecordingListener listener = new RecordingListener();

    private RunningOperation start(Requests request) {
        return new OperationRunner(new TestJson(), Duration.ofSeconds(1), temp).start(request.build(), listener);
    }

    private OperationResult run(Requests request) throws InterruptedException {
        return Waits.result(start(request), MAX);
    }

    @Test
    void an_instant_built_in_has_ended_when_start_returns_and_logs_on_the_callers_thread() {
        List<String> loggedOn = new CopyOnWriteArrayList<>();
        RunningOperation operation = new OperationRunner(new TestJson(), Duration.ofSeconds(1), temp).start(
                Requests.builtin("steward.log").input("message", "now").build(),
                (level, message) -> loggedOn.add(Thread.currentThread().getName() + " " + message));

        assertThat(((AbstractRunningOperation) operation).result.isDone()).isTrue();
        assertThat(loggedOn).containsExactly(Thread.currentThread().getName() + " now");
    }

    @Test
    void a_built_in_that_waits_runs_on_a_thread_of_its_own() throws Exception {
        RunningOperation operation = start(Requests.builtin("steward.sleep").input("seconds", 1));

        assertThat(((AbstractRunningOperation) operation).result.isDone()).isFalse();
        assertThat(Waits.result(operation, MAX).outcome()).isEqualTo(Outcome.SUCCEEDED);
    }

    @Test
    void only_operations_that_never_wait_finish_at_once() {
        for (String instant : List.of("steward.noop", "steward.log", "steward.fail", "steward.digest")) {
            assertThat(OperationRunner.finishesAtOnce(OperationKind.BUILTIN, instant, false)).as(instant).isTrue();
        }
        for (String waits : List.of("steward.sleep", "steward.echo", "steward.http", "steward.command",
                "steward.docker")) {
            assertThat(OperationRunner.finishesAtOnce(OperationKind.BUILTIN, waits, false)).as(waits).isFalse();
        }
        assertThat(OperationRunner.finishesAtOnce(OperationKind.SCRIPT, "scripts/create.sh", false)).isFalse();
        assertThat(OperationRunner.finishesAtOnce(OperationKind.SCRIPT, "scripts/create.sh", true)).isTrue();
        assertThat(OperationRunner.finishesAtOnce(OperationKind.NOOP, "", false)).isTrue();
    }

    @Test
    void noop_succeeds_and_keeps_the_runtime_properties() throws Exception {
        OperationResult result = run(Requests.builtin("steward.noop").runtimeProperties(Map.of("ip", "10.0.0.1")));

        assertThat(result).isEqualTo(OperationResult.succeeded(Map.of("ip", "10.0.0.1"), null));
    }

    @Test
    void log_reports_the_message_at_the_given_level() throws Exception {
        run(Requests.builtin("steward.log").input("message", "hello"));
        run(Requests.builtin("steward.log").input("message", "careful").input("level", "warning"));

        assertThat(listener.lines()).containsExactly("info: hello", "warning: careful");
    }

    @Test
    void log_with_an_unknown_level_fails_naming_the_input() throws Exception {
        OperationResult result = run(Requests.builtin("steward.log").input("message", "x").input("level", "loud"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo(
                "steward.log: input 'level' must be one of info, warning, error, not 'loud'");
    }

    @Test
    void sleep_accepts_a_numeric_string_and_succeeds() throws Exception {
        assertThat(run(Requests.builtin("steward.sleep").input("seconds", "0.05")).outcome())
                .isEqualTo(Outcome.SUCCEEDED);
    }

    @Test
    void sleep_ends_at_once_as_terminated_when_terminated() throws Exception {
        RunningOperation operation = start(Requests.builtin("steward.sleep").input("seconds", 300));

        operation.terminate();

        OperationResult result = Waits.result(operation, MAX);
        assertThat(result.outcome()).isEqualTo(Outcome.TERMINATED);
        assertThat(result.error()).isEqualTo("steward.sleep was terminated");
    }

    @Test
    void sleep_returns_from_kill_as_terminated() throws Exception {
        RunningOperation operation = start(Requests.builtin("steward.sleep").input("seconds", 300));

        operation.kill(Duration.ofSeconds(1));

        assertThat(operation.await(Duration.ZERO)).as("kill returned only once the built-in had ended")
                .hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(Outcome.TERMINATED));
    }

    @Test
    void sleep_past_the_timeout_is_terminated() throws Exception {
        OperationResult result = run(Requests.builtin("steward.sleep").input("seconds", 300)
                .timeout(Duration.ofMillis(200)));

        assertThat(result.outcome()).isEqualTo(Outcome.TERMINATED);
        assertThat(result.error()).isEqualTo("steward.sleep timed out after 200 ms");
    }

    @Test
    void sleep_without_a_number_fails() throws Exception {
        OperationResult result = run(Requests.builtin("steward.sleep").input("seconds", "soon"));

        assertThat(result.error()).isEqualTo("steward.sleep: input 'seconds' must be a number, not 'soon'");
    }

    @Test
    void fail_fails_with_the_given_message() throws Exception {
        OperationResult result = run(Requests.builtin("steward.fail").input("message", "disk full"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo("disk full");
    }

    @Test
    void an_unknown_builtin_fails_naming_the_known_ones() throws Exception {
        OperationResult result = run(Requests.builtin("steward.reboot"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo("Unknown built-in operation 'steward.reboot'; the built-ins are "
                + "steward.command, steward.digest, steward.docker, steward.echo, steward.fail, steward.http, "
                + "steward.log, steward.noop, steward.sleep");
    }

    @Test
    void echo_returns_its_values_after_the_pause() throws Exception {
        OperationResult result = run(Requests.builtin("steward.echo").input("values", Map.of("a", "x", "b", 2))
                .input("pause", 0.01));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.output()).isEqualTo(Map.of("a", "x", "b", 2));
    }

    @Test
    void echo_stops_at_once_when_killed_during_its_pause() throws Exception {
        RunningOperation running = start(Requests.builtin("steward.echo").input("values", Map.of())
                .input("pause", 300));
        long t0 = System.nanoTime();
        running.kill(Duration.ofSeconds(1));

        assertThat(Waits.result(running, MAX).outcome()).isEqualTo(Outcome.TERMINATED);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void digest_is_the_sha256_of_the_text_in_hex() throws Exception {
        assertThat(run(Requests.builtin("steward.digest").input("text", "abc")).output())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
