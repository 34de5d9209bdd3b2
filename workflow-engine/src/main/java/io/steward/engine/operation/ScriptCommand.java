package io.steward.engine.operation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The command line that runs a script: its interpreter (from the shebang line, else from the file extension, else
 * none: the file is executed directly), wrapped in {@code setsid} where available so the script leads its own
 * session and process group, and its whole tree can be signalled at once.
 */
final class ScriptCommand {

    private static final Map<String, String> BY_EXTENSION =
            Map.of(".sh", "/bin/sh", ".bash", "bash", ".py", "python3", ".rb", "ruby", ".pl", "perl");
    private static final int SHEBANG_MAX = 512;

    /** {@code --wait} matters only if setsid had to fork; then its exit status is still the script's. */
    private static final Optional<Path> SETSID =
            Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of).filter(Files::isExecutable).findFirst();

    private ScriptCommand() {
    }

    static boolean startsOwnGroup() {
        return SETSID.isPresent();
    }

    static List<String> of(Path script, String implementation) {
        List<String> command = new ArrayList<>();
        List<String> interpreter = interpreter(script, implementation);
        requireAvailable(interpreter, implementation);
        command.addAll(interpreter);
        command.add(script.toString());
        return inOwnSession(command);
    }

    /** The command behind {@code setsid --wait} where available, so that its whole tree can be signalled at once. */
    static List<String> inOwnSession(List<String> command) {
        List<String> wrapped = new ArrayList<>();
        SETSID.ifPresent(setsid -> wrapped.addAll(List.of(setsid.toString(), "--wait")));
        wrapped.addAll(command);
        return wrapped;
    }

    private static List<String> interpreter(Path script, String implementation) {
        Optional<List<String>> shebang = shebang(script);
        if (shebang.isPresent()) {
            return shebang.get();
        }
        String name = script.getFileName().toString().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : BY_EXTENSION.entrySet()) {
            if (name.endsWith(e.getKey())) {
                return List.of(e.getValue());
            }
        }
        if (!Files.isExecutable(script)) {
            throw new OperationFailure("Script " + implementation + " has no shebang line, no known extension "
                    + BY_EXTENSION.keySet() + " and is not executable");
        }
        return List.of();
    }

    /**
     * Splits the shebang on whitespace, more leniently than the kernel (which passes one argument), so that
     * {@code #!/usr/bin/env python3 -u} also works. The script needs no execute bit: archives often lose it.
     */
    private static Optional<List<String>> shebang(Path script) {
        byte[] head;
        try (InputStream in = Files.newInputStream(script)) {
            head = in.readNBytes(SHEBANG_MAX);
        } catch (IOException e) {
            throw new OperationFailure("Cannot read script " + script + ": " + e.getMessage());
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (!text.startsWith("#!")) {
            return Optional.empty();
        }
        int end = text.indexOf('\n');
        String line = (end < 0 ? text.substring(2) : text.substring(2, end)).trim();
        List<String> words = Arrays.stream(line.split("\\s+")).filter(w -> !w.isEmpty()).toList();
        return words.isEmpty() ? Optional.empty() : Optional.of(words);
    }

    /** Fails early with a clear message rather than letting setsid report a failed exec. */
    private static void requireAvailable(List<String> interpreter, String implementation) {
        if (interpreter.isEmpty()) {
            return;
        }
        String program = interpreter.get(0);
        boolean found = program.contains("/")
                ? Files.isExecutable(Path.of(program))
                : Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                        .filter(dir -> !dir.isEmpty())
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
        if (!found) {
            throw new OperationFailure("Interpreter " + program + " for script " + implementation + " was not found"
                    + (program.contains("/") ? "" : " on PATH"));
        }
    }
}
