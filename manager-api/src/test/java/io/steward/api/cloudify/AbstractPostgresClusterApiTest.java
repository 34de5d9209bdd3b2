package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.ServerProcess;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode: several server processes over one PostgreSQL database. The two test classes share the nodes' handling
 * and the SQL probes here: {@link PostgresClusterApiTest} (each execution runs exactly once, a restart loses nothing,
 * stops reach the node that runs an execution) and {@link PostgresClusterTakeoverApiTest} (a node killed or frozen
 * hands its executions to another). Two classes, so that two test JVMs can run them side by side. PostgreSQL only:
 * H2 lives inside one process, so it cannot be shared by two (on H2 the same claiming code runs in one server, in
 * every other API test).
 */
abstract class AbstractPostgresClusterApiTest {
    static final String BLUEPRINT = """
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
    static final Duration TAKEOVER_AFTER =
            Duration.parse("PT" + System.getProperty("steward.cluster-test.takeover-after", "3s")
                    .toUpperCase(java.util.Locale.ROOT));

    final List<ServerProcess> nodes = new ArrayList<>();
    Map<String, Object> database;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.postgres();
    }

    @AfterEach
    void killNodes() {
        nodes.forEach(ServerProcess::close);
    }

    /** Waits until {@code node} runs executions and each of them has finished its create task. */
    void awaitRunningPastCreate(String node) {
        Await.until("executions running on " + node + ", each past its create task", Duration.ofSeconds(60),
                () -> count("SELECT COUNT(*) FROM executions e WHERE status = 'started' AND owner_node = '" + node
                        + "' AND NOT EXISTS (SELECT 1 FROM events v WHERE v.execution_id = e.id"
                        + " AND v.event_type = 'task_succeeded')") == 0
                        && count("SELECT COUNT(*) FROM executions WHERE status = 'started'"
                        + " AND owner_node = '" + node + "'") > 0, ready -> ready);
    }

    /** Starts the nodes {@code ids} side by side. */
    List<ServerProcess> nodes(List<String> ids, Map<String, String> settings) {
        List<ServerProcess> started = ServerProcess.startTogether(ids, database, settings);
        nodes.addAll(started);
        return started;
    }

    ServerProcess node(String id, Map<String, String> settings) {
        ServerProcess node = ServerProcess.start(id, database, settings);
        nodes.add(node);
        return node;
    }

    static void deploy(Api admin, int count, int sleepSeconds) {
        var blueprint = admin.send("PUT", "/api/v3.1/blueprints/b", "application/yaml",
                BLUEPRINT.getBytes(StandardCharsets.UTF_8));
        assertThat(blueprint.status()).as(blueprint.body()).isEqualTo(201);
        for (int d = 0; d < count; d++) {
            var deployment = admin.put("/api/v3.1/deployments/d" + d, Map.of("blueprint_id", "b",
                    "inputs", Map.of("seconds", sleepSeconds)));
            assertThat(deployment.status()).as(deployment.body()).isEqualTo(201);
        }
    }

    static String start(Api api, String deployment) {
        return start(api, deployment, "install", Map.of());
    }

    static String start(Api api, String deployment, String workflow, Map<String, Object> parameters) {
        var response = api.post("/api/v3.1/executions", Map.of("deployment_id", deployment,
                "workflow_id", workflow, "parameters", parameters, "queue", "true"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    /** Leaves out the upload and create executions recorded (already ended) by the blueprint and deployment. */
    static final String RUNS_ONLY =
            " AND workflow_id NOT IN ('upload_blueprint', 'create_deployment_environment')";

    void awaitAllEnded(int expected, Duration timeout) {
        Await.until(expected + " executions to end", timeout, () -> count("SELECT COUNT(*) FROM executions"
                + " WHERE status IN ('terminated', 'failed', 'cancelled')" + RUNS_ONLY), n -> n == expected);
    }

    long count(String sql) {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    List<String> column(String sql) {
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

    List<Map<String, Object>> rows(String sql) throws SQLException {
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

    Connection connect() throws SQLException {
        return TestDatabase.connect(database);
    }
}
