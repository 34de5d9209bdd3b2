package io.steward.api.cloudify;

import io.steward.api.support.Await;
import io.steward.api.support.ServerProcess;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster takeover ({@link AbstractPostgresClusterApiTest}): a node killed with SIGKILL hands its executions to
 * another within the takeover time, finished tasks do not run again, and the processes it left on the host are
 * killed; a node frozen past the takeover time, or frozen while it holds row locks, loses its executions to the
 * other node and notices when it thaws.
 */
class PostgresClusterTakeoverApiTest extends AbstractPostgresClusterApiTest {
    @Test
    void a_node_killed_with_sigkill_hands_its_executions_to_another_node_and_finished_tasks_do_not_run_again()
            throws Exception {
        // A cap and task threads above the 30 executions: the survivor runs every one it takes over at once, not in
        // two rounds of the sleeping task.
        Map<String, String> settings = Map.of("steward.engine.takeover-after", TAKEOVER_AFTER.toMillis() + "ms",
                "steward.engine.max-running-executions", "40", "steward.engine.task-threads", "32");
        List<ServerProcess> pair = nodes(List.of("victim", "survivor"), settings);
        ServerProcess victim = pair.get(0);
        ServerProcess survivor = pair.get(1);
        deploy(victim.admin(), 30, 4);
        for (int d = 0; d < 30; d++) {
            start(victim.admin(), "d" + d);
        }
        awaitRunningPastCreate("victim");
        victim.kill();
        Instant killedAt = Instant.now();
        List<String> orphaned = column("SELECT id FROM executions WHERE status = 'started' AND owner_node = 'victim'");
        assertThat(orphaned).isNotEmpty();

        String orphans = "('" + String.join("', '", orphaned) + "')";
        Await.until("the survivor to claim every execution the victim ran", TAKEOVER_AFTER.plusSeconds(30),
                () -> count("SELECT COUNT(*) FROM executions WHERE id IN " + orphans + " AND owner_node = 'victim'"),
                left -> left == 0);
        Duration takeover = Duration.between(killedAt, Instant.now());
        System.out.printf("CLUSTER takeover after kill -9: %d executions taken over in %d ms"
                + " (takeover-after %d ms)%n", orphaned.size(), takeover.toMillis(), TAKEOVER_AFTER.toMillis());
        assertThat(takeover).isLessThan(TAKEOVER_AFTER.plusSeconds(5));

        awaitAllEnded(30, Duration.ofSeconds(120));
        assertThat(count("SELECT COUNT(*) FROM executions WHERE status = 'terminated'" + RUNS_ONLY)).isEqualTo(30);
        for (String id : orphaned) {
            assertThat(count("SELECT COUNT(*) FROM events WHERE execution_id = '" + id + "' AND event_type ="
                    + " 'task_started' AND operation LIKE '%create'")).as("create of " + id + " ran once").isEqualTo(1);
            assertThat(column("SELECT owner_node FROM executions WHERE id = '" + id + "'"))
                    .containsExactly(survivor.nodeId());
        }
    }

    @Test
    void the_node_that_takes_over_on_the_same_host_kills_the_processes_a_killed_node_left_running() {
        Map<String, String> settings = Map.of("steward.engine.takeover-after", TAKEOVER_AFTER.toMillis() + "ms");
        List<ServerProcess> pair = nodes(List.of("first", "second"), settings);
        ServerProcess first = pair.get(0);
        ServerProcess second = pair.get(1);
        ExecutionFixture f = ExecutionFixture.deploy(first.admin(), "sleepy", Map.of());
        String id = f.start("sleepy", Map.of());
        Await.until("the script and its children to run", ExecutionFixture.WAIT, () -> f.lines("pids"),
                pids -> pids.size() == 4);
        Await.until("the running node to record the script's session", ExecutionFixture.WAIT,
                () -> count("SELECT COUNT(*) FROM operation_sessions"), n -> n == 1);
        List<Long> leftovers = f.lines("pids").stream().map(Long::parseLong).toList();
        String owner = column("SELECT owner_node FROM executions WHERE id = '" + id + "'").get(0);
        ServerProcess killed = owner.equals(first.nodeId()) ? first : second;
        ServerProcess other = killed == first ? second : first;

        killed.kill();
        assertThat(leftovers).as("a SIGKILL of the server leaves its operation's processes running")
                .anyMatch(PostgresClusterTakeoverApiTest::alive);
        Await.until("the other node to take the execution over", TAKEOVER_AFTER.plusSeconds(30), () -> column(
                "SELECT owner_node FROM executions WHERE id = '" + id + "'").get(0), other.nodeId()::equals);
        Await.until("the processes left by the killed node to be gone", Duration.ofSeconds(10),
                () -> leftovers.stream().filter(PostgresClusterTakeoverApiTest::alive).toList(), List::isEmpty);

        var kill = other.admin().post("/api/v3.1/executions/" + id, Map.of("action", "kill"));
        assertThat(kill.status()).as(kill.body()).isEqualTo(200);
        f.on(other.admin()).awaitStatus(id, "cancelled");
    }

    /** Whether {@code pid} runs: exists and is no zombie (a killed orphan may wait a while for init to reap it). */
    private static boolean alive(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", String.valueOf(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    @Test
    void a_node_frozen_past_the_takeover_time_leaves_its_executions_to_the_node_that_took_them_over()
            throws Exception {
        ServerProcess frozen = nodeRunningFourExecutionsBesideAnother("frozen");
        List<String> orphaned = column("SELECT id FROM executions WHERE status = 'started' AND owner_node = 'frozen'");
        frozen.freeze();
        awaitTakenOverByTheOtherAndEndedOnce(frozen, orphaned);
    }

    @Test
    void a_node_frozen_inside_a_transaction_loses_its_row_locks_so_another_node_takes_its_executions_over()
            throws Exception {
        ServerProcess stalled = nodeRunningFourExecutionsBesideAnother("stalled");
        List<String> orphaned = column("SELECT id FROM executions WHERE status = 'started' AND owner_node = 'stalled'");
        String ofStalled = "FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'steward stalled'";
        // Freeze the node at the moment it holds a row lock: the test locks one of its executions, the node's next
        // heartbeat waits on that row, the node is frozen, and the test lets go. The node's session then holds the
        // heartbeat's locks, idle in its transaction, waiting for a commit the frozen process cannot send.
        try (Connection blocker = connect()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("SELECT id FROM executions WHERE id = '" + orphaned.get(0)
                    + "' FOR UPDATE");
            Await.until("the stalled node to wait on the locked execution", Duration.ofSeconds(10),
                    () -> count("SELECT COUNT(*) " + ofStalled + " AND wait_event_type = 'Lock'"), n -> n > 0);
            stalled.freeze();
            blocker.commit();
        }
        Await.until("the frozen node's session to hold its locks, idle in a transaction", Duration.ofSeconds(5),
                () -> count("SELECT COUNT(*) " + ofStalled + " AND state = 'idle in transaction'"), n -> n > 0);
        awaitTakenOverByTheOtherAndEndedOnce(stalled, orphaned);
    }

    /** Starts node {@code id} and node "other", then four executions on {@code id}, each run past its create task. */
    private ServerProcess nodeRunningFourExecutionsBesideAnother(String id) {
        Map<String, String> settings = Map.of("steward.engine.takeover-after", TAKEOVER_AFTER.toMillis() + "ms");
        ServerProcess node = nodes(List.of(id, "other"), settings).get(0);
        deploy(node.admin(), 4, 5);
        for (int d = 0; d < 4; d++) {
            start(node.admin(), "d" + d);
        }
        awaitRunningPastCreate(id);
        return node;
    }

    /**
     * Node "other" claims every one of {@code orphaned} while {@code frozen} is frozen; once it is thawed, each
     * execution ends once, on "other", and {@code frozen} notices it lost them.
     */
    private void awaitTakenOverByTheOtherAndEndedOnce(ServerProcess frozen, List<String> orphaned) throws Exception {
        String orphans = "('" + String.join("', '", orphaned) + "')";
        Await.until("the other node to claim what the frozen one ran", TAKEOVER_AFTER.plusSeconds(30),
                () -> count("SELECT COUNT(*) FROM executions WHERE id IN " + orphans + " AND owner_node = '"
                        + frozen.nodeId() + "'"), left -> left == 0);
        frozen.unfreeze();

        awaitAllEnded(4, Duration.ofSeconds(60));
        assertThat(count("SELECT COUNT(*) FROM executions WHERE status = 'terminated'" + RUNS_ONLY)).isEqualTo(4);
        assertThat(rows("SELECT execution_id, COUNT(*) FROM events WHERE event_type = 'workflow_succeeded'"
                + " GROUP BY execution_id HAVING COUNT(*) <> 1")).as("executions that did not end once").isEmpty();
        assertThat(column("SELECT DISTINCT owner_node FROM executions WHERE id IN " + orphans))
                .containsExactly("other");
        Await.until("the frozen node to notice it lost its executions", Duration.ofSeconds(10),
                () -> frozen.logged("was taken over by another server"), noticed -> noticed);
    }
}
