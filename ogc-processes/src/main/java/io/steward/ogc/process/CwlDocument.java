package io.steward.ogc.process;

import io.steward.engine.document.DocumentLimits;
import io.steward.engine.document.DocumentTooLargeException;
import io.steward.engine.document.YamlExpansion;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CWL document deployed as a process (OGC Application Package best practice): a {@code CommandLineTool} or
 * {@code Workflow}, alone or in a {@code $graph} (where the one with id {@code main}, else the only workflow, is the
 * process). Its id is the process id, its {@code label} and {@code doc} the title and description, and its inputs and
 * outputs become the description's, each type as a JSON schema. A {@code File} input is given as its content (text);
 * {@code File} and {@code Directory} outputs are returned by reference. A document that is not such CWL is refused
 * with {@code invalid-parameter-value} naming what is wrong.
 */
final class CwlDocument {
    static final Set<String> MEDIA_TYPES = Set.of("application/cwl", "application/cwl+yaml", "application/cwl+json");
    private static final Set<String> CLASSES = Set.of("CommandLineTool", "Workflow", "ExpressionTool");
    private static final String TAR = "application/x-tar";
    private static final String OCTETS = "application/octet-stream";

    private CwlDocument() {
    }

    /** Reads CWL text (YAML or JSON), bounded by {@code limits} before anything is built. */
    static ProcessDefinition parse(String text, DocumentLimits limits) {
        if (text == null || text.isBlank()) {
            throw ProcessException.invalidInput("The CWL document is empty");
        }
        Object root;
        try {
            LoaderOptions options = YamlExpansion.loaderOptions(limits);
            Node node = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
            if (node == null) {
                throw ProcessException.invalidInput("The CWL document is empty");
            }
            YamlExpansion.check(node, limits, "The CWL document");
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (DocumentTooLargeException e) {
            throw ProcessException.invalidInput(e.getMessage());
        } catch (YAMLException e) {
            throw ProcessException.invalidInput("The CWL document is not valid YAML: " + firstLine(e.getMessage()));
        }
        return definition(root, text);
    }

    /** The process a parsed CWL document describes; {@code text} is kept as it is, for cwltool. */
    static ProcessDefinition definition(Object root, String text) {
        if (!(root instanceof Map<?, ?> document)) {
            throw ProcessException.invalidInput("The CWL document must be a mapping");
        }
        Map<?, ?> process = main(document);
        if (!(document.get("cwlVersion") instanceof String)) {
            throw ProcessException.invalidInput("The CWL document has no cwlVersion");
        }
        if (!(process.get("id") instanceof String rawId) || shortId(rawId).isBlank()) {
            throw ProcessException.invalidInput("The CWL process needs an id: it is the process id");
        }
        String id = shortId(rawId);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("id", id);
        if (process.get("label") instanceof String label) {
            description.put("title", label);
        }
        if (process.get("doc") instanceof String doc) {
            description.put("description", doc);
        }
        description.put("version", process.get("s:softwareVersion") instanceof String v ? v : "1.0.0");
        description.put("jobControlOptions", List.of(ProcessDefinition.SYNC, ProcessDefinition.ASYNC,
                ProcessDefinition.DISMISS));
        description.put("outputTransmission", List.of("value", "reference"));
        Map<String, Object> inputs = new LinkedHashMap<>();
        List<String> fileInputs = new ArrayList<>();
        parameters(process.get("inputs"), "inputs").forEach((name, parameter) -> {
            Type type = type(parameter.get("type"), "inputs." + name);
            if (type.kind() == Kind.DIRECTORY) {
                throw ProcessException.invalidInput("CWL input '" + name + "' is a Directory; Steward takes File"
                        + " inputs (as their content) and values, not directories");
            }
            if (type.kind() == Kind.FILE) {
                fileInputs.add(name);
            }
            boolean optional = type.optional() || parameter.containsKey("default");
            inputs.put(name, described(parameter, type.schema(), optional ? 0 : 1));
        });
        Map<String, Object> outputs = new LinkedHashMap<>();
        Map<String, String> fileOutputs = new LinkedHashMap<>();
        parameters(process.get("outputs"), "outputs").forEach((name, parameter) -> {
            Type type = type(parameter.get("type"), "outputs." + name);
            Map<String, Object> schema = type.schema();
            if (type.kind() != Kind.VALUE) {
                String mediaType = type.kind() == Kind.DIRECTORY ? TAR : mediaType(parameter.get("format"));
                fileOutputs.put(name, mediaType);
                schema = Map.of("type", "string", "contentMediaType", mediaType);
            }
            Map<String, Object> output = described(parameter, schema, -1);
            outputs.put(name, output);
        });
        description.put("inputs", inputs);
        description.put("outputs", outputs);
        String target = document.containsKey("$graph") ? "#" + shortIdWithoutSlash(rawId) : null;
        return new ProcessDefinition(id, description, new CwlUnit(text, target, fileInputs, fileOutputs), true);
    }

    /** A File's CWL {@code format} as a media type when it names one (IANA's), else application/octet-stream. */
    private static String mediaType(Object format) {
        String iana = "iana.org/assignments/media-types/";
        if (format instanceof String f && f.startsWith("iana:") && f.indexOf('/') > 0) {
            return f.substring("iana:".length());
        }
        if (format instanceof String f && f.contains(iana)) {
            return f.substring(f.indexOf(iana) + iana.length());
        }
        return OCTETS;
    }

    private static Map<?, ?> main(Map<?, ?> document) {
        if (!document.containsKey("$graph")) {
            requireClass(document);
            return document;
        }
        if (!(document.get("$graph") instanceof List<?> graph) || graph.isEmpty()) {
            throw ProcessException.invalidInput("The CWL $graph must be a non-empty list of processes");
        }
        List<Map<?, ?>> processes = new ArrayList<>();
        for (Object item : graph) {
            if (!(item instanceof Map<?, ?> map)) {
                throw ProcessException.invalidInput("Each entry of the CWL $graph must be a mapping");
            }
            processes.add(map);
        }
        Map<?, ?> chosen = processes.stream().filter(p -> p.get("id") instanceof String id
                && shortId(id).equals("main")).findFirst().orElse(null);
        if (chosen == null) {
            List<Map<?, ?>> workflows = processes.stream().filter(p -> "Workflow".equals(p.get("class"))).toList();
            chosen = workflows.size() == 1 ? workflows.get(0) : processes.size() == 1 ? processes.get(0) : null;
        }
        if (chosen == null) {
            throw ProcessException.invalidInput("The CWL $graph has no process with id 'main' and not exactly one"
                    + " Workflow: Steward cannot tell which one is the process");
        }
        requireClass(chosen);
        return chosen;
    }

    private static void requireClass(Map<?, ?> process) {
        if (!CLASSES.contains(String.valueOf(process.get("class")))) {
            throw ProcessException.invalidInput("The CWL document's class must be one of " + CLASSES + ", not "
                    + process.get("class"));
        }
    }

    /** Inputs or outputs in either of CWL's forms (a map by id, or a list with ids), each as a mapping. */
    private static Map<String, Map<?, ?>> parameters(Object value, String member) {
        Map<String, Map<?, ?>> byId = new LinkedHashMap<>();
        if (value == null) {
            return byId;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((id, parameter) -> byId.put(shortId(String.valueOf(id)), parameter instanceof Map<?, ?> p
                    ? p : Map.of("type", parameter == null ? "Any" : parameter)));
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> parameter) || !(parameter.get("id") instanceof String id)) {
                    throw ProcessException.invalidInput("Each of the CWL " + member + " needs an id");
                }
                byId.put(shortId(id), parameter);
            }
        } else {
            throw ProcessException.invalidInput("The CWL " + member + " must be a mapping or a list");
        }
        return byId;
    }

    private static Map<String, Object> described(Map<?, ?> parameter, Map<String, Object> schema, int minOccurs) {
        Map<String, Object> described = new LinkedHashMap<>();
        if (parameter.get("label") instanceof String label) {
            described.put("title", label);
        }
        if (parameter.get("doc") instanceof String doc) {
            described.put("description", doc);
        }
        if (minOccurs >= 0) {
            described.put("minOccurs", minOccurs);
            described.put("maxOccurs", 1);
        }
        described.put("schema", schema);
        return described;
    }

    enum Kind { VALUE, FILE, DIRECTORY }

    record Type(Map<String, Object> schema, boolean optional, Kind kind) {
    }

    /** A CWL type (a name, {@code T?}, {@code T[]}, a union with null, or an array/enum/record schema). */
    private static Type type(Object type, String where) {
        if (type instanceof String name) {
            if (name.endsWith("?")) {
                Type inner = type(name.substring(0, name.length() - 1), where);
                return new Type(inner.schema(), true, inner.kind());
            }
            if (name.endsWith("[]")) {
                Type inner = type(name.substring(0, name.length() - 2), where);
                requireValue(inner, where);
                return new Type(Map.of("type", "array", "items", inner.schema()), false, Kind.VALUE);
            }
            return switch (name) {
                case "string" -> new Type(Map.of("type", "string"), false, Kind.VALUE);
                case "int", "long" -> new Type(Map.of("type", "integer"), false, Kind.VALUE);
                case "float", "double" -> new Type(Map.of("type", "number"), false, Kind.VALUE);
                case "boolean" -> new Type(Map.of("type", "boolean"), false, Kind.VALUE);
                case "Any" -> new Type(Map.of(), false, Kind.VALUE);
                case "File", "stdout", "stderr" -> new Type(Map.of("type", "string"), false, Kind.FILE);
                case "Directory" -> new Type(Map.of("type", "string"), false, Kind.DIRECTORY);
                default -> throw ProcessException.invalidInput("CWL " + where + " has type '" + name
                        + "', which Steward does not know");
            };
        }
        if (type instanceof List<?> union) {
            List<Object> others = union.stream().filter(t -> !"null".equals(t)).map(t -> (Object) t).toList();
            if (others.size() != 1) {
                throw ProcessException.invalidInput("CWL " + where + " is a union of several types; Steward takes"
                        + " one type, optionally with null");
            }
            Type inner = type(others.get(0), where);
            return new Type(inner.schema(), others.size() < union.size() || inner.optional(), inner.kind());
        }
        if (type instanceof Map<?, ?> schema) {
            Object kind = schema.get("type");
            if ("array".equals(kind)) {
                Type items = type(schema.get("items"), where);
                requireValue(items, where);
                return new Type(Map.of("type", "array", "items", items.schema()), false, Kind.VALUE);
            }
            if ("enum".equals(kind) && schema.get("symbols") instanceof List<?> symbols) {
                return new Type(Map.of("type", "string", "enum", symbols.stream().map(s -> shortId(String.valueOf(s)))
                        .toList()), false, Kind.VALUE);
            }
            if ("record".equals(kind)) {
                return new Type(Map.of("type", "object"), false, Kind.VALUE);
            }
        }
        throw ProcessException.invalidInput("CWL " + where + " has no type Steward can read: " + type);
    }

    private static void requireValue(Type type, String where) {
        if (type.kind() != Kind.VALUE) {
            throw ProcessException.invalidInput("CWL " + where + " is an array of files; Steward takes single files");
        }
    }

    /** {@code #main/x}, {@code main/x} and {@code x} are all {@code x}; {@code #main} is {@code main}. */
    static String shortId(String id) {
        String bare = id.startsWith("#") ? id.substring(1) : id;
        int slash = bare.lastIndexOf('/');
        return slash < 0 ? bare : bare.substring(slash + 1);
    }

    private static String shortIdWithoutSlash(String id) {
        return id.startsWith("#") ? id.substring(1) : id;
    }

    private static String firstLine(String text) {
        String value = String.valueOf(text);
        int newline = value.indexOf('\n');
        return newline < 0 ? value : value.substring(0, newline);
    }
}
