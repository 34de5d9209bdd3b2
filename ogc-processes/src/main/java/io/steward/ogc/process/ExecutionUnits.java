package io.steward.ogc.process;

import io.steward.engine.storage.JsonColumns;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The execution units a deployed process may have, read from a package's {@code executionUnit}:
 * <ul>
 *   <li>{@code command} (a Steward extension): {@code command} (a list of arguments, run without a shell, or a
 *       string run by {@code /bin/sh -c}), optional {@code env} (name → value), {@code stdin}, and {@code outputs}:
 *       {@code {"stdout": "json"}} or {@code {"files": {"<outputId>": {"path": "…", "as": "text|json|base64"}}}}.
 *       Any string may hold {@code {inputs.<id>}}, replaced by the input's value (a string as it is, anything else
 *       as JSON; an absent optional input as an empty string). All inputs are also written as JSON to
 *       {@code inputs.json} in the run's working directory. It runs as the engine's {@code steward.command}.</li>
 *   <li>{@code docker}: {@code image} plus the same optional members; it runs as {@code steward.docker}.</li>
 * </ul>
 * CWL units are read by {@link ProcessPackage} ({@link CwlDocument}); anything else is refused as an unsupported
 * media type.
 */
final class ExecutionUnits {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{inputs\\.([A-Za-z0-9_.-]+)}");
    private static final Set<String> COMMAND_KEYS = Set.of("type", "command", "env", "stdin", "outputs");
    private static final Set<String> DOCKER_KEYS = Set.of("type", "image", "command", "env", "stdin", "outputs",
            "deployment", "config");

    private ExecutionUnits() {
    }

    /** A unit as {@link ProcessStore} keeps it: one a package gave, or a CWL unit ({@link CwlUnit#toJson}). */
    static ExecutionUnit fromStored(Map<String, Object> unit) {
        return CwlUnit.TYPE.equals(unit.get("type")) ? CwlUnit.fromStored(unit) : fromJson(unit);
    }

    @SuppressWarnings("unchecked")
    static ExecutionUnit fromJson(Map<String, Object> unit) {
        Object type = unit.get("type");
        if ("command".equals(type)) {
            allowOnly(unit, COMMAND_KEYS);
            if (unit.get("command") == null) {
                throw ProcessException.invalidInput("executionUnit.command is required for a command unit");
            }
            return new Templated("command", unit);
        }
        if ("docker".equals(type) || "oci".equals(type)) {
            allowOnly(unit, DOCKER_KEYS);
            if (!(unit.get("image") instanceof String image) || image.isBlank()) {
                throw ProcessException.invalidInput("executionUnit.image is required for a docker unit");
            }
            return new Templated("docker", unit);
        }
        throw new ProcessException(ProcessException.Reason.UNSUPPORTED_MEDIA_TYPE, "Execution units of type '"
                + type + "' are not supported; Steward runs 'docker' and 'command' units, and CWL");
    }

    private static void allowOnly(Map<String, Object> unit, Set<String> keys) {
        for (String key : unit.keySet()) {
            if (!keys.contains(key)) {
                throw ProcessException.invalidInput("Unknown member '" + key + "' in executionUnit; allowed are "
                        + new java.util.TreeSet<>(keys));
            }
        }
        Object command = unit.get("command");
        if (command != null && !(command instanceof String)
                && !(command instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(String.class::isInstance))) {
            throw ProcessException.invalidInput("executionUnit.command must be a string or a non-empty list of strings");
        }
        if (unit.get("env") != null && !(unit.get("env") instanceof Map<?, ?>)) {
            throw ProcessException.invalidInput("executionUnit.env must be an object of names to values");
        }
        Object outputs = unit.get("outputs");
        if (outputs != null && !(outputs instanceof Map<?, ?> map
                && (map.equals(Map.of("stdout", "json")) || map.keySet().equals(Set.of("files"))))) {
            throw ProcessException.invalidInput("executionUnit.outputs must be {\"stdout\": \"json\"} or"
                    + " {\"files\": {\"<outputId>\": {\"path\": …, \"as\": …}}}");
        }
    }

    /** A command or docker unit: its members, with input placeholders filled in per job. */
    record Templated(String kind, Map<String, Object> unit) implements ExecutionUnit {
        @Override
        public String type() {
            return kind;
        }

        @Override
        public String operation() {
            return ProcessBlueprint.INTERFACE + "." + kind;
        }

        @Override
        public Map<String, Object> operationInputs(Map<String, Object> inputs, JsonColumns json) {
            Map<String, Object> kwargs = new LinkedHashMap<>();
            if (unit.get("image") != null) {
                kwargs.put("image", unit.get("image"));
            }
            if (unit.get("command") != null) {
                kwargs.put("command", fill(unit.get("command"), inputs, json));
            }
            if (unit.get("env") instanceof Map<?, ?> env) {
                Map<String, Object> filled = new LinkedHashMap<>();
                env.forEach((name, value) -> filled.put(String.valueOf(name), fill(String.valueOf(value), inputs, json)));
                kwargs.put("env", filled);
            }
            if (unit.get("stdin") != null) {
                kwargs.put("stdin", fill(String.valueOf(unit.get("stdin")), inputs, json));
            }
            kwargs.put("files", Map.of("inputs.json", json.write(inputs)));
            if (unit.get("outputs") != null) {
                kwargs.put("outputs", unit.get("outputs"));
            }
            return kwargs;
        }

        @Override
        public Map<String, Object> results(Object output, Collection<String> outputIds) {
            return ExecutionUnit.byOutputId(output, outputIds);
        }

        @Override
        public Map<String, Object> toJson() {
            return unit;
        }

        private static Object fill(Object template, Map<String, Object> inputs, JsonColumns json) {
            if (template instanceof List<?> list) {
                List<String> args = new ArrayList<>();
                list.forEach(arg -> args.add(fill(String.valueOf(arg), inputs, json)));
                return args;
            }
            return fill(String.valueOf(template), inputs, json);
        }

        private static String fill(String template, Map<String, Object> inputs, JsonColumns json) {
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                Object value = inputs.get(m.group(1));
                String text = value == null ? "" : value instanceof String s ? s : json.write(value);
                m.appendReplacement(out, Matcher.quoteReplacement(text));
            }
            m.appendTail(out);
            return out.toString();
        }
    }
}
