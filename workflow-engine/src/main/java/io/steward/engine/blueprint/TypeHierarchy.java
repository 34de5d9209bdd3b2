package io.steward.engine.blueprint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Resolves {@code derived_from} chains for one kind of type (node types or relationship types): each type is built
 * from its resolved parent, unknown parents and cycles are refused where they are written.
 *
 * @param <T> the resolved type
 */
final class TypeHierarchy<T> {
    private final String kind;
    private final Map<String, YamlValue> declarations;
    private final BiFunction<YamlValue, T, T> build;
    private final Map<String, T> resolved = new LinkedHashMap<>();
    private final LinkedHashSet<String> resolving = new LinkedHashSet<>();

    /**
     * @param kind  "node type" or "relationship type", for messages
     * @param build makes a type from its declaration and its resolved parent ({@code null} for a root type)
     */
    TypeHierarchy(String kind, Map<String, YamlValue> declarations, BiFunction<YamlValue, T, T> build) {
        this.kind = kind;
        this.declarations = declarations;
        this.build = build;
    }

    Map<String, T> resolveAll() {
        declarations.keySet().forEach(this::resolve);
        return resolved;
    }

    private T resolve(String name) {
        T done = resolved.get(name);
        if (done != null) {
            return done;
        }
        YamlValue declaration = declarations.get(name);
        if (!resolving.add(name)) {
            List<String> cycle = new ArrayList<>(resolving);
            cycle = cycle.subList(cycle.indexOf(name), cycle.size());
            throw declaration.child("derived_from").orElse(declaration)
                    .error(kind + " hierarchy has a cycle: " + String.join(" -> ", cycle) + " -> " + name);
        }
        T parent = null;
        if (declaration.isMapping()) {
            parent = declaration.child("derived_from").map(this::parentOf).orElse(null);
        }
        T type = build.apply(declaration, parent);
        resolving.remove(name);
        resolved.put(name, type);
        return type;
    }

    private T parentOf(YamlValue derivedFrom) {
        String parent = derivedFrom.string();
        if (!declarations.containsKey(parent)) {
            throw derivedFrom.error("unknown " + kind + " '" + parent + "'");
        }
        return resolve(parent);
    }
}
