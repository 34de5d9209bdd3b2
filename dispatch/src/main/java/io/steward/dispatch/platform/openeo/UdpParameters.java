package io.steward.dispatch.platform.openeo;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.dispatch.platform.ProcessParameter;
import io.steward.dispatch.platform.http.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * A user-defined process's {@code parameters} as APEx parameters: the first of a parameter's schemas that says what
 * it is decides its type (temporal interval, bounding box, GeoJSON, boolean, integer, number, string, string array,
 * date-time), and its {@code enum} gives the options.
 */
final class UdpParameters {
    private UdpParameters() {
    }

    static List<ProcessParameter> of(JsonNode udp) {
        List<ProcessParameter> parameters = new ArrayList<>();
        for (JsonNode parameter : udp.path("parameters")) {
            List<JsonNode> schemas = schemas(parameter.path("schema"));
            String type = type(schemas);
            parameters.add(new ProcessParameter(
                    parameter.path("name").asText(),
                    type == null ? "string" : type,
                    parameter.path("optional").asBoolean(false),
                    parameter.path("description").isTextual() ? parameter.path("description").asText() : null,
                    parameter.has("default") ? Json.MAPPER.convertValue(parameter.get("default"), Object.class) : null,
                    options(schemas),
                    // Several schemas allow several kinds of value: the platform judges which one fits.
                    schemas.size() == 1 ? type : null));
        }
        return parameters;
    }

    private static List<JsonNode> schemas(JsonNode schema) {
        List<JsonNode> schemas = new ArrayList<>();
        if (schema.isArray()) {
            schema.forEach(schemas::add);
        } else if (schema.isObject()) {
            schemas.add(schema);
        }
        return schemas;
    }

    /** The APEx type of the first schema that has one, or null when none has. */
    static String type(List<JsonNode> schemas) {
        for (JsonNode schema : schemas) {
            String type = schema.path("type").asText("");
            String subtype = schema.path("subtype").asText("");
            if (type.equals("array") && subtype.equals("temporal-interval")) {
                return "date-interval";
            }
            if (subtype.equals("bounding-box")) {
                return "bounding-box";
            }
            if (subtype.equals("geojson")) {
                return "polygon";
            }
            if (type.equals("array") && schema.path("items").path("type").asText("").equals("string")) {
                return "array-string";
            }
            if (type.equals("string") && (subtype.equals("date-time") || schema.path("format").asText("")
                    .equals("date-time"))) {
                return "datetime";
            }
            switch (type) {
                case "boolean":
                    return "boolean";
                case "integer":
                    return "integer";
                case "number":
                    return "double";
                case "string":
                    return "string";
                default:
                    break;
            }
        }
        // A schema that says nothing usable (any value, a data cube, …): offered as free text, not checked.
        return null;
    }

    private static List<Object> options(List<JsonNode> schemas) {
        for (JsonNode schema : schemas) {
            if (schema.path("enum").isArray()) {
                List<Object> options = new ArrayList<>();
                schema.path("enum").forEach(v -> options.add(Json.MAPPER.convertValue(v, Object.class)));
                return options;
            }
        }
        return List.of();
    }
}
