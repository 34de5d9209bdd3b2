package io.steward.api.support;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.TestcontainersConfiguration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database for one test class. H2 is in memory and empty. PostgreSQL comes from
 * {@code STEWARD_TEST_POSTGRES_URL} (CI sets it to the machine's server; the tests then fail loudly when it cannot
 * be reached), else from Testcontainers where a Docker engine runs that already has the PostgreSQL image (no
 * registry may be reachable, and a pull that cannot succeed takes minutes), else the PostgreSQL tests are skipped
 * with a message saying how to run them.
 */
public final class TestDatabase {
    static final String POSTGRES_URL_ENV = "STEWARD_TEST_POSTGRES_URL";
    private static final String POSTGRES_IMAGE = "postgres:15-alpine";
    /** The connections a test server's pool keeps open while idle, on PostgreSQL. */
    private static final String IDLE_CONNECTIONS = "2";
    private static PostgreSQLContainer<?> container;

    private TestDatabase() {
    }

    public static Map<String, Object> h2() {
        return Map.of("datasources.default.url", "jdbc:h2:mem:steward-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
                        + ";DB_CLOSE_ON_EXIT=FALSE",
                "datasources.default.username", "sa", "datasources.default.password", "");
    }

    /**
     * A fresh PostgreSQL database that already holds Steward's schema: a copy of a template migrated once per set of
     * migrations (a server then finds its schema up to date and runs no migration). Copying takes a tenth of a
     * second; migrating each test class's database took most of a second, some 77 times a run.
     */
    public static Map<String, Object> postgres() {
        return postgres(true);
    }

    /** A fresh, empty PostgreSQL database: for the tests that run the migrations themselves. */
    public static Map<String, Object> emptyPostgres() {
        return postgres(false);
    }

    private static Map<String, Object> postgres(boolean migrated) {
        String url = System.getenv(POSTGRES_URL_ENV);
        String user = System.getenv().getOrDefault("STEWARD_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("STEWARD_TEST_POSTGRES_PASSWORD", "");
        if (url == null || url.isBlank()) {
            url = startContainerOrSkip();
            user = container.getUsername();
            password = container.getPassword();
        }
        return freshDatabase(url, user, password, migrated ? MigratedTemplate.of(url, user, password) : null);
    }

    private static String startContainerOrSkip() {
        if (!postgresImageAvailable()) {
            String message = "PostgreSQL tests SKIPPED: set " + POSTGRES_URL_ENV
                    + "=jdbc:postgresql://127.0.0.1:5432/postgres (user postgres) or run a Docker engine that has"
                    + " the " + POSTGRES_IMAGE + " image";
            System.err.println(message);
            Assumptions.abort(message);
        }
        return startContainer();
    }

    private static synchronized String startContainer() {
        if (container == null) {
            container = new PostgreSQLContainer<>(POSTGRES_IMAGE);
            container.start();
        }
        return container.getJdbcUrl();
    }

    /**
     * Whether the engine holds the PostgreSQL image and Testcontainers' reaper (Ryuk) image, asked through the docker
     * CLI: Testcontainers' own client starts the reaper first, and where no registry is reachable it retried pulling
     * that image for minutes before each skip (410 s for one test class).
     */
    private static boolean postgresImageAvailable() {
        return List.of(POSTGRES_IMAGE, TestcontainersConfiguration.getInstance().getRyukImage()).stream()
                .allMatch(image -> TestDocker.docker("image", "inspect", "--format", "{{.Id}}", image)
                        .startsWith("sha256:"));
    }

    /** A plain JDBC connection to {@code database} (properties from {@link #h2} or {@link #postgres}), for probes. */
    public static Connection connect(Map<String, Object> database) throws SQLException {
        return DriverManager.getConnection((String) database.get("datasources.default.url"),
                (String) database.get("datasources.default.username"),
                (String) database.get("datasources.default.password"));
    }

    /**
     * Creates a uniquely named database on the server at {@code adminUrl}, a copy of {@code template} unless it is
     * null, and returns the properties to use it.
     */
    private static Map<String, Object> freshDatabase(String adminUrl, String user, String password, String template) {
        String name = "steward_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password)) {
            admin.createStatement().execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + adminUrl + " as user '" + user
                    + "': " + e.getMessage() + ". Start it with: pg_ctlcluster --skip-systemctl-redirect"
                    + " $(ls /etc/postgresql) main start", e);
        }
        String url = urlOf(adminUrl, name);
        // A pool keeps as many connections as it is sized for (20) unless told otherwise: three test JVMs, each
        // with two servers, would hold more than PostgreSQL's 100. Kept small here, it still grows when needed.
        return Map.of("datasources.default.url", url, "datasources.default.username", user,
                "datasources.default.password", password, "datasources.default.minimum-idle", IDLE_CONNECTIONS);
    }

    /** {@code adminUrl} with its database replaced by {@code database}. */
    static String urlOf(String adminUrl, String database) {
        return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
    }
}
