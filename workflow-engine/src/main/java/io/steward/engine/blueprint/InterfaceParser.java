package io.steward.engine.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code interfaces} sections. An operation is either a short string ({@code create: scripts/create.sh}) or a
 * mapping with {@code implementation, inputs, executor, max_retries, retry_interval, timeout}. In a type, inputs are
 * declared as schemas ({@code {default: …, description: …}}); in a template they are plain values, as in Cloudify.
 */
final class InterfaceParser {
    private static final Set<String> OPERATION_KEYS = Set.of("implementation", "inputs", "executor", "max_retries",
            "retry_interval", "timeout");
    private static final Set<String> TYPE_INPUT_KEYS = Set.of("type", "default", "description", "required");

    /** Whether operation inputs are declared (in a type) or given values (in a template). */
    enum Level { TYPE, TEMPLATE }

    private InterfaceParser() {
    }

    /** Interface name → operation name → operation. */
    static Map<String, Map<String, OperationSpec>> parse(YamlValue interfaces, Level level) {
        Map<String, Map<String, OperationSpec>> parsed = new LinkedHashMap<>();
        interfaces.entriesOrEmpty().forEach((name, operations) -> {
            Map<String, OperationSpec> ops = new LinkedHashMap<>();
            operations.entriesOrEmpty().forEach((op, spec) -> ops.put(op, operation(spec, level)));
            parsed.put(name, Collections.unmodifiableMap(ops));
        });
        return Collections.unmodifiableMap(parsed);
    }

    /** {@code overlay}'s interfaces written over {@code base}'s, operation by operation. */
    static Map<String, Map<String, OperationSpec>> merge(Map<String, Map<String, OperationSpec>> base,
                                                         Map<String, Map<String, OperationSpec>> overlay) {
        Map<String, Map<String, OperationSpec>> merged = new LinkedHashMap<>();
        base.forEach((name, ops) -> merged.put(name, new LinkedHashMap<>(ops)));
        overlay.forEach((name, ops) -> {
            Map<String, OperationSpec> target = merged.computeIfAbsent(name, n -> new LinkedHashMap<>());
            ops.forEach((op, spec) -> target.merge(op, spec, (old, written) -> written.over(old)));
        });
        merged.replaceAll((name, ops) -> Collections.unmodifiableMap(ops));
        return Collections.unmodifiableMap(merged);
    }

    private static OperationSpec operation(YamlValue spec, Level level) {
        if (spec.isNull()) {
            return new OperationSpec(spec, "", Map.of(), null, null, null, null);
        }
        if (!spec.isMapping()) {
            return new OperationSpec(spec, spec.string().trim(), Map.of(), null, null, null, null);
        }
        spec.allowOnly(OPERATION_KEYS);
        String implementation = spec.child("implementation").map(YamlValue::string).orElse("").trim();
        Map<String, OperationSpec.OperationInput> inputs = new LinkedHashMap<>();
        spec.child("inputs").ifPresent(section -> section.entries().forEach(
                (name, value) -> inputs.put(name, level == Level.TYPE ? declaredInput(value) : givenInput(value))));
        return new OperationSpec(spec, implementation, inputs,
                spec.child("executor").map(YamlValue::string).orElse(null),
                spec.child("max_retries").map(value -> atLeast(value, -1)).orElse(null),
                spec.child("retry_interval").map(value -> atLeast(value, 0)).orElse(null),
                spec.child("timeout").map(value -> atLeast(value, 0)).orElse(null));
    }

    private static OperationSpec.OperationInput givenInput(YamlValue value) {
        return new OperationSpec.OperationInput(value, true, value.plain());
    }

    private static OperationSpec.OperationInput declaredInput(YamlValue declaration) {
        if (!declaration.isMapping()) {
            throw declaration.error("an operation input of a type is declared as {default: …, description: …}");
        }
        declaration.allowOnly(TYPE_INPUT_KEYS);
        YamlValue defaultValue = declaration.entries().get("default");
        if (defaultValue != null) {
            return new OperationSpec.OperationInput(defaultValue, true, defaultValue.plain());
        }
        boolean required = declaration.child("required").map(YamlValue::bool).orElse(true);
        return required ? OperationSpec.OperationInput.missing(declaration)
                : new OperationSpec.OperationInput(declaration, true, null);
    }

    private static int atLeast(YamlValue value, int minimum) {
        int number = value.integer();
        if (number < minimum) {
            throw value.error("must be at least " + minimum);
        }
        return number;
    }
}
