package io.steward.ogc.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whole-schema validation of OGC input values (JSON Schema 2020-12, which the 1.0 description's OpenAPI schema
 * objects read as), with networknt's validator: {@code required}, {@code properties}, {@code minItems}, {@code enum},
 * {@code format} (asserted), {@code oneOf}/{@code allOf}, … Steward fetches no schema from the network: a
 * {@code $ref} to anything but the schema itself accepts any value.
 */
final class InputSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                    .schemaLoader(loader -> loader.fetchRemoteResources(false)));

    private InputSchemas() {
    }

    /** Why {@code value} does not fit {@code schema} (the validator's messages, by location), or null when it does. */
    static String problem(Map<String, Object> schema, Object value) {
        List<Error> errors;
        try {
            Schema compiled = REGISTRY.getSchema(JSON.valueToTree(withoutRemoteRefs(schema)));
            errors = compiled.validate(JSON.valueToTree(value));
        } catch (SchemaException | IllegalArgumentException e) {
            throw ProcessException.invalidInput("The input's schema cannot be applied: " + e.getMessage());
        }
        if (errors.isEmpty()) {
            return null;
        }
        return errors.stream().limit(5).map(InputSchemas::describe).collect(Collectors.joining("; "));
    }

    private static String describe(Error error) {
        String at = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        String message = error.getMessage();
        return at.isEmpty() || at.equals("$") ? message : at + " " + message;
    }

    /** The schema with every {@code $ref} that is not local ({@code #…}) replaced by the empty (accept-all) schema. */
    @SuppressWarnings("unchecked")
    private static Object withoutRemoteRefs(Object schema) {
        if (schema instanceof Map<?, ?> map) {
            if (map.get("$ref") instanceof String ref && !ref.startsWith("#")) {
                return Map.of();
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, withoutRemoteRefs(v)));
            return copy;
        }
        if (schema instanceof List<?> list) {
            return list.stream().map(InputSchemas::withoutRemoteRefs).toList();
        }
        return schema;
    }
}
