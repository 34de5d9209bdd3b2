package io.steward.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.engine.operation.OperationResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kill and terminate reach the script's whole process tree, and no process outlives a kill. */
class ScriptKillTest {

    private static final Duration MAX = Duration.ofSeconds(15);
    /** Orphaned zombies are reaped by init, which may take a moment; until then the JDK calls them alive. */
    private static final Duration REAPED = Duration.ofSeconds(15);

    @TempDir
    Path temp;

    private Blueprint blueprint;
    private Path pidFile;
    private OperationRunner runner;
    private final RecordingListener listener = new RecordingListener();
    private final Set<Long> everSeen = new LinkedHashSet<>();

    @BeforeEach
    void setUp() throws IOException {
        blueprint = new Blueprint(Files.createDirectories(temp.resolve("blueprint")));
        pidFile = temp.resolve("pids");
        runner = new OperationRunner(new TestJson(), Duration.ofSeconds(1), temp.resolve("work"));
    }

    /** Whatever a test asserts, it must not leave sleeping processes behind on the build machine. */
    @AfterEach
    void killLeftovers() {
        everSeen.addAll(Waits.pidsIn(pidFile));
        everSeen.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private RunningOperation start(String script) {
        return runner.start(Requests.script(blueprint.root, script).input("PIDS", pidFile.toString()).build(),
                listener);
    }

    private void awaitLogged(String line) {
        Waits.until(() -> listener.logged(line), MAX, () -> "the script to log '" + line + "'; it logged "
                + listener.lines());
    }

    @Test
    void kill_reaps_the_whole_tree_including_a_grandchild_that_left_the_session() throws Exception {
        blueprint.script("tree.sh",
                "sleep 300 &",
                "echo $! >> \"$PIDS\"",
                "( sleep 300 & echo $! >> \"$PIDS\"; wait ) &",
                "echo $! >> \"$PIDS\"",
                "( setsid sleep 300 & echo $! >> \"$PIDS\"; wait ) &",
                "echo $! >> \"$PIDS\"",
                "echo started",
                "wait");
        RunningOperation operation = start("tree.sh");
        awaitLogged("info: started");
        Waits.until(() -> Waits.pidsIn(pidFile).size() == 5, MAX, () -> "5 pids in " + pidFile);
        List<Long> children = Waits.pidsIn(pidFile);
        everSeen.addAll(children);
        assertThat(Waits.alive(children)).as("all children running before the kill").hasSize(5);
        // setsid(2) runs in the forked child a moment after its pid is written: wait for it rather than race it.
        Waits.until(() -> children.stream().anyMatch(pid -> ProcessHandle.of(pid).isPresent()
                && sessionOf(pid) == pid), MAX, () -> "one grandchild to leave the script's session");

        long killed = System.nanoTime();
        operation.kill(Duration.ofSeconds(1));
        long returned = System.nanoTime();
        everSeen.addAll(operation.pids());
        Waits.untilAllGone(everSeen, REAPED);
        long allGone = System.nanoTime();

        System.out.printf("kill() returned after %d ms; every pid of the tree (%d) gone for the JDK after %d ms%n",
                (returned - killed) / 1_000_000, everSeen.size(), (allGone - killed) / 1_000_000);
        assertThat(operation.pids()).containsAll(children);
        OperationResult result = Waits.result(operation, MAX);
        assertThat(result.outcome()).isEqualTo(Outcome.TERMINATED);
        assertThat(result.error()).isEqualTo(
                "Script tree.sh was killed (SIGTERM to its process tree, SIGKILL after 1 s)");
    }

    @Test
    void a_script_that_ignores_sigterm_is_sigkilled_after_the_grace_period() throws Exception {
        blueprint.script("stubborn.sh",
                "trap '' TERM",
                "sleep 300 &",
                "echo $! >> \"$PIDS\"",
                "echo started",
                "wait");
        RunningOperation operation = start("stubborn.sh");
        awaitLogged("info: started");

        long killed = System.nanoTime();
        operation.kill(Duration.ofMillis(700));
        long tookMillis = (System.nanoTime() - killed) / 1_000_000;
        everSeen.addAll(operation.pids());
        everSeen.addAll(Waits.pidsIn(pidFile));

        assertThat(tookMillis).as("kill waited out the grace before SIGKILL").isGreaterThanOrEqualTo(700);
        Waits.untilAllGone(everSeen, REAPED);
        OperationResult result = Waits.result(operation, MAX);
        assertThat(result.outcome()).isEqualTo(Outcome.TERMINATED);
        assertThat(result.error()).contains("was killed");
    }

    @Test
    void terminate_sends_sigterm_and_the_result_is_terminated() throws Exception {
        blueprint.script("long.sh",
                "trap 'echo got TERM; exit 1' TERM",
                "sleep 300 &",
                "echo $! >> \"$PIDS\"",
                "echo started",
                "wait");
        RunningOperation operation = start("long.sh");
        awaitLogged("info: started");
        // A child signalled between fork and exec runs the shell's trap instead, and the signal is lost: wait for exec.
        long child = Waits.pidsIn(pidFile).get(0);
        Waits.until(() -> Waits.describe(child).contains("(sleep)"), MAX, () -> "the child to become sleep");

        operation.terminate();

        OperationResult result = Waits.result(operation, MAX);
        everSeen.addAll(operation.pids());
        everSeen.addAll(Waits.pidsIn(pidFile));
        assertThat(result.outcome()).isEqualTo(Outcome.TERMINATED);
        assertThat(result.error()).isEqualTo("Script long.sh was terminated (SIGTERM to its process tree)");
        assertThat(listener.lines()).contains("info: got TERM");
        Waits.untilAllGone(everSeen, REAPED);
    }

    @Test
    void kill_after_the_script_exited_reaps_the_background_child_it_left() throws Exception {
        blueprint.script("leave.sh",
                "sleep 300 &",
                "echo $! >> \"$PIDS\"",
                "exit 0");
        RunningOperation operation = start("leave.sh");
        OperationResult result = Waits.result(operation, MAX);
        List<Long> leftover = Waits.pidsIn(pidFile);
        everSeen.addAll(leftover);
        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(Waits.alive(leftover)).as("the background child outlived the script").hasSize(1);
        assertThat(listener.lines()).anyMatch(l -> l.startsWith("warning: Script leave.sh exited but left processes"));

        operation.kill(Duration.ofSeconds(1));

        Waits.untilAllGone(leftover, REAPED);
        assertThat(operation.await()).as("the result does not change").isSameAs(result);
    }

    @Test
    void a_timeout_kills_the_script_and_the_result_says_so() throws Exception {
        blueprint.script("slow.sh", "sleep 300 &", "echo $! >> \"$PIDS\"", "wait");

        RunningOperation operation = runner.start(Requests.script(blueprint.root, "slow.sh")
                .input("PIDS", pidFile.toString()).timeout(Duration.ofMillis(500)).build(), listener);

        OperationResult result = Waits.result(operation, MAX);
        everSeen.addAll(operation.pids());
        assertThat(result.outcome()).isEqualTo(Outcome.TERMINATED);
        assertThat(result.error()).isEqualTo("Script slow.sh timed out after 500 ms and was killed");
        Waits.untilAllGone(Waits.pidsIn(pidFile), REAPED);
    }

    @Test
    void terminate_and_kill_after_the_end_change_nothing() throws Exception {
        blueprint.script("quick.sh", "echo done");
        RunningOperation operation = start("quick.sh");
        OperationResult result = Waits.result(operation, MAX);

        operation.terminate();
        operation.kill(Duration.ofSeconds(1));

        assertThat(operation.await()).isSameAs(result);
        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    }

    private static long sessionOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
        } catch (IOException e) {
            return -1;
        }
    }
}
