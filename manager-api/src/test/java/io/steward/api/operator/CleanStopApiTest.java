package io.steward.api.operator;

import io.steward.api.support.ServerProcess;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server stopped as a service manager stops it (SIGTERM), on the embedded H2 database exactly as it ships
 * (application.yml's default URL, moved into a temporary directory): it removes its own row from the server registry
 * and logs no warning on the way out.
 */
class CleanStopApiTest {
    private static final Pattern DEFAULT_H2_URL = Pattern.compile("STEWARD_DB_URL:`(jdbc:h2:file:[^`]+)`");

    @Test
    void a_clean_stop_on_the_default_h2_database_leaves_the_server_registry_and_logs_no_warning(@TempDir Path dir)
            throws Exception {
        Map<String, Object> database = Map.of("datasources.default.url", shippedH2Url().replace("./steward-data",
                dir.resolve("steward-data").toString()), "datasources.default.username", "sa",
                "datasources.default.password", "");
        ServerProcess server = ServerProcess.start("clean-stop", database, Map.of());
        try {
            assertThat(server.admin().get("/api/v3.1/managers").body()).contains("clean-stop");
        } finally {
            server.stop();
        }

        assertThat(server.logLines()).as("lines logged").noneMatch(line -> line.contains(" WARN ")
                || line.contains(" ERROR "));
        try (Connection c = TestDatabase.connect(database);
             ResultSet rows = c.createStatement().executeQuery("SELECT node_id FROM servers")) {
            assertThat(rows.next()).as("a server row left behind").isFalse();
        }
    }

    /** The default {@code datasources.default.url} of the jar's application.yml. */
    private static String shippedH2Url() throws IOException {
        try (InputStream yml = CleanStopApiTest.class.getResourceAsStream("/application.yml")) {
            Matcher url = DEFAULT_H2_URL.matcher(new String(yml.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(url.find()).as("application.yml's default H2 URL").isTrue();
            return url.group(1);
        }
    }
}
