package io.steward.api.architecture;

import io.steward.api.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored before they carried their execution's visibility and creator were all {@code tenant}: the
 * migration gives them their execution's, so an upgraded database hides old private events too.
 */
class EventVisibilityMigrationTest {
    private static final MigrationVersion BACKFILL = MigrationVersion.fromVersion("202612031005");

    @Test
    void old_events_take_their_executions_visibility_and_creator_on_h2() throws SQLException {
        check(TestDatabase.h2(), "classpath:db/H2");
    }

    @Test
    void old_events_take_their_executions_visibility_and_creator_on_postgresql() throws SQLException {
        check(TestDatabase.emptyPostgres(), "classpath:db/POSTGRES");
    }

    private static void check(Map<String, Object> database, String location) throws SQLException {
        migrate(database, location, BACKFILL);
        try (Connection c = TestDatabase.connect(database)) {
            insert(c, "INSERT INTO tenants (name, created_at) VALUES (?, ?)", "t", now());
            execution(c, "private-run", "private", "alice");
            execution(c, "shared-run", "tenant", "alice");
            event(c, "e1", "private-run");
            event(c, "e2", "shared-run");
            event(c, "e3", "gone-run");
        }
        migrate(database, location, null);
        try (Connection c = TestDatabase.connect(database)) {
            assertThat(events(c)).containsExactly(
                    Map.entry("e1", "private/alice"), Map.entry("e2", "tenant/alice"),
                    Map.entry("e3", "tenant/runner"));
        }
    }

    /** Migrates to the last version before {@code upTo}, or to the latest when {@code upTo} is null. */
    private static void migrate(Map<String, Object> database, String location, MigrationVersion upTo) {
        var flyway = Flyway.configure().dataSource((String) database.get("datasources.default.url"),
                (String) database.get("datasources.default.username"),
                (String) database.get("datasources.default.password")).locations(location);
        if (upTo != null) {
            MigrationVersion before = Arrays.stream(flyway.load().info().all()).map(MigrationInfo::getVersion)
                    .filter(v -> v != null && v.compareTo(upTo) < 0)
                    .max(MigrationVersion::compareTo).orElseThrow();
            flyway = flyway.target(before);
        }
        flyway.load().migrate();
    }

    private static void execution(Connection c, String id, String visibility, String creator) throws SQLException {
        insert(c, "INSERT INTO executions (tenant_name, id, visibility, created_by, created_at, workflow_id, status,"
                        + " error, parameters, is_system_workflow, is_dry_run, resume, allow_custom_parameters,"
                        + " wait_after_fail) VALUES ('t', ?, ?, ?, ?, 'install', 'terminated', '', '{}', FALSE,"
                        + " FALSE, FALSE, FALSE, 0)",
                id, visibility, creator, now());
    }

    /** An event as they were written before: {@code tenant}, by whoever wrote it. */
    private static void event(Connection c, String id, String execution) throws SQLException {
        insert(c, "INSERT INTO events (tenant_name, id, visibility, created_by, created_at, reported_at, type,"
                + " message, execution_id) VALUES ('t', ?, 'tenant', 'runner', ?, ?, 'cloudify_log', 'm', ?)",
                id, now(), now(), execution);
    }

    private static Map<String, String> events(Connection c) throws SQLException {
        Map<String, String> seen = new LinkedHashMap<>();
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT id, visibility, created_by FROM events ORDER BY id")) {
            while (rs.next()) {
                seen.put(rs.getString(1), rs.getString(2) + "/" + rs.getString(3));
            }
        }
        return seen;
    }

    private static void insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
