package io.steward.tenancy.store;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway is left out at start only when the database holds exactly the classpath's migrations with Flyway's own
 * checksums; any difference sends the start through Flyway again.
 */
class SchemaUpToDateTest {

    @Test
    void h2_a_migrated_database_is_up_to_date_and_any_difference_is_not() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:uptodate-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        differencesAreSeen(h2, Dialect.H2);
    }

    @Test
    void postgres_a_migrated_database_is_up_to_date_and_any_difference_is_not() throws SQLException {
        String url = System.getenv("STEWARD_TEST_POSTGRES_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "STEWARD_TEST_POSTGRES_URL is not set");
        String user = System.getenv().getOrDefault("STEWARD_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("STEWARD_TEST_POSTGRES_PASSWORD", "");
        String name = "steward_uptodate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(url, user, password)) {
            admin.createStatement().execute("CREATE DATABASE " + name);
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(url.substring(0, url.lastIndexOf('/') + 1) + name);
        postgres.setUser(user);
        postgres.setPassword(password);
        try {
            differencesAreSeen(postgres, Dialect.POSTGRES);
        } finally {
            try (Connection admin = DriverManager.getConnection(url, user, password)) {
                admin.createStatement().execute("DROP DATABASE " + name);
            }
        }
    }

    @Test
    void the_checksum_is_flyways_whatever_the_line_breaks_and_bom() throws Exception {
        int plain = SchemaUpToDate.checksum(stream("CREATE TABLE a (x INT);\nSELECT 1;\n"));
        assertThat(SchemaUpToDate.checksum(stream("\uFEFFCREATE TABLE a (x INT);\r\nSELECT 1;"))).isEqualTo(plain);
        assertThat(SchemaUpToDate.checksum(stream("CREATE TABLE a (x INT);\nSELECT 2;\n"))).isNotEqualTo(plain);
    }

    private static void differencesAreSeen(DataSource dataSource, Dialect dialect) throws SQLException {
        String folder = dialect.migrationFolder();
        assertThat(SchemaUpToDate.check(dataSource, folder)).as("fresh database").isFalse();
        Flyway.configure().dataSource(dataSource).locations(dialect.migrationLocation()).load().migrate();
        assertThat(SchemaUpToDate.check(dataSource, folder)).as("just migrated").isTrue();

        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("UPDATE flyway_schema_history SET checksum = checksum + 1"
                    + " WHERE installed_rank = (SELECT MAX(installed_rank) FROM flyway_schema_history)");
        }
        assertThat(SchemaUpToDate.check(dataSource, folder)).as("a changed checksum").isFalse();
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("UPDATE flyway_schema_history SET checksum = checksum - 1"
                    + " WHERE installed_rank = (SELECT MAX(installed_rank) FROM flyway_schema_history)");
        }
        assertThat(SchemaUpToDate.check(dataSource, folder)).as("restored").isTrue();

        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("UPDATE flyway_schema_history SET success = FALSE"
                    + " WHERE installed_rank = (SELECT MAX(installed_rank) FROM flyway_schema_history)");
        }
        assertThat(SchemaUpToDate.check(dataSource, folder)).as("a failed migration").isFalse();
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("DELETE FROM flyway_schema_history"
                    + " WHERE installed_rank = (SELECT MAX(installed_rank) FROM flyway_schema_history)");
        }
        assertThat(SchemaUpToDate.check(dataSource, folder)).as("a pending migration").isFalse();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
