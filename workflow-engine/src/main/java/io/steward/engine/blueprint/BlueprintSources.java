package io.steward.engine.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named sections of the main blueprint and everything it imports, merged: one map per section, each entry still
 * carrying the file and line it came from. A name defined twice (across files) is refused where it is redefined.
 */
final class BlueprintSources {
    static final List<String> MERGED_SECTIONS = List.of("inputs", "node_types", "relationships", "node_templates",
            "workflows", "outputs", "capabilities", "labels", "blueprint_labels", "groups", "policies");
    static final Set<String> TOP_LEVEL_KEYS = Set.of("tosca_definitions_version", "description", "imports",
            "dsl_definitions", "inputs", "node_types", "relationships", "node_templates", "workflows", "outputs",
            "capabilities", "labels", "blueprint_labels", "groups", "policies");
    static final List<String> SUPPORTED_VERSIONS = List.of("cloudify_dsl_1_0", "cloudify_dsl_1_1",
            "cloudify_dsl_1_2", "cloudify_dsl_1_3", "cloudify_dsl_1_4", "cloudify_dsl_1_5");

    private final YamlValue main;
    private final Map<String, Map<String, YamlValue>> sections = new LinkedHashMap<>();

    BlueprintSources(YamlValue main) {
        this.main = main;
        MERGED_SECTIONS.forEach(section -> sections.put(section, new LinkedHashMap<>()));
    }

    YamlValue main() {
        return main;
    }

    Optional<String> description() {
        return main.child("description").map(value -> String.valueOf(value.plain()));
    }

    Map<String, YamlValue> section(String name) {
        return Collections.unmodifiableMap(sections.get(name));
    }

    /** Checks one file's top level and adds its sections. */
    void add(YamlValue file) {
        file.allowOnly(TOP_LEVEL_KEYS);
        file.child("tosca_definitions_version").ifPresent(BlueprintSources::checkVersion);
        for (String section : MERGED_SECTIONS) {
            file.child(section).ifPresent(value -> value.entries().forEach((name, entry) -> {
                YamlValue previous = sections.get(section).putIfAbsent(name, entry);
                if (previous != null) {
                    throw entry.error("'" + name + "' is already defined at " + location(previous));
                }
            }));
        }
    }

    static void checkVersion(YamlValue version) {
        String text = version.string();
        if (!SUPPORTED_VERSIONS.contains(text)) {
            throw version.error("unsupported DSL version '" + text + "'; supported are " + SUPPORTED_VERSIONS);
        }
    }

    private static String location(YamlValue value) {
        return "line " + value.line() + (value.source().isEmpty() ? " of the main blueprint" : " of " + value.source());
    }
}
