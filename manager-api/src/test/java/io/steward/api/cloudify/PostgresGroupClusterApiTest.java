package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.ServerProcess;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An execution group's {@code concurrency} across two server processes over one PostgreSQL database: either server
 * may claim a member, yet no more than {@code concurrency} of them ever run at once.
 */
class PostgresGroupClusterApiTest {
    private static final String BLUEPRINT = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            node_templates:
              one:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: steward.sleep
                      inputs: {seconds: 1}
            """;

    private final List<ServerProcess> nodes = new ArrayList<>();
    private final Map<String, Object> database = TestDatabase.postgres();

    @AfterEach
    void killNodes() {
        nodes.forEach(ServerProcess::close);
    }

    @Test
    void eight_installs_with_concurrency_two_over_two_servers_never_run_more_than_two_at_once() throws Exception {
        nodes.addAll(ServerProcess.startTogether(List.of("group-a", "group-b"), database, Map.of()));
        Api a = nodes.get(0).admin();
        Api b = nodes.get(1).admin();
        assertThat(a.send("PUT", "/api/v3.1/blueprints/b", "application/yaml",
                BLUEPRINT.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        List<String> deployments = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            assertThat(a.put("/api/v3.1/deployments/d" + d, Map.of("blueprint_id", "b")).status()).isEqualTo(201);
            deployments.add("d" + d);
        }
        Map<String, Object> group = new HashMap<>();
        group.put("deployment_ids", deployments);
        assertThat(b.put("/api/v3.1/deployment-groups/all", group).status()).isEqualTo(200);

        var started = b.post("/api/v3.1/execution-groups", Map.of("force", false, "deployment_group_id", "all",
                "workflow_id", "install", "concurrency", 2));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String id = (String) started.json().get("id");
        Map<String, Object> done = Await.until("the group to end", Duration.ofSeconds(120),
                () -> a.get("/api/v3.1/execution-groups/" + id).json(),
                g -> "terminated".equals(g.get("status")) || "failed".equals(g.get("status")));
        assertThat(done.get("status")).isEqualTo("terminated");

        // From the stored start and end of each member: the most that ran at the same moment.
        assertThat(maxConcurrentlyRunning(id)).isEqualTo(2);
        // Which server claims a member is up to the servers' engine rounds: printed, not asserted.
        System.out.println("GROUP CLUSTER members ran on " + ownerNodes(id));
    }

    @Test
    void a_group_mid_way_survives_a_server_kill_and_still_never_runs_more_than_two_at_once() throws Exception {
        Map<String, String> settings = Map.of("steward.engine.takeover-after", "2000ms");
        nodes.add(ServerProcess.start("restart-a", database, settings));
        Api a = nodes.get(0).admin();
        assertThat(a.send("PUT", "/api/v3.1/blueprints/b", "application/yaml",
                BLUEPRINT.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        List<String> deployments = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            assertThat(a.put("/api/v3.1/deployments/r" + d, Map.of("blueprint_id", "b")).status()).isEqualTo(201);
            deployments.add("r" + d);
        }
        Map<String, Object> group = new HashMap<>();
        group.put("deployment_ids", deployments);
        assertThat(a.put("/api/v3.1/deployment-groups/restarted", group).status()).isEqualTo(200);
        var started = a.post("/api/v3.1/execution-groups", Map.of("force", false,
                "deployment_group_id", "restarted", "workflow_id", "install", "concurrency", 2));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String id = (String) started.json().get("id");
        Await.until("two members done", Duration.ofSeconds(60), () -> ((Number) ((Map<?, ?>) ((Map<?, ?>) a.get(
                "/api/v3.1/executions?_size=0&status=terminated&workflow_id=install").json().get("metadata"))
                .get("pagination")).get("total")).intValue(), done -> done >= 2 && done < 8);
        nodes.get(0).kill();

        nodes.add(ServerProcess.start("restart-b", database, settings));
        Api b = nodes.get(1).admin();
        Map<String, Object> done = Await.until("the group to end", Duration.ofSeconds(120),
                () -> b.get("/api/v3.1/execution-groups/" + id).json(),
                g -> "terminated".equals(g.get("status")) || "failed".equals(g.get("status")));
        assertThat(done.get("status")).isEqualTo("terminated");
        assertThat(maxConcurrentlyRunning(id)).isEqualTo(2);
        assertThat(ownerNodes(id)).contains("restart-b");
    }

    private long maxConcurrentlyRunning(String groupId) throws SQLException {
        List<long[]> moments = new ArrayList<>();
        try (Connection c = TestDatabase.connect(database); PreparedStatement s = c.prepareStatement(
                "SELECT started_at, ended_at FROM executions WHERE execution_group_id = ?")) {
            s.setString(1, groupId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    moments.add(new long[]{rs.getTimestamp(1).toInstant().toEpochMilli() * 1000
                            + rs.getTimestamp(1).getNanos() / 1000 % 1000, +1});
                    moments.add(new long[]{rs.getTimestamp(2).toInstant().toEpochMilli() * 1000
                            + rs.getTimestamp(2).getNanos() / 1000 % 1000, -1});
                }
            }
        }
        assertThat(moments).hasSize(16);
        // At the same instant an end comes before a start: a slot freed and reused is not an overlap.
        moments.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long running = 0;
        long most = 0;
        for (long[] moment : moments) {
            running += moment[1];
            most = Math.max(most, running);
        }
        return most;
    }

    private List<String> ownerNodes(String groupId) throws SQLException {
        List<String> owners = new ArrayList<>();
        try (Connection c = TestDatabase.connect(database); PreparedStatement s = c.prepareStatement(
                "SELECT DISTINCT owner_node FROM executions WHERE execution_group_id = ?")) {
            s.setString(1, groupId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    owners.add(rs.getString(1));
                }
            }
        }
        return owners;
    }
}
