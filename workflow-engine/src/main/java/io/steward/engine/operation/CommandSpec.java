package io.steward.engine.operation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs of {@code steward.command} and {@code steward.docker}, checked. A missing or mistyped input fails the
 * operation with a message naming it.
 *
 * @param command the argv to run; a single string became {@code /bin/sh -c <string>}; empty only for docker, where
 *                the image's default command then runs
 * @param image   the container image (docker only), else null
 * @param stdin   bytes for stdin, or null to close it at once
 * @param files   input files by path relative to the work directory
 */
record CommandSpec(List<String> command, String image, Map<String, String> env, byte[] stdin,
        Map<Path, String> files, CommandOutputs outputs) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static CommandSpec parse(BuiltinInputs inputs, boolean docker) {
        String image = docker ? inputs.requiredString("image") : null;
        if (image != null && image.isBlank()) {
            throw inputs.invalid("image", "must not be empty");
        }
        List<String> command = command(inputs, docker);
        byte[] stdin = inputs.string("stdin").map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        return new CommandSpec(command, image, env(inputs), stdin, files(inputs), CommandOutputs.parse(inputs));
    }

    private static List<String> command(BuiltinInputs inputs, boolean docker) {
        Object value = inputs.value("command").orElse(null);
        if (value == null) {
            if (docker) {
                return List.of();
            }
            throw inputs.invalid("command", "is required (a list of arguments, or a string run by /bin/sh -c)");
        }
        if (value instanceof String shell) {
            if (shell.isBlank()) {
                throw inputs.invalid("command", "must not be empty");
            }
            return List.of("/bin/sh", "-c", shell);
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw inputs.invalid("command", "must be a non-empty list of arguments or a string, not " + value);
        }
        List<String> argv = new ArrayList<>();
        for (Object argument : list) {
            if (!isScalar(argument)) {
                throw inputs.invalid("command", "arguments must be strings, not " + argument);
            }
            argv.add(String.valueOf(argument));
        }
        return List.copyOf(argv);
    }

    private static Map<String, String> env(BuiltinInputs inputs) {
        Map<String, String> env = new LinkedHashMap<>();
        inputs.map("env").orElse(Map.of()).forEach((name, value) -> {
            if (!(name instanceof String key) || !ENV_NAME.matcher(key).matches()) {
                throw inputs.invalid("env", "has '" + name + "', which is not a valid environment variable name");
            }
            if (!isScalar(value)) {
                throw inputs.invalid("env", "value of " + name + " must be a string, number or boolean, not "
                        + value);
            }
            env.put(key, String.valueOf(value));
        });
        return env;
    }

    private static Map<Path, String> files(BuiltinInputs inputs) {
        Map<Path, String> files = new LinkedHashMap<>();
        inputs.map("files").orElse(Map.of()).forEach((path, content) -> {
            Path relative;
            try {
                relative = WorkDirectory.relative(String.valueOf(path), "files");
            } catch (OperationFailure e) {
                throw inputs.invalid("files", e.getMessage().substring("files: ".length()));
            }
            if (!isScalar(content)) {
                throw inputs.invalid("files", "content of " + path + " must be text, not " + content);
            }
            files.put(relative, String.valueOf(content));
        });
        return files;
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
