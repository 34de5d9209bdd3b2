package io.steward.api.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database is reachable only inside the tenancy module's {@code store}: {@code Database} is package-private, and
 * the one public door to plain JDBC work ({@code TenancyStatements}) is used by tenancy's own classes alone. The
 * other modules get named entry points ({@code TenantTables}, {@code ClusterLocks}, {@code DatabaseNotices},
 * {@code PlannerStatistics}), none of which hands out a connection.
 */
class DatabaseReachGuardTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> PLAIN_JDBC = List.of("TenancyStatements", "SqlWork", "PagedSelect",
            "io.steward.tenancy.store.Database", "java.sql.Connection", "javax.sql.DataSource");
    /** The tenancy classes that write their own statements: TenantTables, and the services of untenanted tables. */
    private static final List<String> TENANCY_USERS = List.of("scope/TenantTables.java",
            "member/Authenticator.java", "member/UserService.java", "member/MembershipService.java",
            "member/ExternalUsers.java",
            "tenant/TenantService.java", "token/TokenService.java", "manager/MaintenanceStore.java",
            "manager/ServerRegistry.java", "manager/SettingsStore.java");

    @Test
    void the_database_class_is_not_public() throws ClassNotFoundException {
        assertThat(Modifier.isPublic(Class.forName("io.steward.tenancy.store.Database").getModifiers())).isFalse();
    }

    @Test
    void no_other_module_reaches_plain_jdbc() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources("workflow-engine", "ogc-processes", "dispatch", "manager-api")) {
            String text = Files.readString(file);
            PLAIN_JDBC.stream().filter(name -> Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text).find())
                    .forEach(name -> offenders.add(ROOT.relativize(file) + ": " + name));
        }
        assertThat(offenders).as("code outside tenancy goes through TenantTables, not plain JDBC").isEmpty();
    }

    @Test
    void inside_tenancy_only_the_listed_classes_run_their_own_statements() throws IOException {
        Path tenancy = ROOT.resolve("tenancy/src/main/java/io/steward/tenancy");
        List<String> users = new ArrayList<>();
        for (Path file : sources("tenancy")) {
            String relative = tenancy.relativize(file).toString();
            if (!relative.startsWith("store/") && Files.readString(file).contains("TenancyStatements")) {
                users.add(relative);
            }
        }
        assertThat(users).containsExactlyInAnyOrderElementsOf(TENANCY_USERS);
    }

    private static List<Path> sources(String... modules) throws IOException {
        List<Path> all = new ArrayList<>();
        for (String module : modules) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(all::add);
            }
        }
        return all;
    }
}
