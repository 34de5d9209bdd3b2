package io.steward.ogc.process;

import io.steward.engine.document.DocumentLimits;
import io.steward.tenancy.tenant.Names;
import org.yaml.snakeyaml.Yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An OGC application package (Part 2): {@code application/ogcapppkg+json} with {@code processDescription} (either
 * {@code {process: {...}}} as on the draft's master, or the process fields directly as older drafts and the ETS
 * sample do) and {@code executionUnit} (an object, or a one-element list of one); or a CWL document
 * ({@code application/cwl}, {@code application/cwl+yaml}, {@code application/cwl+json}) whose description is derived
 * from it. An ogcapppkg's unit is CWL when it has a CWL media type ({@code type} or {@code mediaType}) with the
 * document in {@code value} (text or an object), or is a CWL document itself; its {@code processDescription} may then
 * be left out. CWL is refused with 415 where {@code cwltool} is not installed.
 */
public record ProcessPackage(ProcessDefinition process, String body, String mediaType) {
    public static final String OGCAPPKG = "application/ogcapppkg+json";
    private static final Set<String> JOB_CONTROL = Set.of(ProcessDefinition.SYNC, ProcessDefinition.ASYNC,
            ProcessDefinition.DISMISS);

    /** Whether CWL packages can be deployed and run here (the {@code cwl} conformance class). */
    public static boolean cwlRunnable() {
        return CwlUnit.runnable();
    }

    /**
     * Reads a package; {@code parsedBody} is the body already parsed as JSON (null for a CWL document, which is read
     * here within {@code limits}).
     */
    public static ProcessPackage of(String mediaType, String body, Object parsedBody, DocumentLimits limits) {
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        if (CwlDocument.MEDIA_TYPES.contains(type)) {
            requireCwlRunnable();
            return new ProcessPackage(CwlDocument.parse(body, limits), body, type);
        }
        if (!type.equals(OGCAPPKG) && !type.equals("application/json")) {
            throw new ProcessException(ProcessException.Reason.UNSUPPORTED_MEDIA_TYPE, "Packages of media type '"
                    + mediaType + "' are not supported; send " + OGCAPPKG + " or CWL (" + CwlDocument.MEDIA_TYPES
                    + ")");
        }
        if (!(parsedBody instanceof Map<?, ?> root)) {
            throw ProcessException.invalidInput("The package must be a JSON object");
        }
        Map<String, Object> unit = unit(root.get("executionUnit"));
        Object cwl = cwlOf(unit);
        if (cwl != null) {
            requireCwlRunnable();
            ProcessDefinition derived = cwl instanceof String text ? CwlDocument.parse(text, limits)
                    : CwlDocument.definition(cwl, new Yaml().dump(cwl));
            if (root.get("processDescription") == null) {
                return new ProcessPackage(derived, body, OGCAPPKG);
            }
            return new ProcessPackage(definition(description(root.get("processDescription")), derived.unit()), body,
                    OGCAPPKG);
        }
        Map<String, Object> description = description(root.get("processDescription"));
        return new ProcessPackage(definition(description, ExecutionUnits.fromJson(unit)), body, OGCAPPKG);
    }

    /** The CWL document an ogcapppkg unit holds (text or a parsed object), or null when it is not CWL. */
    private static Object cwlOf(Map<String, Object> unit) {
        if (unit.containsKey("cwlVersion")) {
            return unit;
        }
        Object type = unit.get("type") != null ? unit.get("type") : unit.get("mediaType");
        if (!(type instanceof String name) || !CwlDocument.MEDIA_TYPES.contains(name.toLowerCase(Locale.ROOT))) {
            return null;
        }
        Object value = unit.get("value");
        if (!(value instanceof String) && !(value instanceof Map<?, ?>)) {
            throw ProcessException.invalidInput("executionUnit.value must hold the CWL document (text or an object)");
        }
        return value;
    }

    private static void requireCwlRunnable() {
        if (!cwlRunnable()) {
            throw new ProcessException(ProcessException.Reason.UNSUPPORTED_MEDIA_TYPE, "CWL packages cannot run on"
                    + " this server: cwltool is not installed");
        }
    }

    /** The same package for process {@code id} (a replace names the process in its path). */
    ProcessPackage requireId(String id) {
        if (!process.id().equals(id)) {
            throw ProcessException.invalidInput("The package describes process '" + process.id()
                    + "', not '" + id + "'");
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> description(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw ProcessException.invalidInput("processDescription is required and must be an object");
        }
        Object inner = map.get("process");
        return (Map<String, Object>) (inner instanceof Map<?, ?> process ? process : map);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> unit(Object value) {
        Object unit = value instanceof List<?> list && list.size() == 1 ? list.get(0) : value;
        if (unit instanceof Map<?, ?> map && map.containsKey("unit") && map.get("unit") instanceof Map<?, ?> inner) {
            unit = inner;
        }
        if (!(unit instanceof Map<?, ?> map)) {
            throw ProcessException.invalidInput("executionUnit is required and must be one object");
        }
        if (map.containsKey("href")) {
            throw new ProcessException(ProcessException.Reason.UNSUPPORTED_MEDIA_TYPE, "executionUnit by reference"
                    + " (href) is not supported; give the unit inline");
        }
        return (Map<String, Object>) map;
    }

    private static ProcessDefinition definition(Map<String, Object> given, ExecutionUnit unit) {
        Map<String, Object> description = new LinkedHashMap<>(given);
        description.remove("links");
        description.remove("mutable");
        if (!(description.get("id") instanceof String id)) {
            throw ProcessException.invalidInput("processDescription.id is required and must be a string");
        }
        try {
            Names.require("process id", ProcessBlueprint.PROCESS_ID.require(id));
        } catch (RuntimeException e) {
            throw ProcessException.invalidInput(e.getMessage());
        }
        description.putIfAbsent("version", "1.0.0");
        description.putIfAbsent("jobControlOptions", List.of(ProcessDefinition.SYNC, ProcessDefinition.ASYNC,
                ProcessDefinition.DISMISS));
        description.putIfAbsent("outputTransmission", List.of("value", "reference"));
        if (!(description.get("jobControlOptions") instanceof List<?> options) || options.isEmpty()
                || !JOB_CONTROL.containsAll(options)) {
            throw ProcessException.invalidInput("jobControlOptions must be a non-empty list of " + JOB_CONTROL);
        }
        if (!(description.get("outputTransmission") instanceof List<?> modes)
                || !Set.of("value", "reference").containsAll(modes)) {
            throw ProcessException.invalidInput("outputTransmission must be a list of value and reference");
        }
        describedById(description, "inputs");
        describedById(description, "outputs");
        return new ProcessDefinition(id, description, unit, true);
    }

    private static void describedById(Map<String, Object> description, String member) {
        Object value = description.getOrDefault(member, Map.of());
        if (!(value instanceof Map<?, ?> map)) {
            throw ProcessException.invalidInput("processDescription." + member + " must be an object keyed by id"
                    + " (OGC API - Processes 1.0), not " + (value instanceof List ? "an array" : value));
        }
        map.forEach((id, item) -> {
            if (!(item instanceof Map<?, ?> itemMap) || !(itemMap.get("schema") instanceof Map<?, ?>)) {
                throw ProcessException.invalidInput("processDescription." + member + "." + id
                        + " must be an object with a schema");
            }
        });
        description.put(member, value);
    }
}
