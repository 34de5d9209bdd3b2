package io.steward.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.engine.operation.OperationResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptOperationTest {

    private static final Duration MAX = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private Blueprint blueprint;
    private OperationRunner runner;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void setUp() throws IOException {
        blueprint = new Blueprint(Files.createDirectories(temp.resolve("blueprint")));
        runner = new OperationRunner(new TestJson(), Duration.ofSeconds(1), temp.resolve("work"));
    }

    private OperationResult run(Requests request) throws InterruptedException {
        return Waits.result(runner.start(request.build(), listener), MAX);
    }

    @Test
    void script_output_is_logged_and_inputs_and_ids_are_in_its_environment() throws Exception {
        blueprint.script("scripts/create.sh",
                "echo \"port=$port name=$name debug=$debug\"",
                "echo \"ids=$STEWARD_EXECUTION_ID $STEWARD_DEPLOYMENT_ID $STEWARD_NODE_ID $STEWARD_NODE_INSTANCE_ID\"",
                "echo \"operation=$STEWARD_OPERATION cwd=$(pwd)\"",
                "echo \"inputs=$STEWARD_INPUTS\"",
                "echo \"nested is ${nested:-unset}\"",
                "echo 'a warning on stderr' >&2");

        OperationResult result = run(Requests.script(blueprint.root, "scripts/create.sh")
                .input("port", 8080).input("name", "web").input("debug", true)
                .input("nested", Map.of("a", 1)).input("bad-name", "x"));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.error()).isNull();
        assertThat(listener.lines()).contains(
                "info: port=8080 name=web debug=true",
                "info: ids=exec-1 dep-1 vm vm_abc123",
                "info: operation=cloudify.interfaces.lifecycle.create cwd=" + blueprint.root.toRealPath(),
                "info: nested is unset",
                "error: a warning on stderr");
        String inputs = listener.lines().stream().filter(l -> l.startsWith("info: inputs=")).findFirst().orElseThrow();
        assertThat(new TestJson().readMap(inputs.substring("info: inputs=".length())))
                .containsEntry("port", 8080L).containsEntry("nested", Map.of("a", 1L)).containsEntry("bad-name", "x");
    }

    @Test
    void runtime_properties_written_by_the_script_are_merged_into_the_result() throws Exception {
        blueprint.script("set.sh",
                "echo \"current=$STEWARD_RUNTIME_PROPERTIES\"",
                "echo '{\"ip\": \"10.0.0.7\", \"ports\": [80, 443]}' > \"$STEWARD_RUNTIME_PROPERTIES_OUT\"");

        OperationResult result = run(Requests.script(blueprint.root, "set.sh")
                .runtimeProperties(Map.of("ip", "old", "keep", "me")));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.runtimeProperties())
                .isEqualTo(Map.of("ip", "10.0.0.7", "ports", List.of(80L, 443L), "keep", "me"));
        assertThat(listener.lines()).anyMatch(l -> l.startsWith("info: current={") && l.contains("\"keep\":\"me\""));
    }

    @Test
    void invalid_json_in_the_runtime_properties_file_fails_and_changes_nothing() throws Exception {
        blueprint.script("set.sh", "echo 'ip = 10.0.0.7' > \"$STEWARD_RUNTIME_PROPERTIES_OUT\"");

        OperationResult result = run(Requests.script(blueprint.root, "set.sh").runtimeProperties(Map.of("ip", "old")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("set.sh", "STEWARD_RUNTIME_PROPERTIES_OUT does not hold a JSON object");
        assertThat(result.runtimeProperties()).isEqualTo(Map.of("ip", "old"));
    }

    @Test
    void the_output_file_becomes_the_output_parsed_as_json_when_it_is_json() throws Exception {
        blueprint.script("json.sh", "echo '[1, {\"ok\": true}]' > \"$STEWARD_OUTPUT\"");
        blueprint.script("text.sh", "echo 'all good' > \"$STEWARD_OUTPUT\"");

        assertThat(run(Requests.script(blueprint.root, "json.sh")).output()).isEqualTo(List.of(1L, Map.of("ok", true)));
        assertThat(run(Requests.script(blueprint.root, "text.sh")).output()).isEqualTo("all good");
    }

    @Test
    void non_zero_exit_fails_with_the_status_and_the_last_stderr_lines() throws Exception {
        blueprint.script("fail.sh",
                "i=0; while [ $i -lt 30 ]; do echo \"problem $i\" >&2; i=$((i+1)); done",
                "exit 3");

        OperationResult result = run(Requests.script(blueprint.root, "fail.sh"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).startsWith("Script fail.sh exited with status 3\n")
                .contains("problem 29", "problem 10").doesNotContain("problem 9\n");
    }

    @Test
    void the_shebang_names_the_interpreter_whatever_the_extension() throws Exception {
        blueprint.script("configure.sh", "#!/usr/bin/env bash", "[[ -n $BASH_VERSION ]] && echo \"bash it is\"");
        blueprint.script("tool", "#!/usr/bin/env python3", "import sys; print('python', sys.version_info[0])");

        assertThat(run(Requests.script(blueprint.root, "configure.sh")).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(run(Requests.script(blueprint.root, "tool")).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(listener.lines()).contains("info: bash it is", "info: python 3");
    }

    @Test
    void a_py_script_without_shebang_runs_with_python3() throws Exception {
        blueprint.script("scripts/start.py",
                "import os, json, sys",
                "print('python', sys.version_info[0], os.environ['STEWARD_NODE_ID'])",
                "json.dump({'pid': os.getpid()}, open(os.environ['STEWARD_RUNTIME_PROPERTIES_OUT'], 'w'))");

        OperationResult result = run(Requests.script(blueprint.root, "scripts/start.py"));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(listener.lines()).contains("info: python 3 vm");
        assertThat(result.runtimeProperties()).containsKey("pid");
    }

    @Test
    void a_script_that_runs_in_its_own_session_has_its_pid_as_process_group() throws Exception {
        blueprint.script("group.sh", "echo \"pgid=$(ps -o pgid= -p $$ | tr -d ' ') pid=$$\"");

        run(Requests.script(blueprint.root, "group.sh"));

        String line = listener.lines().get(0);
        assertThat(line).matches("info: pgid=(\\d+) pid=\\1");
    }

    @Test
    void a_missing_script_fails_clearly() throws Exception {
        OperationResult result = run(Requests.script(blueprint.root, "scripts/nope.sh"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo("Script scripts/nope.sh was not found in the blueprint");
    }
}
