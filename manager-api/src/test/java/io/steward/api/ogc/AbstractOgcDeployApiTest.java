package io.steward.api.ogc;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.TestDocker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Part 2: deploy, execute, replace and undeploy processes with command and docker execution units. */
abstract class AbstractOgcDeployApiTest extends OgcTestBase {
    private static final String P2 = "http://www.opengis.net/def/exceptions/ogcapi-processes-2/1.0/";
    private static final String PKG = "application/ogcapppkg+json";

    private static Map<String, Object> description(String id, List<String> jobControl, Map<String, Object> outputs) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("id", id);
        process.put("title", "Test process " + id);
        process.put("version", "1.0.0");
        process.put("jobControlOptions", jobControl);
        process.put("inputs", Map.of("word", Map.of("schema", Map.of("type", "string"))));
        process.put("outputs", outputs);
        return process;
    }

    private static Map<String, Object> upperCasePackage(String id) {
        return Map.of("processDescription", Map.of("process", description(id,
                        List.of("sync-execute", "async-execute", "dismiss"),
                        Map.of("upper", Map.of("schema", Map.of("type", "string"))))),
                "executionUnit", Map.of("type", "command",
                        "command", List.of("sh", "-c", "printf '{\"upper\":\"%s\"}' \"$(printf %s \"$WORD\" | tr a-z A-Z)\""),
                        "env", Map.of("WORD", "{inputs.word}"),
                        "outputs", Map.of("stdout", "json")));
    }

    private Api.Response send(Api api, String method, String path, Object json) {
        try {
            return api.send(method, path, PKG, server.context().getBean(io.micronaut.json.JsonMapper.class)
                    .writeValueAsBytes(json));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_command_process_is_deployed_executed_replaced_and_undeployed() {
        Api api = newUserClient();
        String id = unique("upper");
        Api.Response deployed = send(api, "POST", "/ogcapi/processes", upperCasePackage(id));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        assertThat(deployed.headers().get("location").get(0)).endsWith("/ogcapi/processes/" + id);
        assertThat(deployed.json()).containsEntry("mutable", true);

        Api.Response run = api.post("/ogcapi/processes/" + id + "/execution", Map.of("inputs", Map.of("word", "abc")));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.body()).isEqualTo("ABC");

        Map<String, Object> replacement = Map.of("processDescription", description(id, List.of("async-execute"),
                        Map.of("copy", Map.of("schema", Map.of("type", "object")))),
                "executionUnit", Map.of("type", "command", "command", "cp inputs.json copy.json",
                        "outputs", Map.of("files", Map.of("copy", Map.of("path", "copy.json", "as", "json")))));
        assertThat(send(api, "PUT", "/ogcapi/processes/" + id, replacement).status()).isEqualTo(204);
        assertThat(api.get("/ogcapi/processes/" + id + "/package").body()).contains("cp inputs.json copy.json");

        Api.Response async = api.post("/ogcapi/processes/" + id + "/execution", Map.of("inputs", Map.of("word", "w"),
                "response", "document"));
        assertThat(async.status()).as("async-only answers 201 without Prefer: " + async.body()).isEqualTo(201);
        String job = (String) async.json().get("jobID");
        awaitStatus(api, job, "successful");
        assertThat(api.get("/ogcapi/jobs/" + job + "/results").json()).as("an object output is a qualified value")
                .isEqualTo(Map.of("copy", Map.of("value", Map.of("word", "w"), "mediaType", "application/json")));

        assertThat(api.delete("/ogcapi/processes/" + id).status()).isEqualTo(204);
        assertException(api.get("/ogcapi/processes/" + id), 404, EXC + "no-such-process");
        assertThat(api.get("/ogcapi/jobs/" + job + "/results").status()).isEqualTo(200);
    }

    @Test
    void dismiss_kills_a_running_command_unit_and_its_processes_are_gone(@TempDir Path dir) throws Exception {
        Api api = newUserClient();
        String id = unique("long");
        Map<String, Object> pkg = Map.of("processDescription", description(id,
                        List.of("async-execute", "dismiss"), Map.of()),
                "executionUnit", Map.of("type", "command",
                        "command", "sleep 300 & echo $! >> {inputs.word}/pids; echo $$ >> {inputs.word}/pids; wait"));
        assertThat(send(api, "POST", "/ogcapi/processes", pkg).status()).isEqualTo(201);
        String job = submitAsync(api, id, Map.of("inputs", Map.of("word", dir.toString())));
        Path pids = dir.resolve("pids");
        Await.until("both processes started", Duration.ofSeconds(30),
                () -> Files.exists(pids) ? readLines(pids).size() : 0, n -> n == 2);
        assertThat(api.delete("/ogcapi/jobs/" + job).json()).containsEntry("status", "dismissed");
        awaitStatus(api, job, "dismissed");
        for (String pid : readLines(pids)) {
            Await.until("process " + pid + " gone", Duration.ofSeconds(15), () -> alive(pid.trim()), a -> !a);
        }
    }

    /** "The algorithm, in the form of a Docker image": inputs reach the container by placeholder, env and file. */
    private static Map<String, Object> dockerPackage(String id) {
        Map<String, Object> process = description(id, List.of("sync-execute", "async-execute", "dismiss"),
                Map.of("upper", Map.of("schema", Map.of("type", "string")),
                        "where", Map.of("schema", Map.of("type", "string")),
                        "inputs", Map.of("schema", Map.of("type", "object"))));
        return Map.of("processDescription", Map.of("process", process),
                "executionUnit", Map.of("type", "docker", "image", TestDocker.IMAGE,
                        "command", List.of("sh", "-c", "[ -f /.dockerenv ] && where=container || where=host; "
                                + "printf '{\"upper\":\"%s\",\"where\":\"%s:%s\",\"inputs\":%s}' "
                                + "\"$(printf %s \"$WORD\" | tr a-z A-Z)\" \"$where\" \"$(pwd)\" \"$(cat inputs.json)\"",
                                "{inputs.word}"),
                        "env", Map.of("WORD", "{inputs.word}"),
                        "outputs", Map.of("stdout", "json")));
    }

    @Test
    void a_docker_process_runs_in_a_container_sync_and_async_with_its_inputs_in_and_outputs_out() {
        TestDocker.assumeEngineAndImage();
        Api api = newUserClient();
        String id = unique("box");
        Api.Response deployed = send(api, "POST", "/ogcapi/processes", dockerPackage(id));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);

        Api.Response sync = api.post("/ogcapi/processes/" + id + "/execution", Map.of("inputs", Map.of("word", "abc"),
                "outputs", Map.of("upper", Map.of())));
        assertThat(sync.status()).as(sync.body()).isEqualTo(200);
        assertThat(sync.body()).isEqualTo("ABC");

        String job = submitAsync(api, id, Map.of("inputs", Map.of("word", "xyz"), "response", "document"));
        awaitStatus(api, job, "successful");
        Api.Response results = api.get("/ogcapi/jobs/" + job + "/results");
        assertThat(results.status()).as(results.body()).isEqualTo(200);
        assertThat(results.json()).containsEntry("upper", "XYZ").containsEntry("where", "container:/steward/work")
                .containsEntry("inputs", Map.of("value", Map.of("word", "xyz"), "mediaType", "application/json"));
        assertThat(TestDocker.stewardContainersWith("XYZ")).as("--rm removed the finished container").isEmpty();
    }

    @Test
    void dismiss_stops_a_running_docker_job_and_its_container_is_gone() {
        TestDocker.assumeEngineAndImage();
        Api api = newUserClient();
        String id = unique("boxlong");
        Map<String, Object> pkg = Map.of("processDescription", description(id,
                        List.of("async-execute", "dismiss"), Map.of()),
                "executionUnit", Map.of("type", "docker", "image", TestDocker.IMAGE,
                        "command", List.of("sh", "-c", "echo started; exec sleep 300", "{inputs.word}")));
        assertThat(send(api, "POST", "/ogcapi/processes", pkg).status()).isEqualTo(201);
        String marker = "marker-" + java.util.UUID.randomUUID();
        String job = submitAsync(api, id, Map.of("inputs", Map.of("word", marker)));
        List<String> running = Await.until("the job's container running", Duration.ofSeconds(60),
                () -> TestDocker.stewardContainersWith(marker), c -> c.size() == 1 && c.get(0).contains(" running "));

        assertThat(api.delete("/ogcapi/jobs/" + job).json()).containsEntry("status", "dismissed");

        awaitStatus(api, job, "dismissed");
        Await.until("container " + running.get(0).split(" ")[0] + " gone from docker ps -a", Duration.ofSeconds(30),
                () -> TestDocker.stewardContainersWith(marker), List::isEmpty);
    }

    @Test
    void a_docker_process_deploys_and_its_job_fails_clearly_without_a_docker_engine() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/var/run/docker.sock")),
                "a Docker engine runs here; this test checks the behaviour without one");
        Api api = newUserClient();
        String id = unique("docker");
        Map<String, Object> pkg = Map.of("processDescription", description(id,
                        List.of("async-execute"), Map.of("upper", Map.of("schema", Map.of("type", "string")))),
                "executionUnit", Map.of("type", "docker", "image", TestDocker.IMAGE, "command",
                        List.of("echo", "{inputs.word}")));
        assertThat(send(api, "POST", "/ogcapi/processes", pkg).status()).isEqualTo(201);
        String job = submitAsync(api, id, Map.of("inputs", Map.of("word", "x")));
        Map<String, Object> failed = awaitStatus(api, job, "failed");
        assertThat((String) failed.get("message")).containsIgnoringCase("docker");
    }

    @Test
    void part_2_refusals_have_their_exception_types() {
        Api api = newUserClient();
        String id = unique("dup");
        assertThat(send(api, "POST", "/ogcapi/processes", upperCasePackage(id)).status()).isEqualTo(201);
        assertException(send(api, "POST", "/ogcapi/processes", upperCasePackage(id)), 409, P2 + "duplicated-process");
        assertException(send(api, "POST", "/ogcapi/processes", upperCasePackage("echo")), 409,
                P2 + "duplicated-process");
        assertException(send(api, "PUT", "/ogcapi/processes/echo", upperCasePackage("echo")), 403,
                P2 + "immutable-process");
        assertException(api.delete("/ogcapi/processes/echo"), 403, P2 + "immutable-process");
        // CWL is read where cwltool can run it (a document without a class is then bad CWL), else refused as Part 2
        // refuses a media type.
        Api.Response classless = api.send("POST", "/ogcapi/processes", "application/cwl+yaml",
                "cwlVersion: v1.2".getBytes(StandardCharsets.UTF_8));
        if (io.steward.ogc.process.ProcessPackage.cwlRunnable()) {
            assertException(classless, 400, EXC + "invalid-parameter-value");
        } else {
            assertException(classless, 415, P2 + "unsupported-media-type");
        }
        Map<String, Object> cwlUnit = Map.of("processDescription", description(unique("cwl"), List.of("async-execute"),
                Map.of()), "executionUnit", Map.of("type", "application/cwl", "href", "http://example.com/a.cwl"));
        assertException(send(api, "POST", "/ogcapi/processes", cwlUnit), 415, P2 + "unsupported-media-type");
        assertException(send(api, "POST", "/ogcapi/processes", Map.of("processDescription", Map.of("id", "x"))), 400,
                EXC + "invalid-parameter-value");
        assertException(api.send("POST", "/ogcapi/processes", PKG, "{".getBytes(StandardCharsets.UTF_8)), 400,
                EXC + "invalid-parameter-value");
        String missing = unique("none");
        assertException(send(api, "PUT", "/ogcapi/processes/" + missing, upperCasePackage(missing)), 404,
                EXC + "no-such-process");
        assertException(send(api, "PUT", "/ogcapi/processes/" + id, upperCasePackage("other")), 400,
                EXC + "invalid-parameter-value");
        assertException(api.delete("/ogcapi/processes/" + unique("none")), 404, EXC + "no-such-process");
    }

    // Another tenant's view of a deployed process, for every role: AbstractTenantIsolationApiTest.

    @Test
    void a_viewer_may_read_a_deployed_process_but_not_deploy_replace_or_undeploy() {
        String tenant = newTenant();
        Api viewer = newMember(tenant, "viewer");
        String id = unique("viewed");
        assertThat(send(newMember(tenant, "user"), "POST", "/ogcapi/processes", upperCasePackage(id)).status())
                .isEqualTo(201);
        assertThat(viewer.get("/ogcapi/processes/" + id).status()).isEqualTo(200);
        assertThat(viewer.get("/ogcapi/processes/" + id + "/package").status()).isEqualTo(200);
        assertException(send(viewer, "POST", "/ogcapi/processes", upperCasePackage(unique("mine"))), 403,
                EXC + "forbidden");
        assertException(send(viewer, "PUT", "/ogcapi/processes/" + id, upperCasePackage(id)), 403,
                EXC + "forbidden");
        assertException(viewer.delete("/ogcapi/processes/" + id), 403, EXC + "forbidden");
        assertException(viewer.post("/ogcapi/processes/" + id + "/execution", Map.of("inputs",
                Map.of("word", "x"))), 403, EXC + "forbidden");
        assertThat(viewer.get("/ogcapi/processes/" + id).status()).isEqualTo(200);
    }

    /** Alive as /proc sees it: a zombie waiting to be reaped by its parent has ended. */
    private static boolean alive(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
