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
 * An execution's status is written in one place: {@code ExecutionStore.transition}, which commits the status with
 * its history row (and {@code insert}, which writes the first status with the first history row). No other class
 * writes the executions table, and no other code hands the store a {@code status} column to write.
 */
class ExecutionStatusWriteGuardTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path STORE = ROOT.resolve(
            "workflow-engine/src/main/java/io/steward/engine/execution/ExecutionStore.java");
    private static final Pattern STATUS_VALUE = Pattern.compile("(?:put|of)\\(\\s*\"status\"\\s*,");
    private static final Pattern EXECUTIONS_WRITE = Pattern.compile(
            "\\.(?:update|updateWhere|increment|insert|insertAll|deleteWhere)\\("
                    + "\\s*(?:ExecutionStore\\.TABLE|\"executions\")");
    private static final Pattern METHOD = Pattern.compile(
            "^    (?:(?:public|protected|private|static|final|synchronized)\\s+)*(?:<[^>]+>\\s+)?"
                    + "\\w[\\w<>\\[\\], ?.]*\\s(\\w+)\\(");

    @Test
    void only_the_execution_store_writes_the_executions_table() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            if (!file.equals(STORE) && EXECUTIONS_WRITE.matcher(Files.readString(file)).find()) {
                offenders.add(ROOT.relativize(file).toString());
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void no_code_outside_the_store_hands_it_a_status_to_write() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            String text = Files.readString(file);
            if (!file.equals(STORE) && text.contains("ExecutionStore") && STATUS_VALUE.matcher(text).find()) {
                offenders.add(ROOT.relativize(file).toString());
            }
        }
        assertThat(offenders).as("classes that put a status among the columns the execution store writes")
                .isEmpty();
    }

    @Test
    void inside_the_store_the_status_is_written_only_by_a_transition_or_the_insert() throws IOException {
        List<String> writers = new ArrayList<>();
        String method = "";
        for (String line : Files.readAllLines(STORE)) {
            Matcher header = METHOD.matcher(line);
            if (header.find() && !line.strip().startsWith("return ")) {
                method = header.group(1);
            }
            if (STATUS_VALUE.matcher(line).find()) {
                writers.add(method);
            }
        }
        // transition has two forms, one execution and several (a batched claim): both are the transition.
        assertThat(writers).containsOnly("insert", "transition").contains("insert", "transition");
    }

    private static List<Path> sources() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String module : List.of("workflow-engine", "ogc-processes", "dispatch", "manager-api")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(all::add);
            }
        }
        return all;
    }
}
