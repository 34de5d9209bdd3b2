package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.ServerProcess;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode: several server processes over one PostgreSQL database. Each execution runs exactly once, whichever
 * node it was submitted to; a node killed with SIGKILL hands its executions to another within the takeover time, and
 * finished tasks do not run again; a node frozen while it holds row locks loses them, so the takeover is not stuck on
 * them; a restarted node loses nothing and starts nothing twice. PostgreSQL only: H2 lives inside one process, so it
 * cannot be shared by two (on H2 the same claiming code runs in one server, in every other API test).
 * {@code -Dsteward.cluster-test.nodes=1} runs the 500-execution case on one node and
 * {@code -Dsteward.cluster-test.rounds=40} runs 2,000 executions, for the benchmark. Longer than 300 lines because
 * the seven scenarios share the node handling and the SQL probes below; split, each part would repeat them.
 */
class PostgresClusterApiTest {
    private static final String BLUEPRINT = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            inputs:
              seconds: {type: integer, default: 0}
            node_templates:
              one:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: steward.noop
                    configure:
                      implementation: steward.sleep
                      inputs: {seconds: {get_input: seconds}}
            """;
    private static final Duration TAKEOVER_AFTER =
            Duration.parse("PT" + System.getProperty("steward.cluster-test.takeover-after", "3s")
                    .toUpperCase(java.util.Locale.ROOT));

    private final List<ServerProcess> nodes = new ArrayList<>();
    private Map<String, Object> database;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.postgres();
    }

    @AfterEach
    void killNodes() {
        nodes.forEach(ServerProcess::close);
    }

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
    void a_node_killed_with_sigkill_hands_its_executions_to_another_node_and_finished_tasks_do_not_run_again()
            throws Exception {
        Map<String, String> settings = Map.of("steward.engine.takeover-after", TAKEOVER_AFTER.toMillis() + "ms");
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
                .anyMatch(PostgresClusterApiTest::alive);
        Await.until("the other node to take the execution over", TAKEOVER_AFTER.plusSeconds(30), () -> column(
                "SELECT owner_node FROM executions WHERE id = '" + id + "'").get(0), other.nodeId()::equals);
        Await.until("the processes left by the killed node to be gone", Duration.ofSeconds(10),
                () -> leftovers.stream().filter(PostgresClusterApiTest::alive).toList(), List::isEmpty);

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

    /** Waits until {@code node} runs executions and each of them has finished its create task. */
    private void awaitRunningPastCreate(String node) {
        Await.until("executions running on " + node + ", each past its create task", Duration.ofSeconds(60),
                () -> count("SELECT COUNT(*) FROM executions e WHERE status = 'started' AND owner_node = '" + node
                        + "' AND NOT EXISTS (SELECT 1 FROM events v WHERE v.execution_id = e.id"
                        + " AND v.event_type = 'task_succeeded')") == 0
                        && count("SELECT COUNT(*) FROM executions WHERE status = 'started'"
                        + " AND owner_node = '" + node + "'") > 0, ready -> ready);
    }

    /** Starts the nodes {@code ids} side by side. */
    private List<ServerProcess> nodes(List<String> ids, Map<String, String> settings) {
        List<ServerProcess> started = ServerProcess.startTogether(ids, database, settings);
        nodes.addAll(started);
        return started;
    }

    private ServerProcess node(String id, Map<String, String> settings) {
        ServerProcess node = ServerProcess.start(id, database, settings);
        nodes.add(node);
        return node;
    }

    private static void deploy(Api admin, int count, int sleepSeconds) {
        var blueprint = admin.send("PUT", "/api/v3.1/blueprints/b", "application/yaml",
                BLUEPRINT.getBytes(StandardCharsets.UTF_8));
        assertThat(blueprint.status()).as(blueprint.body()).isEqualTo(201);
        for (int d = 0; d < count; d++) {
            var deployment = admin.put("/api/v3.1/deployments/d" + d, Map.of("blueprint_id", "b",
                    "inputs", Map.of("seconds", sleepSeconds)));
            assertThat(deployment.status()).as(deployment.body()).isEqualTo(201);
        }
    }

    private static String start(Api api, String deployment) {
        return start(api, deployment, "install", Map.of());
    }

    private static String start(Api api, String deployment, String workflow, Map<String, Object> parameters) {
        var response = api.post("/api/v3.1/executions", Map.of("deployment_id", deployment,
                "workflow_id", workflow, "parameters", parameters, "queue", "true"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return (String) response.json().get("id");
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

    /** Leaves out the upload and create executions recorded (already ended) by the blueprint and deployment. */
    private static final String RUNS_ONLY =
            " AND workflow_id NOT IN ('upload_blueprint', 'create_deployment_environment')";

    private void awaitAllEnded(int expected, Duration timeout) {
        Await.until(expected + " executions to end", timeout, () -> count("SELECT COUNT(*) FROM executions"
                + " WHERE status IN ('terminated', 'failed', 'cancelled')" + RUNS_ONLY), n -> n == expected);
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

    private long count(String sql) {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    private List<String> column(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
        return values;
    }

    private List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private Connection connect() throws SQLException {
        return TestDatabase.connect(database);
    }
}
