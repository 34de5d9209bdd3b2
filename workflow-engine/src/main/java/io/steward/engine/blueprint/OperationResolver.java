package io.steward.engine.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides how each operation runs, refusing at parse time what Steward could not run. An implementation is:
 * empty (NOOP); a Steward built-in; Cloudify's script plugin task {@code script.script_runner.tasks.run} with a
 * {@code script_path} input (SCRIPT, the same as naming the script directly); or the path of a file in the archive
 * (SCRIPT). Anything else, such as another plugin's task or a missing file, is refused.
 */
final class OperationResolver {
    static final List<String> BUILTINS = List.of("steward.noop", "steward.log", "steward.sleep", "steward.fail",
            "steward.http", "steward.echo", "steward.digest", "steward.command", "steward.docker");
    private static final String SCRIPT_RUNNER = "script.script_runner.tasks.run";
    private static final String SCRIPT_PATH = "script_path";

    private final BlueprintArchive archive;

    OperationResolver(BlueprintArchive archive) {
        this.archive = archive;
    }

    /** Interface → operation → spec, flattened to full operation name → resolved operation. */
    Map<String, Operation> resolveAll(Map<String, Map<String, OperationSpec>> interfaces) {
        Map<String, Operation> operations = new LinkedHashMap<>();
        interfaces.forEach((interfaceName, ops) -> ops.forEach((op, spec) -> {
            String fullName = interfaceName + "." + op;
            operations.put(fullName, resolve(fullName, spec));
        }));
        return Collections.unmodifiableMap(operations);
    }

    private Operation resolve(String fullName, OperationSpec spec) {
        Map<String, Object> inputs = inputValues(spec);
        String implementation = spec.implementation();
        OperationKind kind;
        if (implementation.isEmpty()) {
            kind = OperationKind.NOOP;
        } else if (BUILTINS.contains(implementation)) {
            kind = OperationKind.BUILTIN;
            checkBuiltinInputs(spec, implementation, inputs);
        } else if (implementation.equals(SCRIPT_RUNNER)) {
            kind = OperationKind.SCRIPT;
            implementation = scriptPathInput(spec, inputs);
            inputs.remove(SCRIPT_PATH);
        } else if (archivePath(implementation) != null) {
            kind = OperationKind.SCRIPT;
            implementation = archivePath(implementation);
        } else {
            throw spec.where().error("implementation '" + implementation + "' is neither a file in the blueprint"
                    + " archive nor a Steward built-in " + BUILTINS + " (plugin tasks are not supported)");
        }
        return new Operation(fullName, kind, implementation, inputs, spec.executor(),
                orDefault(spec.maxRetries(), Operation.DEFAULT_MAX_RETRIES),
                orDefault(spec.retryInterval(), Operation.DEFAULT_RETRY_INTERVAL_SECONDS),
                orDefault(spec.timeout(), Operation.NO_TIMEOUT));
    }

    private static Map<String, Object> inputValues(OperationSpec spec) {
        Map<String, Object> values = new LinkedHashMap<>();
        spec.inputs().forEach((name, input) -> {
            if (!input.present()) {
                throw spec.where().error("operation input '" + name + "' is required by the type and has no value");
            }
            values.put(name, input.value());
        });
        return values;
    }

    private String scriptPathInput(OperationSpec spec, Map<String, Object> inputs) {
        if (!(inputs.get(SCRIPT_PATH) instanceof String path)) {
            throw spec.where().error(SCRIPT_RUNNER + " needs a script_path input naming a file in the archive");
        }
        String normalized = archivePath(path);
        if (normalized == null) {
            throw spec.where().error("script_path '" + path + "' is not a file in the blueprint archive");
        }
        return normalized;
    }

    /** The archive path {@code written} names, or null when no such file is in the archive. */
    private String archivePath(String written) {
        return ArchivePath.resolveRelative("", written).filter(archive::contains).orElse(null);
    }

    private static void checkBuiltinInputs(OperationSpec spec, String builtin, Map<String, Object> inputs) {
        if (builtin.equals("steward.http") && !inputs.containsKey("url")) {
            throw spec.where().error("steward.http needs a url input");
        }
        if (builtin.equals("steward.command") && !inputs.containsKey("command")) {
            throw spec.where().error("steward.command needs a command input");
        }
        if (builtin.equals("steward.docker") && !inputs.containsKey("image")) {
            throw spec.where().error("steward.docker needs an image input");
        }
        Object seconds = inputs.get("seconds");
        if (builtin.equals("steward.sleep") && seconds != null && !NumberValues.isNumber(seconds)
                && !IntrinsicFunctions.isFunctionCall(seconds)) {
            throw spec.where().error("steward.sleep's seconds input must be a number");
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}
