package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one PostgreSQL database: each lists both as managers (from their heartbeats), a server that stops
 * leaves the list, and maintenance mode set through one is enforced by the other.
 */
class PostgresManagerClusterApiTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<StewardServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(StewardServer::close);
    }

    @Test
    void a_cluster_of_two_lists_two_managers_and_one_that_stops_leaves_the_list() {
        Map<String, Object> database = TestDatabase.postgres();
        Api first = start(database, "node-a");
        Api second = start(database, "node-b");

        for (Api api : List.of(first, second)) {
            List<Map<String, Object>> managers = api.get("/api/v3.1/managers").items();
            assertThat(managers).extracting(m -> m.get("node_id")).containsExactly("node-a", "node-b");
            assertThat(managers).extracting(m -> m.get("id")).doesNotHaveDuplicates();
        }
        Map<String, Object> cluster = first.get("/api/v3.1/cluster-status").json();
        assertThat(cluster).containsEntry("status", "OK");
        Map<?, ?> nodes = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) cluster.get("services")).get("manager")).get("nodes");
        assertThat(new java.util.TreeSet<>(nodes.keySet().stream().map(String::valueOf).toList()))
                .containsExactly("node-a", "node-b");
        Map<String, Object> worker = services(first).get("Management Worker");
        assertThat(worker).containsEntry("status", "Active");

        servers.remove(1).close();
        assertThat(first.get("/api/v3.1/managers").items()).extracting(m -> m.get("node_id"))
                .containsExactly("node-a");
    }

    @Test
    void a_server_that_stopped_beating_is_no_manager_and_degrades_the_cluster_status() throws Exception {
        Map<String, Object> database = TestDatabase.postgres();
        Api first = start(database, "node-a");
        // A server killed outright leaves its row behind, its last beat getting older.
        try (var c = TestDatabase.connect(database); var insert = c.prepareStatement("INSERT INTO servers (node_id,"
                + " hostname, private_ip, public_ip, version, runs_engine, started_at, last_seen)"
                + " VALUES ('node-gone', 'h', '10.0.0.9', '10.0.0.9', 'v', true, now() - interval '10 minutes',"
                + " now() - interval '1 minute')")) {
            insert.executeUpdate();
        }
        assertThat(first.get("/api/v3.1/managers").items()).extracting(m -> m.get("node_id"))
                .containsExactly("node-a");
        Map<String, Object> cluster = first.get("/api/v3.1/cluster-status").json();
        assertThat(cluster).containsEntry("status", "Degraded");
        Map<?, ?> manager = (Map<?, ?>) ((Map<?, ?>) cluster.get("services")).get("manager");
        assertThat(manager.get("status")).isEqualTo("Degraded");
        assertThat(((Map<?, ?>) ((Map<?, ?>) manager.get("nodes")).get("node-gone")).get("status")).isEqualTo("Fail");
        assertThat(((Map<?, ?>) ((Map<?, ?>) manager.get("nodes")).get("node-a")).get("status")).isEqualTo("OK");
    }

    @Test
    void maintenance_mode_activated_through_one_server_is_enforced_by_the_other() {
        Map<String, Object> database = TestDatabase.postgres();
        Api first = start(database, "node-a");
        Api second = start(database, "node-b");
        assertThat(second.get("/api/v3.1/blueprints").status()).isEqualTo(200);

        var activated = first.send("POST", "/api/v3.1/maintenance/activate", "application/json", new byte[0]);
        assertThat(activated.status()).isEqualTo(200);
        Await.until("the other server to refuse requests", WAIT, () -> second.get("/api/v3.1/blueprints"),
                r -> r.status() == 503 && "maintenance_mode_active".equals(r.errorCode()));
        assertThat(second.get("/api/v3.1/maintenance").json()).containsEntry("status", "activated");
        assertThat(second.send("POST", "/api/v3.1/maintenance/activate", "application/json", new byte[0]).status())
                .isEqualTo(304);

        assertThat(second.send("POST", "/api/v3.1/maintenance/deactivate", "application/json", new byte[0])
                .status()).isEqualTo(200);
        Await.until("the first server to serve again", WAIT, () -> first.get("/api/v3.1/blueprints").status(),
                s -> s == 200);
    }

    private Api start(Map<String, Object> database, String nodeId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("steward.engine.node-id", nodeId);
        StewardServer server = StewardServer.start(database, properties);
        servers.add(server);
        return server.admin();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services(Api api) {
        return (Map<String, Map<String, Object>>) api.get("/api/v3.1/status").json().get("services");
    }
}
