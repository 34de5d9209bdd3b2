package io.steward.api.architecture;

import io.steward.tenancy.scope.CrossTenantReads;
import io.steward.tenancy.scope.CrossTenantReads.Use;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the code to {@link CrossTenantReads}, the one list of reads across tenants: a method named
 * {@code ...AcrossTenants} that the list does not name, a call to one from a class the list does not name, a listed
 * use that no longer exists, or a caller the README does not name, fails here. (That no other method of
 * {@code TenantTables} works with no caller bound is checked in the tenancy module's own tests.)
 */
class CrossTenantReadsGuardTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s+(?:(?:public|protected|private|static|final|synchronized)\\s+)*(?:<[^>]*>\\s+)?"
                    + "\\w[\\w.<>\\[\\], ?]*\\s+(\\w*AcrossTenants\\w*)\\s*\\(");
    private static final Pattern CALL = Pattern.compile("\\.(\\w*AcrossTenants\\w*)\\s*\\(");

    @Test
    void every_method_named_across_tenants_is_listed() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (Path file : mainSources()) {
            for (String line : Files.readAllLines(file)) {
                Matcher m = DECLARATION.matcher(line);
                if (m.find() && !line.strip().startsWith("return ")) {
                    declared.add(className(file) + "." + m.group(1));
                }
            }
        }
        Set<String> listed = CrossTenantReads.USES.stream().map(use -> use.declaredIn() + "." + use.method())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared).as("methods across tenants, declared in main code vs listed in CrossTenantReads")
                .isEqualTo(listed);
    }

    @Test
    void methods_across_tenants_are_called_only_from_the_listed_classes() throws IOException {
        List<String> offenders = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Path file : mainSources()) {
            String caller = className(file);
            String text = Files.readString(file);
            Matcher m = CALL.matcher(text);
            while (m.find()) {
                String method = m.group(1);
                List<Use> allowed = CrossTenantReads.USES.stream()
                        .filter(use -> use.method().equals(method) && use.caller().equals(caller))
                        // A TenantTables method is reached only by a class that holds TenantTables.
                        .filter(use -> !use.declaredIn().equals("TenantTables") || text.contains("TenantTables"))
                        .toList();
                if (allowed.isEmpty()) {
                    offenders.add(caller + " calls " + method);
                }
                allowed.forEach(use -> seen.add(use.declaredIn() + "." + use.method() + " <- " + use.caller()));
            }
        }
        assertThat(offenders).as("calls across tenants that CrossTenantReads does not list").isEmpty();
        Set<String> listed = CrossTenantReads.USES.stream()
                .map(use -> use.declaredIn() + "." + use.method() + " <- " + use.caller())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(seen).as("every listed use is still made (a stale entry would widen the list)").isEqualTo(listed);
    }

    @Test
    void the_readme_names_every_class_that_reads_across_tenants() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("**Tenancy in one place.**");
        assertThat(start).as("the README's tenancy paragraph").isNotNegative();
        String paragraph = readme.substring(start, readme.indexOf("\n\n", start));
        Set<String> missing = CrossTenantReads.USES.stream().map(Use::caller)
                .filter(caller -> !paragraph.contains("`" + caller + "`"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing).as("callers across tenants the README's tenancy paragraph does not name").isEmpty();
        assertThat(paragraph).contains("`CrossTenantReads`");
    }

    @Test
    void the_guard_sees_the_known_uses() throws IOException {
        assertThat(mainSources()).extracting(CrossTenantReadsGuardTest::className)
                .contains("TenantTables", "ExecutionStore", "ClaimExecutions", "JobCallbacks");
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String module : List.of("tenancy", "workflow-engine", "ogc-processes", "dispatch", "manager-api")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(all::add);
            }
        }
        return all;
    }

    private static String className(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }
}
