package io.steward.api.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the rule that tenancy is enforced in one place: outside the tenancy module, no main code writes a whole
 * SQL statement. Stores in the engine hand table names and conditions to {@code TenantTables}, which adds the tenant
 * predicate to every statement; a statement written anywhere else could forget it. Also checks the module
 * direction: the engine imports nothing from HTTP or the API.
 */
class TenancyGuardTest {
    private static final Pattern STATEMENT = Pattern.compile(
            "\"\\s*(SELECT\\s|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM)", Pattern.CASE_INSENSITIVE);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void no_sql_statement_is_written_outside_the_tenancy_module() throws IOException {
        List<String> offenders = javaFiles("workflow-engine", "ogc-processes", "dispatch", "manager-api")
                .filter(file -> STATEMENT.matcher(read(file)).find())
                .map(ROOT::relativize).map(Path::toString).toList();
        assertThat(offenders).as("SQL statements outside tenancy bypass the tenant predicate").isEmpty();
    }

    @Test
    void the_engine_knows_nothing_of_http_or_the_api() throws IOException {
        List<String> offenders = javaFiles("workflow-engine", "ogc-processes", "dispatch", "tenancy")
                .filter(file -> {
                    String text = read(file);
                    return text.contains("import io.micronaut.http") || text.contains("import io.steward.api");
                })
                .map(ROOT::relativize).map(Path::toString).toList();
        assertThat(offenders).isEmpty();
    }

    @Test
    void the_guard_itself_sees_the_sources() throws IOException {
        assertThat(javaFiles("workflow-engine").count()).isGreaterThan(10);
    }

    private static Stream<Path> javaFiles(String... modules) throws IOException {
        Stream<Path> all = Stream.empty();
        for (String module : modules) {
            Path main = ROOT.resolve(module).resolve("src/main/java");
            all = Stream.concat(all, Files.walk(main).filter(p -> p.toString().endsWith(".java")).toList().stream());
        }
        return all;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
