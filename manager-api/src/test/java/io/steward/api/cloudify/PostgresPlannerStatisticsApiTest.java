package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new database's executions table grows from nothing; the server analyzes it as it grows, so the statements
 * pgjdbc has prepared plan their key lookups on the primary key instead of the plan they got while it was empty
 * ({@code PlannerStatistics}).
 */
class PostgresPlannerStatisticsApiTest extends ApiTestBase {
    private Map<String, Object> database;

    @Override
    protected Map<String, Object> database() {
        if (database == null) {
            database = TestDatabase.postgres();
        }
        return database;
    }

    @Test
    void a_growing_executions_table_is_analyzed_and_key_updates_plan_on_the_primary_key() throws Exception {
        var uploaded = admin.send("PUT", "/api/v3.1/blueprints/grow", "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(admin.put("/api/v3.1/deployments/grow", Map.of("blueprint_id", "grow")).status()).isEqualTo(201);
        for (int i = 0; i < 150; i++) {
            var started = admin.post("/api/v3.1/executions", Map.of("deployment_id", "grow",
                    "workflow_id", "one_task", "force", true));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
        }

        try (Connection c = connect()) {
            // Autovacuum sets last_autoanalyze; last_analyze is an explicit ANALYZE, which only the server runs here.
            Await.until("the server to analyze executions", Duration.ofSeconds(20),
                    () -> single(c, "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables"
                            + " WHERE relname = 'executions'"), "t"::equals);
            assertThat(Long.parseLong(single(c, "SELECT reltuples::bigint FROM pg_class WHERE relname = 'executions'")))
                    .isGreaterThanOrEqualTo(64);

            c.createStatement().execute("SET plan_cache_mode = force_generic_plan");
            c.createStatement().execute("PREPARE claim(text, text, text, text) AS UPDATE executions SET status = $1"
                    + " WHERE tenant_name = $2 AND (id = $3 AND status = $4)");
            String plan = lines(c, "EXPLAIN EXECUTE claim('started', 'default_tenant', 'x', 'pending')");
            assertThat(plan).contains("executions_pkey");
        }
    }

    private Connection connect() throws SQLException {
        return TestDatabase.connect(database);
    }

    private static String single(Connection c, String sql) {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lines(Connection c, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString();
    }
}
