package io.steward.api.support;

import org.flywaydb.core.Flyway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The PostgreSQL database that test databases are copied from: Steward's schema, migrated by Flyway exactly as a
 * server migrates it. Its name carries a digest of the applied migrations' versions and checksums, so a changed or
 * added migration makes a new template, and test JVMs running side by side (surefire forks) share one: each
 * migrates under a name of its own, then renames it to that name or, when it is taken, drops its copy.
 */
final class MigratedTemplate {
    private static final String LOCATION = "classpath:db/POSTGRES";
    private static String name;

    private MigratedTemplate() {
    }

    /** The template's name on the server at {@code adminUrl}, made and migrated on first use. */
    static synchronized String of(String adminUrl, String user, String password) {
        if (name == null) {
            name = made(adminUrl, user, password);
        }
        return name;
    }

    /**
     * Migrates a new database, names it by what its schema history holds, and keeps it as the template unless one of
     * that name is there already. A migration per test JVM, against one per test class before.
     */
    private static String made(String adminUrl, String user, String password) {
        String building = "steward_building_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password)) {
            admin.createStatement().execute("CREATE DATABASE " + building);
            String buildingUrl = TestDatabase.urlOf(adminUrl, building);
            Flyway.configure().dataSource(buildingUrl, user, password).locations(LOCATION).load().migrate();
            String wanted = "steward_template_" + digestOfHistory(buildingUrl, user, password);
            if (exists(admin, wanted)) {
                admin.createStatement().execute("DROP DATABASE " + building);
                return wanted;
            }
            try {
                admin.createStatement().execute("ALTER DATABASE " + building + " RENAME TO " + wanted);
            } catch (SQLException madeByAnotherJvm) {
                if (!exists(admin, wanted)) {
                    throw madeByAnotherJvm;
                }
                admin.createStatement().execute("DROP DATABASE " + building);
            }
            return wanted;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make the migrated template database at " + adminUrl + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        try (var statement = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** A digest of every applied migration's version, script and checksum. */
    private static String digestOfHistory(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
             var rows = c.createStatement().executeQuery("SELECT version, script, checksum"
                     + " FROM flyway_schema_history ORDER BY installed_rank")) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            while (rows.next()) {
                digest.update((rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
