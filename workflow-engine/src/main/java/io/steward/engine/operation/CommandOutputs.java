package io.steward.engine.operation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code outputs} input of {@code steward.command} and {@code steward.docker}: where the operation's output
 * comes from. Absent: none (stdout is logged). {@code {stdout: json}}: the whole stdout, parsed as JSON.
 * {@code {files: {name: {path, as}}}}: a map of output files read from the work directory, each as text, JSON or
 * base64.
 */
final class CommandOutputs {

    static final long STDOUT_CAP = 16L * 1024 * 1024;
    static final long FILE_CAP = 64L * 1024 * 1024;
    private static final int SHOWN_CHARS = 200;

    enum Mode { NONE, STDOUT_JSON, FILES }

    enum As { TEXT, JSON, BASE64 }

    record OutputFile(Path path, As as) {}

    private final Mode mode;
    private final Map<String, OutputFile> files;

    private CommandOutputs(Mode mode, Map<String, OutputFile> files) {
        this.mode = mode;
        this.files = files;
    }

    static CommandOutputs parse(BuiltinInputs inputs) {
        Map<?, ?> outputs = inputs.map("outputs").orElse(null);
        if (outputs == null || outputs.isEmpty()) {
            return new CommandOutputs(Mode.NONE, Map.of());
        }
        if (!Set.of("stdout", "files").containsAll(outputs.keySet()) || outputs.size() != 1) {
            throw inputs.invalid("outputs", "must hold exactly one of 'stdout' or 'files', not " + outputs.keySet());
        }
        if (outputs.containsKey("stdout")) {
            if (!"json".equals(outputs.get("stdout"))) {
                throw inputs.invalid("outputs", "'stdout' can only be 'json', not '" + outputs.get("stdout") + "'");
            }
            return new CommandOutputs(Mode.STDOUT_JSON, Map.of());
        }
        if (!(outputs.get("files") instanceof Map<?, ?> named) || named.isEmpty()) {
            throw inputs.invalid("outputs", "'files' must be a non-empty map of output name to file");
        }
        Map<String, OutputFile> files = new LinkedHashMap<>();
        named.forEach((name, file) -> files.put(String.valueOf(name), file(inputs, String.valueOf(name), file)));
        return new CommandOutputs(Mode.FILES, files);
    }

    private static OutputFile file(BuiltinInputs inputs, String name, Object spec) {
        String what = "outputs.files." + name;
        if (spec instanceof String path) {
            return new OutputFile(relative(inputs, what, path), As.TEXT);
        }
        if (!(spec instanceof Map<?, ?> map) || !(map.get("path") instanceof String path)
                || !Set.of("path", "as").containsAll(map.keySet())) {
            throw inputs.invalid("outputs", what + " must be a path or {path, as}, not " + spec);
        }
        Object as = map.get("as") == null ? "text" : map.get("as");
        return switch (String.valueOf(as)) {
            case "text" -> new OutputFile(relative(inputs, what, path), As.TEXT);
            case "json" -> new OutputFile(relative(inputs, what, path), As.JSON);
            case "base64" -> new OutputFile(relative(inputs, what, path), As.BASE64);
            default -> throw inputs.invalid("outputs", what + ".as must be text, json or base64, not '" + as + "'");
        };
    }

    private static Path relative(BuiltinInputs inputs, String what, String path) {
        try {
            return WorkDirectory.relative(path, what);
        } catch (OperationFailure e) {
            throw inputs.invalid("outputs", e.getMessage());
        }
    }

    /** How much stdout to capture, or -1 when stdout is logged line by line. */
    long stdoutCapture() {
        return mode == Mode.STDOUT_JSON ? STDOUT_CAP : -1;
    }

    /** @throws OperationFailure when an output is missing, too large or not what it was declared to be */
    Object read(OutputCapture.Captured stdout, WorkDirectory directory, JsonCodec json) {
        return switch (mode) {
            case NONE -> null;
            case STDOUT_JSON -> stdoutJson(stdout, json);
            case FILES -> files(directory, json);
        };
    }

    private static Object stdoutJson(OutputCapture.Captured stdout, JsonCodec json) {
        if (stdout.overflowed()) {
            throw new OperationFailure("stdout is larger than the limit of " + stdout.cap()
                    + " bytes for outputs.stdout: json");
        }
        return parse(new String(stdout.bytes(), StandardCharsets.UTF_8), "stdout", json);
    }

    private Map<String, Object> files(WorkDirectory directory, JsonCodec json) {
        Map<String, Object> read = new LinkedHashMap<>();
        files.forEach((name, file) -> {
            byte[] bytes = directory.read(file.path(), name, FILE_CAP);
            read.put(name, switch (file.as()) {
                case TEXT -> new String(bytes, StandardCharsets.UTF_8);
                case JSON -> parse(new String(bytes, StandardCharsets.UTF_8),
                        "output file '" + name + "' (" + file.path() + ")", json);
                case BASE64 -> Base64.getEncoder().encodeToString(bytes);
            });
        });
        return read;
    }

    private static Object parse(String text, String what, JsonCodec json) {
        try {
            return json.read(text);
        } catch (RuntimeException e) {
            String shown = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "…" : text;
            throw new OperationFailure(what + " is not valid JSON (" + e.getMessage() + "); it begins: "
                    + (shown.isEmpty() ? "(empty)" : shown));
        }
    }
}
