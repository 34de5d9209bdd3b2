package io.steward.api.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the rule that case conversions and number formats never depend on the JVM's default locale: under a
 * Turkish default, {@code "PRIVATE".toLowerCase()} is {@code "prıvate"} (dotless i), so identifiers, wire values
 * and SQL fragments must be converted with {@code Locale.ROOT}. The suite also runs under {@code tr_TR} (the
 * surefire argLine of the root pom), which catches what this scan cannot see.
 */
class LocaleGuardTest {
    private static final Pattern DEFAULT_LOCALE_CASE = Pattern.compile("\\.to(Lower|Upper)Case\\(\\s*\\)");
    /** {@code String.format("…")} with a literal first: no locale given. */
    private static final Pattern FORMAT_WITHOUT_LOCALE =
            Pattern.compile("String\\.format\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** A conversion whose output depends on the locale: anything but {@code %s}, {@code %n} and {@code %%}. */
    private static final Pattern LOCALE_SENSITIVE_CONVERSION =
            Pattern.compile("%[-#+ 0,(<]*\\d*(\\.\\d+)?(?![sn%])[a-zA-Z]");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void main_code_converts_case_with_an_explicit_locale() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles("tenancy", "workflow-engine", "ogc-processes", "dispatch", "manager-api")) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (DEFAULT_LOCALE_CASE.matcher(lines.get(i)).find()) {
                    offenders.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(offenders).as("toLowerCase()/toUpperCase() use the default locale; pass Locale.ROOT").isEmpty();
    }

    @Test
    void main_code_formats_numbers_with_an_explicit_locale() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles("tenancy", "workflow-engine", "ogc-processes", "dispatch", "manager-api")) {
            Matcher format = FORMAT_WITHOUT_LOCALE.matcher(Files.readString(file));
            while (format.find()) {
                if (LOCALE_SENSITIVE_CONVERSION.matcher(format.group(1)).find()) {
                    offenders.add(ROOT.relativize(file) + ": " + format.group());
                }
            }
        }
        assertThat(offenders).as("String.format without a locale formats numbers the default locale's way;"
                + " pass Locale.ROOT").isEmpty();
    }

    @Test
    void the_patterns_catch_what_they_guard_against() {
        assertThat(DEFAULT_LOCALE_CASE.matcher("name().toLowerCase()").find()).isTrue();
        assertThat(DEFAULT_LOCALE_CASE.matcher("name().toUpperCase( )").find()).isTrue();
        assertThat(DEFAULT_LOCALE_CASE.matcher("name().toLowerCase(Locale.ROOT)").find()).isFalse();
        assertThat(sensitiveFormat("String.format(\"t%05d\", n)")).isTrue();
        assertThat(sensitiveFormat("String.format(\"%.2f s\", seconds)")).isTrue();
        assertThat(sensitiveFormat("String.format(\"%s: %s%n\", a, b)")).isFalse();
        assertThat(sensitiveFormat("String.format(Locale.ROOT, \"t%05d\", n)")).isFalse();
    }

    @Test
    void the_guard_itself_sees_the_sources() throws IOException {
        assertThat(javaFiles("tenancy", "workflow-engine", "manager-api")).hasSizeGreaterThan(100);
    }

    private static boolean sensitiveFormat(String code) {
        Matcher format = FORMAT_WITHOUT_LOCALE.matcher(code);
        return format.find() && LOCALE_SENSITIVE_CONVERSION.matcher(format.group(1)).find();
    }

    private static List<Path> javaFiles(String... modules) throws IOException {
        List<Path> all = new ArrayList<>();
        for (String module : modules) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(all::add);
            }
        }
        return all;
    }
}
