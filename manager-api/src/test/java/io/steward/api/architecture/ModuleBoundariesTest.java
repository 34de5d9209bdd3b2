package io.steward.api.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries of the README's architecture: each module's root package, and the modules it may use. The
 * engine knows executions and operations only (neither OGC API - Processes nor dispatch); the OGC module builds on
 * the engine and knows neither dispatch nor the HTTP layer. Checked twice: in the code (main and test sources name
 * no other module's package) and in the poms (no module declares a dependency the table does not allow), since a
 * dependency added to a pom would make a forbidden import compile.
 */
class ModuleBoundariesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern STEWARD_PACKAGE = Pattern.compile("\\bio\\.steward\\.(\\w+)");
    private static final Pattern STEWARD_DEPENDENCY = Pattern.compile(
            "<groupId>io\\.steward</groupId>\\s*<artifactId>([\\w-]+)</artifactId>");
    private static final Pattern MODULE = Pattern.compile("<module>([\\w-]+)</module>");

    /** A module: its directory, the package all its code lives under, and the modules it may use. */
    private record Module(String name, String rootPackage, Set<String> uses) {
    }

    /** In build order; a module may use only modules listed before it. */
    private static final Map<String, Module> MODULES = modules(
            new Module("tenancy", "tenancy", Set.of()),
            new Module("workflow-engine", "engine", Set.of("tenancy")),
            new Module("ogc-processes", "ogc", Set.of("tenancy", "workflow-engine")),
            new Module("dispatch", "dispatch", Set.of("tenancy", "workflow-engine")),
            new Module("manager-api", "api", Set.of("tenancy", "workflow-engine", "ogc-processes", "dispatch")));

    @Test
    void the_table_names_every_module_of_the_build_in_build_order() throws IOException {
        List<String> built = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (m.find()) {
            built.add(m.group(1));
        }
        assertThat(built).containsExactlyElementsOf(MODULES.keySet());
    }

    @Test
    void code_names_only_its_own_module_and_the_modules_it_may_use() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Module module : MODULES.values()) {
            Set<String> allowed = new TreeSet<>();
            allowed.add(module.rootPackage());
            module.uses().forEach(used -> allowed.add(MODULES.get(used).rootPackage()));
            for (Path file : javaFiles(module)) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = STEWARD_PACKAGE.matcher(lines.get(i));
                    while (m.find()) {
                        if (!allowed.contains(m.group(1))) {
                            offenders.add(ROOT.relativize(file) + ":" + (i + 1) + " names io.steward." + m.group(1));
                        }
                    }
                }
            }
        }
        assertThat(offenders).as("references across a module boundary the table does not allow").isEmpty();
    }

    @Test
    void poms_declare_only_the_dependencies_the_table_allows() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Module module : MODULES.values()) {
            String pom = Files.readString(ROOT.resolve(module.name()).resolve("pom.xml"));
            // After the <parent> element, which names steward-parent the same way.
            Matcher m = STEWARD_DEPENDENCY.matcher(pom.substring(Math.max(0, pom.indexOf("</parent>"))));
            while (m.find()) {
                if (!module.uses().contains(m.group(1))) {
                    offenders.add(module.name() + " depends on " + m.group(1));
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void the_guard_sees_each_modules_sources_and_catches_a_forbidden_name() throws IOException {
        for (Module module : MODULES.values()) {
            assertThat(javaFiles(module)).as(module.name()).hasSizeGreaterThan(5);
        }
        Matcher m = STEWARD_PACKAGE.matcher("import io.steward.ogc.process.Jobs;");
        assertThat(m.find() && m.group(1).equals("ogc")).isTrue();
        assertThat(STEWARD_DEPENDENCY.matcher("<groupId>io.steward</groupId>\n      <artifactId>ogc-processes</artifactId>")
                .find()).isTrue();
    }

    private static List<Path> javaFiles(Module module) throws IOException {
        List<Path> all = new ArrayList<>();
        for (String kind : List.of("src/main/java", "src/test/java")) {
            Path dir = ROOT.resolve(module.name()).resolve(kind);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(p -> p.toString().endsWith(".java")).forEach(all::add);
                }
            }
        }
        return all;
    }

    private static Map<String, Module> modules(Module... modules) {
        Map<String, Module> byName = new LinkedHashMap<>();
        for (Module module : modules) {
            assertThat(byName.keySet()).as(module.name() + " uses only modules built before it")
                    .containsAll(module.uses());
            byName.put(module.name(), module);
        }
        return byName;
    }
}
