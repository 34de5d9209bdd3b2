package io.steward.api.architecture;

import io.steward.api.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Both dialects' migrations produce the same tables and columns: a change landed in one root only fails here. */
class MigrationParityTest {

    @Test
    void h2_and_postgresql_migrations_create_the_same_tables_and_columns() throws SQLException {
        Set<String> h2 = migrateAndDescribe(TestDatabase.h2(), "classpath:db/H2");
        Set<String> postgres = migrateAndDescribe(TestDatabase.emptyPostgres(), "classpath:db/POSTGRES");
        assertThat(h2).isNotEmpty().contains("executions.status", "node_instances.runtime_properties");
        assertThat(postgres).isEqualTo(h2);
    }

    private static Set<String> migrateAndDescribe(Map<String, Object> database, String location) throws SQLException {
        String url = (String) database.get("datasources.default.url");
        String user = (String) database.get("datasources.default.username");
        String password = (String) database.get("datasources.default.password");
        Flyway.configure().dataSource(url, user, password).locations(location).load().migrate();
        Set<String> columns = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
             ResultSet rs = c.createStatement().executeQuery("SELECT table_name, column_name FROM"
                     + " information_schema.columns WHERE table_schema = 'public'"
                     + " AND table_name <> 'flyway_schema_history'")) {
            while (rs.next()) {
                columns.add(rs.getString(1).toLowerCase(Locale.ROOT) + "." + rs.getString(2).toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }
}
