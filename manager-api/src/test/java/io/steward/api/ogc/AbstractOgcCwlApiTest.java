package io.steward.api.ogc;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.TestDocker;
import io.steward.ogc.process.ProcessPackage;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CWL application packages through the real server and a real cwltool: deployed as {@code application/cwl+yaml} or
 * in an ogcapppkg, described from their inputs and outputs, run in a container of the local test image (sync and
 * async), File outputs fetched where their references point, a running job dismissed with its container gone, and
 * bad CWL refused with 400. Skipped with a message where cwltool is missing, unless STEWARD_TEST_CWL_REQUIRED=true.
 */
abstract class AbstractOgcCwlApiTest extends OgcTestBase {
    private static final String P2 = "http://www.opengis.net/spec/ogcapi-processes-2/1.0/conf/";
    private static final Duration CWL_RUN = Duration.ofMinutes(4);

    @BeforeEach
    void cwltoolAndDockerImage() {
        if (!ProcessPackage.cwlRunnable()) {
            String missing = "cwltool (or python3) is not on PATH";
            if ("true".equals(System.getenv("STEWARD_TEST_CWL_REQUIRED"))) {
                Assertions.fail("STEWARD_TEST_CWL_REQUIRED is set but " + missing);
            }
            Assumptions.abort(missing + "; the CWL tests are skipped (apt-get install cwltool)");
        }
        TestDocker.assumeEngineAndImage();
    }

    private static String upperTool(String id) {
        return """
                cwlVersion: v1.2
                class: CommandLineTool
                id: %s
                label: Upper case
                doc: Upper-cases a word, in a container.
                $namespaces:
                  iana: https://www.iana.org/assignments/media-types/
                requirements:
                  DockerRequirement:
                    dockerPull: %s
                baseCommand: [sh, -c]
                arguments:
                  - 'printf %%s "$0" | tr a-z A-Z > upper.txt; printf %%s "$0" > said.txt; if [ -f /.dockerenv ]; then printf container > where.txt; else printf host > where.txt; fi'
                inputs:
                  word:
                    type: string
                    label: Word
                    inputBinding: {position: 1}
                  times:
                    type: int?
                outputs:
                  upper:
                    type: File
                    format: iana:text/plain
                    outputBinding: {glob: upper.txt}
                  said:
                    type: string
                    outputBinding: {glob: said.txt, loadContents: true, outputEval: '$(self[0].contents)'}
                  where:
                    type: string
                    outputBinding: {glob: where.txt, loadContents: true, outputEval: '$(self[0].contents)'}
                """.formatted(id, TestDocker.IMAGE);
    }

    private static Api.Response deployYaml(Api api, String cwl) {
        return api.send("POST", "/ogcapi/processes", "application/cwl+yaml", cwl.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_cwl_tool_is_described_from_its_inputs_and_outputs_and_runs_in_a_container_sync_and_async() {
        Api api = newUserClient();
        String id = unique("cwlupper");
        Api.Response deployed = deployYaml(api, upperTool(id));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        assertThat(api.get("/ogcapi/conformance").json().get("conformsTo")).asList().contains(P2 + "cwl");

        Map<String, Object> description = api.get("/ogcapi/processes/" + id).json();
        assertThat(description).containsEntry("title", "Upper case")
                .containsEntry("description", "Upper-cases a word, in a container.");
        assertThat(description.get("inputs")).isEqualTo(Map.of(
                "word", Map.of("title", "Word", "minOccurs", 1, "maxOccurs", 1, "schema", Map.of("type", "string")),
                "times", Map.of("minOccurs", 0, "maxOccurs", 1, "schema", Map.of("type", "integer"))));
        assertThat(description.get("outputs")).isEqualTo(Map.of(
                "upper", Map.of("schema", Map.of("type", "string", "contentMediaType", "text/plain")),
                "said", Map.of("schema", Map.of("type", "string")),
                "where", Map.of("schema", Map.of("type", "string"))));

        Api.Response sync = api.post("/ogcapi/processes/" + id + "/execution", Map.of("inputs",
                Map.of("word", "hello"), "response", "document"));
        assertThat(sync.status()).as(sync.body()).isEqualTo(200);
        assertThat(sync.json()).containsEntry("said", "hello").containsEntry("where", "container");
        @SuppressWarnings("unchecked")
        Map<String, Object> upper = (Map<String, Object>) sync.json().get("upper");
        assertThat(upper).containsEntry("type", "text/plain").containsEntry("rel", "related");
        String href = (String) upper.get("href");
        assertThat(href).contains("/ogcapi/jobs/").endsWith("/results/upper");
        Api.Response file = api.get(href.substring(href.indexOf("/ogcapi/")));
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("HELLO");
        assertThat(file.headers().get("content-type").get(0)).startsWith("text/plain");

        String job = submitAsync(api, id, Map.of("inputs", Map.of("word", "async")));
        Await.until("async CWL job " + job + " successful", CWL_RUN,
                () -> api.get("/ogcapi/jobs/" + job).json(), s -> !"running".equals(s.get("status"))
                        && !"accepted".equals(s.get("status")));
        assertThat(api.get("/ogcapi/jobs/" + job).json()).containsEntry("status", "successful");
        Api.Response results = api.get("/ogcapi/jobs/" + job + "/results");
        assertThat(results.status()).as(results.body()).isEqualTo(200);
        assertThat(api.get("/ogcapi/jobs/" + job + "/results/upper").body()).isEqualTo("ASYNC");
        assertThat(api.get("/ogcapi/jobs/" + job + "/results/said").body()).isEqualTo("async");
    }

    @Test
    void an_ogcapppkg_with_a_cwl_unit_deploys_with_its_description_derived() {
        Api api = newUserClient();
        String id = unique("cwlpkg");
        Map<String, Object> pkg = Map.of("executionUnit", Map.of("type", "application/cwl+yaml",
                "value", upperTool(id)));
        Api.Response deployed = api.send("POST", "/ogcapi/processes", "application/ogcapppkg+json",
                json(pkg));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        Map<String, Object> description = api.get("/ogcapi/processes/" + id).json();
        assertThat(description).containsEntry("id", id).containsEntry("title", "Upper case");
        @SuppressWarnings("unchecked")
        Map<String, Object> outputs = (Map<String, Object>) description.get("outputs");
        assertThat(outputs).containsOnlyKeys("upper", "said", "where");
    }

    @Test
    void dismiss_stops_a_running_cwl_job_and_its_container_is_gone() {
        Api api = newUserClient();
        String id = unique("cwlsleep");
        String marker = "marker-" + java.util.UUID.randomUUID();
        String cwl = """
                cwlVersion: v1.2
                class: CommandLineTool
                id: %s
                requirements:
                  DockerRequirement:
                    dockerPull: %s
                baseCommand: [sh, -c]
                arguments: ['echo started; exec sleep 300']
                inputs:
                  marker:
                    type: string
                    inputBinding: {position: 1}
                outputs: {}
                """.formatted(id, TestDocker.IMAGE);
        assertThat(deployYaml(api, cwl).status()).isEqualTo(201);
        String job = submitAsync(api, id, Map.of("inputs", Map.of("marker", marker)));
        List<String> running = Await.until("the CWL job's container running", CWL_RUN,
                () -> containersWith(marker), c -> c.size() == 1 && c.get(0).contains(" running "));

        Api.Response dismissed = api.delete("/ogcapi/jobs/" + job);
        assertThat(dismissed.status()).as(dismissed.body()).isEqualTo(200);
        assertThat(dismissed.json()).containsEntry("status", "dismissed");
        Await.until("container " + running.get(0).split(" ")[0] + " gone from docker ps -a", Duration.ofSeconds(60),
                () -> containersWith(marker), List::isEmpty);
    }

    @Test
    void bad_cwl_is_refused_with_400_in_the_ogc_exception_format() {
        Api api = newUserClient();
        String invalid = EXC + "invalid-parameter-value";
        assertException(deployYaml(api, "cwlVersion: v1.2\nclass: Nonsense\nid: x\n"), 400, invalid);
        assertException(deployYaml(api, "cwlVersion: v1.2\nclass: CommandLineTool\ninputs: {}\noutputs: {}\n"), 400,
                invalid);
        assertException(deployYaml(api, "cwlVersion: [unclosed\n"), 400, invalid);
        assertException(deployYaml(api, "cwlVersion: v1.2\nclass: CommandLineTool\nid: "
                + unique("badtype") + "\ninputs: {a: {type: Widget}}\noutputs: {}\n"), 400, invalid);
        assertException(deployYaml(api, "- just\n- a list\n"), 400, invalid);
        assertException(api.send("POST", "/ogcapi/processes", "application/ogcapppkg+json",
                json(Map.of("executionUnit", Map.of("type", "application/cwl", "value", 42)))), 400, invalid);
    }

    /** Containers, running or not, whose command line holds {@code marker}: "id state command", one a line. */
    private static List<String> containersWith(String marker) {
        return TestDocker.docker("ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.State}} {{.Command}}")
                .lines().filter(line -> line.contains(marker)).toList();
    }

    private byte[] json(Object value) {
        try {
            return server.context().getBean(io.micronaut.json.JsonMapper.class).writeValueAsBytes(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
