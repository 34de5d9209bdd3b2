package io.steward.engine.operation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The two files through which a script hands results back: a JSON object merged into the instance's runtime
 * properties, and its output. Each run gets a fresh directory under the runner's work root, deleted once read.
 */
final class ScriptFiles {

    private final Path directory;

    private ScriptFiles(Path directory) {
        this.directory = directory;
    }

    static ScriptFiles create(Path workRoot) {
        try {
            Files.createDirectories(workRoot);
            ScriptFiles files = new ScriptFiles(Files.createTempDirectory(workRoot, "operation-"));
            Files.createFile(files.runtimePropertiesOut());
            Files.createFile(files.output());
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the files of a script operation under " + workRoot, e);
        }
    }

    Path runtimePropertiesOut() {
        return directory.resolve("runtime-properties.json");
    }

    Path output() {
        return directory.resolve("output");
    }

    /**
     * Reads both files, merging the new runtime properties over {@code current}, then deletes the directory. The
     * error is set when the runtime properties file is not valid.
     */
    SubprocessRun.RunOutputs readAndDelete(Map<String, Object> current, JsonCodec json) {
        try {
            Map<String, Object> merged = new LinkedHashMap<>(current);
            String error = null;
            String written = read(runtimePropertiesOut()).strip();
            if (!written.isEmpty()) {
                try {
                    merged.putAll(json.readMap(written));
                } catch (RuntimeException e) {
                    error = "STEWARD_RUNTIME_PROPERTIES_OUT does not hold a JSON object: " + e.getMessage();
                }
            }
            return new SubprocessRun.RunOutputs(merged, output(json), error);
        } finally {
            delete();
        }
    }

    /** JSON when it parses, else the text without its trailing line breaks; null when the file is empty. */
    private Object output(JsonCodec json) {
        String text = read(output());
        if (text.isBlank()) {
            return null;
        }
        try {
            return json.read(text);
        } catch (RuntimeException e) {
            return text.replaceAll("[\r\n]+$", "");
        }
    }

    private static String read(Path file) {
        try {
            // Lenient decoding: bad bytes become U+FFFD, so bad content is reported as invalid, not ignored.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // the script deleted the file: nothing was written
        }
    }

    void delete() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left for whoever cleans the work root; it holds only this run's two small files.
        }
    }
}
