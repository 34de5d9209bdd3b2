package io.steward.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.engine.operation.OperationResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** steward.command: what the process sees, what it hands back, and how it fails. */
class CommandOperationTest {

    private static final Duration MAX = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private Path workRoot;
    private OperationRunner runner;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void setUp() {
        workRoot = temp.resolve("work");
        runner = new OperationRunner(new TestJson(), Duration.ofSeconds(1), workRoot);
    }

    /** Every run deletes its work directory, whatever the outcome. */
    @AfterEach
    void noWorkDirectoryIsLeft() throws IOException {
        if (Files.isDirectory(workRoot)) {
            try (Stream<Path> left = Files.list(workRoot)) {
                assertThat(left.toList()).as("work directories left under " + workRoot).isEmpty();
            }
        }
    }

    private OperationResult run(Requests request) throws InterruptedException {
        return Waits.result(runner.start(request.build(), listener), MAX);
    }

    private static Requests command(Object command) {
        return Requests.builtin("steward.command").input("command", command);
    }

    @Test
    void an_argv_list_runs_without_a_shell_and_its_lines_are_logged() throws Exception {
        OperationResult result = run(command(List.of("echo", "a $HOME; b", 42)));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.output()).isNull();
        assertThat(listener.lines()).containsExactly("info: a $HOME; b 42");
    }

    @Test
    void a_string_is_run_by_the_shell_and_stderr_is_logged_as_errors() throws Exception {
        OperationResult result = run(command("echo one | tr a-z A-Z; echo two >&2"));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(listener.lines()).containsExactlyInAnyOrder("info: ONE", "error: two");
    }

    @Test
    void env_and_files_are_visible_and_the_process_runs_in_its_work_directory() throws Exception {
        OperationResult result = run(command("echo \"$GREETING $COUNT $DEBUG\"; cat conf/app.txt; "
                + "test \"$(pwd)\" = \"$STEWARD_WORK_DIR\" && echo cwd-is-work-dir")
                .input("env", Map.of("GREETING", "hello", "COUNT", 3, "DEBUG", true))
                .input("files", Map.of("conf/app.txt", "line from a file\n")));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(listener.lines()).containsExactly("info: hello 3 true", "info: line from a file",
                "info: cwd-is-work-dir");
    }

    @Test
    void stdin_is_written_to_the_process_then_closed() throws Exception {
        OperationResult result = run(command(List.of("wc", "-l")).input("stdin", "a\nb\nc\n"));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(listener.lines()).containsExactly("info: 3");
    }

    @Test
    void without_stdin_the_process_reads_end_of_file_at_once() throws Exception {
        OperationResult result = run(command("cat; echo after-cat"));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(listener.lines()).containsExactly("info: after-cat");
    }

    @Test
    void stdout_json_becomes_the_output_and_is_not_logged() throws Exception {
        OperationResult result = run(command("echo '{\"sum\": 3, \"items\": [\"a\"]}'; echo progress >&2")
                .input("outputs", Map.of("stdout", "json")));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.output()).isEqualTo(Map.of("sum", 3L, "items", List.of("a")));
        assertThat(listener.lines()).containsExactly("error: progress");
    }

    @Test
    void output_files_are_read_as_text_json_and_base64() throws Exception {
        OperationResult result = run(command("mkdir out; printf 'plain text' > out/a.txt; "
                + "echo '[1, 2]' > out/b.json; printf '\\001\\002\\377' > out/c.bin; echo wrote")
                .input("outputs", Map.of("files", Map.of(
                        "text", "out/a.txt",
                        "data", Map.of("path", "out/b.json", "as", "json"),
                        "blob", Map.of("path", "out/c.bin", "as", "base64")))));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.output()).isEqualTo(Map.of("text", "plain text", "data", List.of(1L, 2L),
                "blob", Base64.getEncoder().encodeToString(new byte[] {1, 2, (byte) 0xff})));
        assertThat(listener.lines()).containsExactly("info: wrote");
    }

    @Test
    void a_non_zero_exit_fails_with_the_status_and_the_end_of_stderr() throws Exception {
        OperationResult result = run(command("echo first >&2; echo last >&2; exit 7"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo(
                "steward.command exited with status 7\nLast lines of stderr:\nfirst\nlast");
    }

    @Test
    void a_program_that_does_not_exist_fails() throws Exception {
        OperationResult result = run(command(List.of("/no/such/program")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).startsWith("steward.command exited with status ").contains("/no/such/program");
    }

    @Test
    void stdout_that_is_not_json_fails_showing_its_beginning() throws Exception {
        OperationResult result = run(command("echo 'not json at all'").input("outputs", Map.of("stdout", "json")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).startsWith("steward.command: stdout is not valid JSON")
                .endsWith("it begins: not json at all\n");
    }

    @Test
    void only_the_first_200_characters_of_invalid_json_are_shown() throws Exception {
        OperationResult result = run(command("printf 'x%.0s' $(seq 1 500)").input("outputs",
                Map.of("stdout", "json")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).endsWith("it begins: " + "x".repeat(200) + "…");
    }

    @Test
    void a_missing_output_file_fails_naming_it() throws Exception {
        OperationResult result = run(command("true").input("outputs",
                Map.of("files", Map.of("report", "out/report.json"))));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo(
                "steward.command: Output file 'report' (out/report.json) was not written");
    }

    @Test
    void an_output_file_that_links_outside_the_work_directory_is_refused() throws Exception {
        OperationResult result = run(command("ln -s /etc/hostname leak").input("outputs",
                Map.of("files", Map.of("leak", "leak"))));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("Output file 'leak' (leak) is not a file inside the work directory");
    }

    @Test
    void stdout_beyond_16_mib_fails_when_it_is_the_output() throws Exception {
        OperationResult result = run(command("head -c 17000000 /dev/zero").input("outputs",
                Map.of("stdout", "json")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo(
                "steward.command: stdout is larger than the limit of 16777216 bytes for outputs.stdout: json");
    }

    @Test
    void an_output_file_beyond_64_mib_fails() throws Exception {
        OperationResult result = run(command("head -c 67108865 /dev/zero > big").input("outputs",
                Map.of("files", Map.of("big", Map.of("path", "big", "as", "base64")))));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo("steward.command: Output file 'big' (big) holds 67108865 bytes, "
                + "more than the limit of 67108864 bytes");
    }

    @Test
    void bad_inputs_fail_with_a_message_naming_the_input() throws Exception {
        Map<String, Requests> cases = new java.util.LinkedHashMap<>();
        cases.put("input 'command' is required", Requests.builtin("steward.command"));
        cases.put("input 'command' must be a non-empty list", command(List.of()));
        cases.put("input 'command' must not be empty", command(" "));
        cases.put("input 'command' arguments must be strings", command(List.of("echo", Map.of("a", 1))));
        cases.put("input 'env' has '1BAD'", command("true").input("env", Map.of("1BAD", "x")));
        cases.put("input 'env' value of A must be", command("true").input("env", Map.of("A", List.of())));
        cases.put("input 'env' must be a map", command("true").input("env", "A=1"));
        cases.put("input 'files' path '../escape' must not contain '..'",
                command("true").input("files", Map.of("../escape", "x")));
        cases.put("input 'files' path 'a/../../b' must not contain '..'",
                command("true").input("files", Map.of("a/../../b", "x")));
        cases.put("input 'files' path '/etc/passwd' must be relative",
                command("true").input("files", Map.of("/etc/passwd", "x")));
        cases.put("input 'outputs' must hold exactly one of 'stdout' or 'files'",
                command("true").input("outputs", Map.of("stderr", "json")));
        cases.put("input 'outputs' 'stdout' can only be 'json'",
                command("true").input("outputs", Map.of("stdout", "text")));
        cases.put("input 'outputs' outputs.files.x.as must be text, json or base64",
                command("true").input("outputs", Map.of("files", Map.of("x", Map.of("path", "x", "as", "xml")))));
        cases.put("input 'outputs' outputs.files.x: path '../x' must not contain '..'",
                command("true").input("outputs", Map.of("files", Map.of("x", "../x"))));
        cases.put("input 'outputs' outputs.files.x must be a path or {path, as}",
                command("true").input("outputs", Map.of("files", Map.of("x", 3))));

        for (Map.Entry<String, Requests> c : cases.entrySet()) {
            OperationResult result = run(c.getValue());
            assertThat(result.outcome()).as(c.getKey()).isEqualTo(Outcome.FAILED);
            assertThat(result.error()).as(c.getKey()).startsWith("steward.command: " + c.getKey());
        }
        assertThat(Files.exists(temp.resolve("escape"))).isFalse();
    }

    @Test
    void the_two_built_ins_are_listed_for_an_unknown_name() throws Exception {
        OperationResult result = run(Requests.builtin("steward.nope"));

        assertThat(result.error()).contains("steward.command").contains("steward.docker");
    }
}
