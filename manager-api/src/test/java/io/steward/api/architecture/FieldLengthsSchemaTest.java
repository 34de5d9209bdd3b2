package io.steward.api.architecture;

import io.steward.api.support.TestDatabase;
import io.steward.engine.storage.EngineLengths;
import io.steward.ogc.process.OgcLengths;
import io.steward.tenancy.store.FieldLength;
import io.steward.tenancy.store.TenancyLengths;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The length tables ({@link TenancyLengths}, {@link EngineLengths}, {@link OgcLengths}) are the migrated schema's column sizes, on both
 * databases; and every character column is either such a caller input or listed here as written by Steward only, so
 * a new column cannot slip past the checks.
 */
class FieldLengthsSchemaTest {
    /** Character columns no caller value reaches (or only after a check against another row), with why. */
    private static final Map<String, String> WRITTEN_BY_STEWARD = Map.ofEntries(
            Map.entry("*.tenant_name", "the bound caller's tenant"),
            Map.entry("*.created_by", "the bound caller's username"),
            Map.entry("*.visibility", "an enum"),
            Map.entry("*.state", "an enum"),
            Map.entry("*.status", "an enum"),
            Map.entry("users.password_hash", "a bcrypt hash"),
            Map.entry("users.system_role", "an enum"),
            Map.entry("memberships.username", "an existing user"),
            Map.entry("memberships.role", "an enum"),
            Map.entry("api_tokens.id", "generated"),
            Map.entry("api_tokens.username", "the caller"),
            Map.entry("api_tokens.secret_hash", "a SHA-256 hash"),
            Map.entry("deployments.blueprint_id", "an existing blueprint"),
            Map.entry("deployments.installation_status", "an enum"),
            Map.entry("nodes.deployment_id", "its deployment"),
            Map.entry("deployment_labels.id", "generated"),
            Map.entry("deployment_labels.deployment_id", "its deployment"),
            Map.entry("blueprint_labels.id", "generated"),
            Map.entry("filters.kind", "an enum"),
            Map.entry("blueprint_labels.blueprint_id", "its blueprint"),
            Map.entry("nodes.blueprint_id", "its blueprint"),
            Map.entry("nodes.host_id", "a node name of the blueprint"),
            Map.entry("node_instances.id", "a node name of the blueprint and 7 characters"),
            Map.entry("node_instances.deployment_id", "its deployment"),
            Map.entry("node_instances.node_id", "a node name of the blueprint"),
            Map.entry("node_instances.host_id", "another instance's id"),
            Map.entry("executions.id", "a UUID"),
            Map.entry("executions.execution_group_id", "its execution group's UUID"),
            Map.entry("execution_groups.id", "a UUID"),
            Map.entry("execution_groups.deployment_group_id", "an existing deployment group"),
            Map.entry("execution_groups.success_group_id", "an existing deployment group"),
            Map.entry("execution_groups.failure_group_id", "an existing deployment group"),
            Map.entry("executions.deployment_id", "an existing deployment"),
            Map.entry("executions.blueprint_id", "an existing blueprint"),
            Map.entry("execution_schedules.deployment_id", "an existing deployment"),
            Map.entry("execution_schedules.latest_execution", "an execution's UUID"),
            Map.entry("executions.owner_node", "the server's node id (configuration)"),
            Map.entry("servers.node_id", "the server's node id (configuration)"),
            Map.entry("servers.hostname", "the host's name (at most 253 characters)"),
            Map.entry("servers.private_ip", "an address (configuration or the host's)"),
            Map.entry("servers.public_ip", "an address (configuration or the host's)"),
            Map.entry("servers.version", "the build's version"),
            Map.entry("maintenance_mode.name", "a constant"),
            Map.entry("secrets.key_id", "derived from the encryption key"),
            Map.entry("maintenance_mode.requested_by", "the caller's username"),
            Map.entry("manager_settings.scope", "a known setting's scope"),
            Map.entry("manager_settings.name", "a known setting's name"),
            Map.entry("manager_settings.updater_name", "the caller's username"),
            Map.entry("manager_settings.value_json", "a known setting's value, checked against its schema"),
            Map.entry("execution_tasks.execution_id", "its execution"),
            Map.entry("execution_tasks.id", "generated"),
            Map.entry("execution_transitions.execution_id", "its execution"),
            Map.entry("execution_transitions.id", "generated"),
            Map.entry("execution_transitions.from_status", "an enum"),
            Map.entry("execution_transitions.to_status", "an enum"),
            Map.entry("execution_transitions.event", "an enum"),
            Map.entry("events.id", "a UUID"),
            Map.entry("events.type", "event or log"),
            Map.entry("events.execution_id", "an existing execution"),
            Map.entry("events.deployment_id", "the execution's"),
            Map.entry("events.blueprint_id", "the execution's"),
            Map.entry("events.workflow_id", "the execution's"),
            Map.entry("ogc_jobs.id", "an execution id"),
            Map.entry("unit_jobs.id", "an execution id"),
            Map.entry("unit_jobs.caller_token_key", "derived from the encryption key"),
            Map.entry("unit_jobs.upscale_task_id", "an existing upscale task's id (generated)"),
            Map.entry("upscale_tasks.id", "generated"),
            Map.entry("ogc_jobs.process_id", "an existing process"),
            Map.entry("ogc_jobs.notified_status", "an enum"),
            Map.entry("ogc_jobs.callback_claim", "generated"),
            Map.entry("ogc_processes.id", "a process id, bounded by its deployment id (ogcapi-<id>)"),
            Map.entry("cluster_locks.name", "a constant"),
            Map.entry("operation_sessions.execution_id", "its execution"),
            Map.entry("operation_sessions.id", "generated"),
            Map.entry("operation_sessions.node_id", "the server's node id (configuration)"),
            Map.entry("operation_sessions.boot_id", "the host's boot id"),
            Map.entry("operation_sessions.host", "the host name"));

    private static final List<FieldLength> LENGTHS = Stream.of(TenancyLengths.ALL, EngineLengths.ALL, OgcLengths.ALL)
            .flatMap(List::stream).toList();

    @Test
    void each_length_is_its_column_size_on_h2() throws SQLException {
        assertMatches(columnSizes(TestDatabase.h2(), "classpath:db/H2"));
    }

    @Test
    void each_length_is_its_column_size_on_postgresql() throws SQLException {
        assertMatches(columnSizes(TestDatabase.emptyPostgres(), "classpath:db/POSTGRES"));
    }

    private static void assertMatches(Map<String, Integer> sizes) {
        assertThat(sizes).containsKeys("tenants.name", "events.operation");
        for (FieldLength length : LENGTHS) {
            assertThat(sizes.get(length.table() + "." + length.column())).as(length.field())
                    .isEqualTo(length.max());
        }
        List<String> unclassified = new ArrayList<>();
        for (String column : sizes.keySet()) {
            String name = column.substring(column.indexOf('.') + 1);
            boolean input = LENGTHS.stream().anyMatch(l -> column.equals(l.table() + "." + l.column()));
            if (!input && !WRITTEN_BY_STEWARD.containsKey(column) && !WRITTEN_BY_STEWARD.containsKey("*." + name)) {
                unclassified.add(column);
            }
        }
        assertThat(unclassified).as("character columns in neither a length table nor WRITTEN_BY_STEWARD").isEmpty();
    }

    /** {@code table.column} → size of every bounded character column of the migrated schema. */
    private static Map<String, Integer> columnSizes(Map<String, Object> database, String location)
            throws SQLException {
        String url = (String) database.get("datasources.default.url");
        String user = (String) database.get("datasources.default.username");
        String password = (String) database.get("datasources.default.password");
        Flyway.configure().dataSource(url, user, password).locations(location).load().migrate();
        Map<String, Integer> sizes = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
             ResultSet rs = c.createStatement().executeQuery("SELECT table_name, column_name,"
                     + " character_maximum_length FROM information_schema.columns WHERE table_schema = 'public'"
                     + " AND table_name <> 'flyway_schema_history' AND data_type IN ('character varying',"
                     + " 'CHARACTER VARYING', 'varchar', 'VARCHAR')")) {
            while (rs.next()) {
                sizes.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT) + "."
                        + rs.getString(2).toLowerCase(java.util.Locale.ROOT), rs.getInt(3));
            }
        }
        return sizes;
    }
}
