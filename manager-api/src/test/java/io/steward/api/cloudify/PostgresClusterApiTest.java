package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.ServerProcess;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode ({@link AbstractPostgresClusterApiTest}): each execution runs exactly once, whichever node it was
 * submitted to; a restarted node loses nothing and starts nothing twice; force-cancel and kill sent to any node stop
 * the execution where it runs. {@code -Dsteward.cluster-test.nodes=1} runs the 500-execution case on one node and
 * {@code -Dsteward.cluster-test.rounds=40} runs 2,000 executions, for the benchmark.
 */
class PostgresClusterApiTest extends AbstractPostgresClusterApiTest {
    @Test
    void five_hundred_executions_submitted_to_either_of_two_nodes_each_run_exactly_once() throws Exception {
        int nodeCount = Integer.getInteger("steward.cluster-test.nodes", 2);
        nodes(java.util.stream.IntStream.range(0, nodeCount).mapToObj(i -> "node-" + i).toList(), Map.of());
        int deployments = 50;
        int perDeployment = Integer.getInteger("steward.cluster-test.rounds", 10);
        deploy(nodes.get(0).admin(), deployments, 0);
        Instant begin = Instant.now();
        List<String> ids = submitAcrossNodes(deployments, perDeployment);
        awaitAllEnded(ids.size(), Duration.ofSeconds(15L * Math.max(10, perDeployment)));
        Duration took = Duration.between(begin, Instant.now());
        System.out.printf("CLUSTER %d node(s): %d executions submitted and ended in %d ms (%.1f/s); executions"
                        + " table %d rows, %d kB with indexes, %d dead row versions; cluster_locks %d kB%n", nodeCount,
                ids.size(), took.toMillis(), ids.size() * 1000.0 / took.toMillis(),
                count("SELECT COUNT(*) FROM executions"), count("SELECT pg_total_relation_size('executions') / 1024"),
                count("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'executions'"),
                count("SELECT pg_total_relation_size('cluster_locks') / 1024"));

        assertThat(count("SELECT COUNT(*) FROM executions WHERE status = 'terminated'" + RUNS_ONLY)).isEqualTo(ids.size());
        assertThat(rows("SELECT execution_id, node_instance_id, operation, COUNT(*) FROM events"
                + " WHERE event_type = 'task_started' GROUP BY execution_id, node_instance_id, operation"
                + " HAVING COUNT(*) <> 1")).as("tasks that ran more than once").isEmpty();
        assertThat(count("SELECT COUNT(DISTINCT execution_id) FROM events WHERE event_type = 'task_succeeded'"))
                .as("executions whose operation ran").isEqualTo(ids.size());
        assertThat(count("SELECT COUNT(*) FROM execution_transitions WHERE to_status = 'started'"
                + " AND execution_id IN (SELECT id FROM executions WHERE TRUE" + RUNS_ONLY + ")"))
                .as("claims").isEqualTo(ids.size());
        assertThat(count("SELECT COUNT(DISTINCT owner_node) FROM executions")).as("nodes that ran executions")
                .isEqualTo(nodeCount);
        assertThat(maxConcurrentlyRunning(null)).as("running at once across the cluster").isLessThanOrEqualTo(20);
        for (int d = 0; d < deployments; d++) {
            assertThat(maxConcurrentlyRunning("d" + d)).as("running at once on deployment d" + d).isEqualTo(1);
        }
    }

    @Test
    void force_cancel_and_kill_sent_to_any_node_stop_the_execution_on_the_node_that_runs_it() throws Exception {
        List<ServerProcess> pair = nodes(List.of("first", "second"), Map.of());
        ServerProcess first = pair.get(0);
        ServerProcess second = pair.get(1);
        deploy(first.admin(), 2, 120);
        String forced = start(first.admin(), "d0");
        String killed = start(first.admin(), "d1");
        Await.until("both executions past their create task", Duration.ofSeconds(60), () -> count(
                "SELECT COUNT(DISTINCT execution_id) FROM events WHERE event_type = 'task_succeeded'"), n -> n == 2);
        for (String[] stop : List.of(new String[]{forced, "force-cancel"}, new String[]{killed, "kill"})) {
            String owner = column("SELECT owner_node FROM executions WHERE id = '" + stop[0] + "'").get(0);
            ServerProcess elsewhere = owner.equals(first.nodeId()) ? second : first;
            Instant asked = Instant.now();
            var response = elsewhere.admin().post("/api/v3.1/executions/" + stop[0], Map.of("action", stop[1]));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            Await.until(stop[1] + " of " + stop[0] + " to end it", Duration.ofSeconds(20), () -> column(
                    "SELECT status FROM executions WHERE id = '" + stop[0] + "'").get(0), "cancelled"::equals);
            System.out.printf("CLUSTER %s sent to %s, execution running on %s: cancelled after %d ms%n", stop[1],
                    elsewhere.nodeId(), owner, Duration.between(asked, Instant.now()).toMillis());
        }
    }

    @Test
    void a_restarted_node_loses_no_execution_and_starts_none_twice() throws Exception {
        // A takeover time far beyond the test's waits: the restarted node resumes its own executions at once.
        Map<String, String> settings = Map.of("steward.engine.takeover-after", "10m",
                "steward.engine.max-running-executions", "4");
        ServerProcess first = node("solo", settings);
        deploy(first.admin(), 12, 2);
        for (int d = 0; d < 12; d++) {
            start(first.admin(), "d" + d);
        }
        Await.until("four executions running, each past its create task", Duration.ofSeconds(60),
                () -> count("SELECT COUNT(*) FROM events WHERE event_type = 'task_succeeded'"), n -> n >= 4);
        first.stop();
        List<String> interrupted = column("SELECT id FROM executions WHERE status = 'started'");
        List<String> waiting = column("SELECT id FROM executions WHERE status IN ('queued', 'pending')");
        assertThat(interrupted).as("running at the stop").isNotEmpty();
        assertThat(waiting).as("still waiting at the stop").isNotEmpty();

        node("solo", settings);
        awaitAllEnded(12, Duration.ofSeconds(120));
        assertThat(count("SELECT COUNT(*) FROM executions WHERE status = 'terminated'" + RUNS_ONLY)).isEqualTo(12);
        assertThat(rows("SELECT execution_id, COUNT(*) FROM events WHERE event_type = 'task_started'"
                + " AND operation LIKE '%create' GROUP BY execution_id HAVING COUNT(*) <> 1"))
                .as("executions whose create ran more than once").isEmpty();
        assertThat(rows("SELECT execution_id, COUNT(*) FROM events WHERE event_type = 'workflow_succeeded'"
                + " GROUP BY execution_id HAVING COUNT(*) <> 1")).as("executions that did not succeed once").isEmpty();
        for (String id : waiting) {
            assertThat(count("SELECT COUNT(*) FROM execution_transitions WHERE execution_id = '" + id
                    + "' AND to_status = 'started'")).as("claims of " + id).isEqualTo(1);
        }
        for (String id : interrupted) {
            assertThat(count("SELECT COUNT(*) FROM execution_transitions WHERE execution_id = '" + id
                    + "' AND to_status = 'started'")).as("claims of " + id + ": once before, once after").isEqualTo(2);
        }
        assertThat(maxConcurrentlyRunning(null)).as("running at once").isLessThanOrEqualTo(4);
    }

    /** Submits {@code perDeployment} executions to each deployment from eight clients, spread over the nodes. */
    private List<String> submitAcrossNodes(int deployments, int perDeployment) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> submitted = new ArrayList<>();
            for (int round = 0; round < perDeployment; round++) {
                for (int d = 0; d < deployments; d++) {
                    Api api = nodes.get((round * deployments + d) % nodes.size()).admin();
                    String deployment = "d" + d;
                    submitted.add(clients.submit(() -> start(api, deployment, "execute_operation",
                            Map.of("operation", "cloudify.interfaces.lifecycle.create"))));
                }
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> id : submitted) {
                ids.add(id.get());
            }
            return ids;
        } finally {
            clients.shutdownNow();
        }
    }
    /**
     * The most executions that ran at the same moment, from their {@code started_at}/{@code ended_at} (of one
     * deployment, or of all when {@code deployment} is null). An execution taken over counts from its last claim.
     */
    private long maxConcurrentlyRunning(String deployment) throws SQLException {
        List<long[]> moments = new ArrayList<>();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT started_at, ended_at FROM executions" + (deployment == null ? ""
                        : " WHERE deployment_id = '" + deployment + "'"))) {
            while (rs.next()) {
                moments.add(new long[]{micros(rs.getTimestamp(1)), +1});
                moments.add(new long[]{micros(rs.getTimestamp(2)), -1});
            }
        }
        // At the same instant an end comes before a start: a slot freed and reused is not an overlap.
        moments.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long running = 0;
        long most = 0;
        for (long[] moment : moments) {
            running += moment[1];
            most = Math.max(most, running);
        }
        return most;
    }

    private static long micros(Timestamp t) {
        return t.getTime() * 1000 + (t.getNanos() / 1000) % 1000;
    }
}
