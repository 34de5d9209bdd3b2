package io.steward.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.engine.operation.OperationResult.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Terminate, kill and the timeout stop steward.command's whole process tree, as they do a script's. */
class CommandKillTest {

    private static final Duration MAX = Duration.ofSeconds(15);
    /** Orphaned zombies are reaped by init, which may take a moment; until then the JDK calls them alive. */
    private static final Duration REAPED = Duration.ofSeconds(15);

    @TempDir
    Path temp;

    private Path pidFile;
    private OperationRunner runner;
    private final RecordingListener listener = new RecordingListener();
    private final Set<Long> everSeen = new LinkedHashSet<>();

    @BeforeEach
    void setUp() {
        pidFile = temp.resolve("pids");
        runner = new OperationRunner(new TestJson(), Duration.ofSeconds(1), temp.resolve("work"));
    }

    /** Whatever a test asserts, it must not leave sleeping processes behind on the build machine. */
    @AfterEach
    void killLeftovers() {
        everSeen.addAll(Waits.pidsIn(pidFile));
        everSeen.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** Two background sleeps, their pids written down, then waits for them. */
    private RunningOperation startTree(Duration timeout) {
        return runner.start(Requests.builtin("steward.command")
                .input("command", "sleep 300 & echo $! >> \"$PIDS\"; sleep 300 & echo $! >> \"$PIDS\"; "
                        + "echo started; wait")
                .input("env", Map.of("PIDS", pidFile.toString()))
                .timeout(timeout).build(), listener);
    }

    private List<Long> awaitChildren() {
        Waits.until(() -> listener.logged("info: started"), MAX, () -> "the command to start; it logged "
                + listener.lines());
        List<Long> children = Waits.pidsIn(pidFile);
        everSeen.addAll(children);
        // A child signalled between fork and exec would run the shell's handlers instead: wait for exec.
        Waits.until(() -> children.stream().allMatch(pid -> Waits.describe(pid).contains("(sleep)")), MAX,
                () -> "both children to become sleep");
        return children;
    }

    @Test
    void kill_reaps_every_process_of_the_tree() throws Exception {
        RunningOperation operation = startTree(Duration.ZERO);
        List<Long> children = awaitChildren();
        assertThat(Waits.alive(children)).hasSize(2);

        operation.kill(Duration.ofSeconds(1));
        everSeen.addAll(operation.pids());

        assertThat(operation.pids()).containsAll(children);
        Waits.untilAllGone(everSeen, REAPED);
        assertThat(everSeen).allMatch(pid -> !Files.exists(Path.of("/proc", Long.toString(pid))) || Waits.gone(pid));
        OperationResult result = Waits.result(operation, MAX);
        assertThat(result.outcome()).isEqualTo(Outcome.TERMINATED);
        assertThat(result.error()).isEqualTo(
                "steward.command was killed (SIGTERM to its process tree, SIGKILL after 1 s)");
    }

    @Test
    void terminate_ends_the_tree_and_the_result_is_terminated() throws Exception {
        RunningOperation operation = startTree(Duration.ZERO);
        awaitChildren();

        operation.terminate();

        OperationResult result = Waits.result(operation, MAX);
        everSeen.addAll(operation.pids());
        assertThat(result.outcome()).isEqualTo(Outcome.TERMINATED);
        assertThat(result.error()).isEqualTo("steward.command was terminated (SIGTERM to its process tree)");
        Waits.untilAllGone(everSeen, REAPED);
    }

    @Test
    void a_timeout_kills_the_tree_and_the_result_says_so() throws Exception {
        RunningOperation operation = startTree(Duration.ofMillis(800));

        OperationResult result = Waits.result(operation, MAX);
        everSeen.addAll(operation.pids());
        everSeen.addAll(Waits.pidsIn(pidFile));
        assertThat(result.outcome()).isEqualTo(Outcome.TERMINATED);
        assertThat(result.error()).isEqualTo("steward.command timed out after 800 ms and was killed");
        Waits.untilAllGone(everSeen, REAPED);
    }
}
