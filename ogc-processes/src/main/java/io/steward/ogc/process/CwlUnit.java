package io.steward.ogc.process;

import io.steward.engine.storage.JsonColumns;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A CWL application package's unit: a job runs {@code cwltool} through the engine's {@code steward.command}, by way
 * of a small runner ({@code cwl-run.py}) that picks containers when a Docker engine answers, removes the job's
 * containers when it is stopped, and hands back the outputs with their files' contents. The document is stored as it
 * was sent and read again when the process is loaded.
 */
record CwlUnit(String document, String target, List<String> fileInputs, Map<String, String> fileOutputs)
        implements ExecutionUnit {
    static final String TYPE = "cwl";
    private static final String RUNNER_FILE = "steward-cwl-run.py";
    private static final String RUNNER = runner();

    CwlUnit {
        fileInputs = List.copyOf(fileInputs);
        fileOutputs = Map.copyOf(fileOutputs);
    }

    /** Whether this server can run CWL: {@code cwltool} and {@code python3} on its PATH. */
    static boolean runnable() {
        return onPath("cwltool") && onPath("python3");
    }

    /** The unit of a stored process: its document read again (it passed the document limits when deployed). */
    static ExecutionUnit fromStored(Map<String, Object> stored) {
        String text = String.valueOf(stored.get("cwl"));
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(options.getCodePointLimit(), text.length() + 1));
        return CwlDocument.definition(new Yaml(new SafeConstructor(options)).load(text), text).unit();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String operation() {
        return ProcessBlueprint.INTERFACE + ".command";
    }

    @Override
    public Map<String, Object> operationInputs(Map<String, Object> inputs, JsonColumns json) {
        Map<String, Object> files = new LinkedHashMap<>();
        Map<String, Object> job = new LinkedHashMap<>();
        inputs.forEach((id, value) -> {
            if (fileInputs.contains(id)) {
                String path = "inputs/" + id;
                files.put(path, value instanceof String text ? text : json.write(value));
                job.put(id, Map.of("class", "File", "path", path));
            } else {
                job.put(id, value);
            }
        });
        files.put(RUNNER_FILE, RUNNER);
        files.put("tool.cwl", document);
        files.put("job.json", json.write(job));
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("command", List.of("python3", RUNNER_FILE, target == null ? "tool.cwl" : "tool.cwl" + target));
        kwargs.put("files", files);
        kwargs.put("outputs", Map.of("stdout", "json"));
        return kwargs;
    }

    @Override
    public Map<String, Object> results(Object output, Collection<String> outputIds) {
        Map<String, Object> results = new LinkedHashMap<>();
        if (!(output instanceof Map<?, ?> values)) {
            return results;
        }
        for (String id : outputIds) {
            if (values.containsKey(id)) {
                Object value = values.get(id);
                results.put(id, value instanceof Map<?, ?> file && file.get("contents") instanceof String contents
                        && fileOutputs.containsKey(id)
                        ? new OutputFile(String.valueOf(file.get("basename")), fileOutputs.get(id),
                        Base64.getDecoder().decode(contents))
                        : value);
            }
        }
        return results;
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("type", TYPE, "cwl", document);
    }

    private static String runner() {
        try (InputStream in = CwlUnit.class.getResourceAsStream("cwl-run.py")) {
            if (in == null) {
                throw new IllegalStateException("cwl-run.py is missing from the ogc-processes jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
