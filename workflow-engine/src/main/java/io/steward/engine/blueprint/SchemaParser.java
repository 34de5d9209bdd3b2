package io.steward.engine.blueprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads value schemas ({@code inputs}, workflow {@code parameters}, type {@code properties}) and checks them when the
 * blueprint is parsed: a known type, known constraint operators with usable arguments, and a default that fits.
 */
final class SchemaParser {
    private static final Set<String> KEYS = Set.of("type", "default", "description", "required", "constraints");

    /** Builds the caller's record from the parsed parts; each schema kind is its own record type. */
    @FunctionalInterface
    interface Factory<T extends ValueSchema> {
        T create(String name, Optional<ValueType> type, boolean hasDefault, Object defaultValue, boolean required,
                 String description, List<Constraint> constraints);
    }

    private SchemaParser() {
    }

    static <T extends ValueSchema> Map<String, T> parseAll(YamlValue section, Factory<T> factory) {
        return parseAll(section.entriesOrEmpty(), factory);
    }

    static <T extends ValueSchema> Map<String, T> parseAll(Map<String, YamlValue> schemas, Factory<T> factory) {
        Map<String, T> parsed = new LinkedHashMap<>();
        schemas.forEach((name, schema) -> parsed.put(name, parse(name, schema, factory)));
        return Collections.unmodifiableMap(parsed);
    }

    static <T extends ValueSchema> T parse(String name, YamlValue schema, Factory<T> factory) {
        if (schema.isNull()) {
            return factory.create(name, Optional.empty(), false, null, true, null, List.of());
        }
        schema.allowOnly(KEYS);
        Map<String, YamlValue> fields = schema.entries();
        Optional<ValueType> type = schema.child("type").map(SchemaParser::type);
        boolean hasDefault = fields.containsKey("default");
        Object defaultValue = hasDefault ? fields.get("default").plain() : null;
        boolean required = schema.child("required").map(YamlValue::bool).orElse(!hasDefault);
        String description = schema.child("description").map(d -> String.valueOf(d.plain())).orElse(null);
        List<Constraint> constraints = schema.child("constraints").map(SchemaParser::constraints).orElse(List.of());
        T parsed = factory.create(name, type, hasDefault, defaultValue, required, description, constraints);
        if (hasDefault && defaultValue != null) {
            checkDefault(parsed, fields.get("default"));
        }
        return parsed;
    }

    private static ValueType type(YamlValue value) {
        String name = value.string();
        return ValueType.fromDslName(name).orElseThrow(() -> value.error(
                "unknown type '" + name + "'; supported types are " + ValueType.dslNames()));
    }

    private static List<Constraint> constraints(YamlValue list) {
        List<Constraint> constraints = new ArrayList<>();
        for (YamlValue item : list.items()) {
            Map<String, YamlValue> entries = item.entries();
            if (entries.size() != 1) {
                throw item.error("a constraint is a mapping with exactly one operator, e.g. {greater_than: 0}");
            }
            Map.Entry<String, YamlValue> entry = entries.entrySet().iterator().next();
            ConstraintOperator operator = ConstraintOperator.fromDslName(entry.getKey()).orElseThrow(
                    () -> entry.getValue().error("unknown constraint operator '" + entry.getKey()
                            + "'; supported operators are " + ConstraintOperator.dslNames()));
            Object argument = entry.getValue().plain();
            operator.argumentProblem(argument).ifPresent(problem -> {
                throw entry.getValue().error(operator.dslName() + " " + problem);
            });
            constraints.add(new Constraint(operator, argument));
        }
        return List.copyOf(constraints);
    }

    private static void checkDefault(ValueSchema schema, YamlValue written) {
        Object value = schema.defaultValue();
        if (IntrinsicFunctions.isFunctionCall(value)) {
            return;
        }
        schema.type().filter(type -> !type.accepts(value)).ifPresent(type -> {
            throw written.error("default value " + value + " is not of type " + type.dslName());
        });
        schema.firstViolation(value).ifPresent(constraint -> {
            throw written.error("default value " + value + " violates constraint " + constraint.describe());
        });
    }
}
