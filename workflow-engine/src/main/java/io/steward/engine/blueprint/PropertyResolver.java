package io.steward.engine.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks the properties a template gives against what its type declares: unknown names are refused, required ones
 * must have a value or a default, defaults are filled in, and literal values (not function calls, whose value is
 * known only later) must fit the declared type and constraints.
 */
final class PropertyResolver {
    private PropertyResolver() {
    }

    /**
     * @param owner    the template or relationship; a missing required property is reported at its properties key
     * @param given    the {@code properties} mapping as written, possibly null
     * @param typeName for messages
     */
    static Map<String, Object> resolve(YamlValue owner, YamlValue given, Map<String, PropertyDefinition> declared,
                                       String typeName) {
        Map<String, YamlValue> written = given == null ? Map.of() : given.entriesOrEmpty();
        Map<String, Object> values = new LinkedHashMap<>();
        written.forEach((name, value) -> {
            PropertyDefinition definition = declared.get(name);
            if (definition == null) {
                throw value.error("unknown property; type '" + typeName + "' declares "
                        + declared.keySet().stream().sorted().toList());
            }
            values.put(name, checked(definition, value));
        });
        YamlValue propertiesKey = given != null ? given : owner.withPath(owner.childPath("properties"));
        declared.forEach((name, definition) -> {
            if (values.containsKey(name)) {
                return;
            }
            if (definition.hasDefault()) {
                values.put(name, definition.defaultValue());
            } else if (definition.required()) {
                throw propertiesKey.withPath(propertiesKey.path() + "." + name).error(
                        "required property of type '" + typeName + "' has no value and no default");
            }
        });
        return Collections.unmodifiableMap(values);
    }

    private static Object checked(PropertyDefinition definition, YamlValue written) {
        Object value = written.plain();
        if (value == null || containsFunctionCall(value)) {
            return value;
        }
        definition.type().filter(type -> !type.accepts(value)).ifPresent(type -> {
            throw written.error("value " + value + " is not of type " + type.dslName());
        });
        definition.firstViolation(value).ifPresent(constraint -> {
            throw written.error("value " + value + " violates constraint " + constraint.describe());
        });
        return value;
    }

    private static boolean containsFunctionCall(Object value) {
        if (IntrinsicFunctions.isFunctionCall(value)) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(PropertyResolver::containsFunctionCall);
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().anyMatch(PropertyResolver::containsFunctionCall);
        }
        return false;
    }
}
