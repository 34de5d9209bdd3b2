package io.steward.dispatch.platform.openeo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.PlatformException.Kind;
import io.steward.dispatch.platform.http.Json;

/**
 * A batch job's result metadata as a STAC Collection. openEO 1.2 answers either a Collection (kept as it is) or an
 * Item, which becomes a Collection with the Item's bbox and time as its extent and the Item's assets and links.
 */
final class StacResults {
    private StacResults() {
    }

    static JsonNode asCollection(JsonNode metadata, String jobId) throws PlatformException {
        String type = metadata.path("type").asText("");
        if (type.equals("Collection")) {
            return metadata;
        }
        if (!type.equals("Feature")) {
            throw new PlatformException(Kind.UNREADABLE, 0, "openEO results of job " + jobId
                    + " are neither a STAC Collection nor a STAC Item (type " + PlatformHttp.excerptOf(type) + ")");
        }
        JsonNode properties = metadata.path("properties");
        ObjectNode collection = Json.MAPPER.createObjectNode();
        collection.put("type", "Collection");
        collection.put("stac_version", metadata.path("stac_version").asText("1.0.0"));
        collection.put("id", metadata.path("id").asText("openeo-" + jobId));
        collection.put("description", properties.path("description").asText(
                properties.path("title").asText("Results of openEO batch job " + jobId)));
        if (properties.path("title").isTextual()) {
            collection.put("title", properties.path("title").asText());
        }
        collection.put("license", properties.path("license").asText("proprietary"));
        ObjectNode extent = collection.putObject("extent");
        ArrayNode bboxes = extent.putObject("spatial").putArray("bbox");
        if (metadata.path("bbox").isArray() && !metadata.path("bbox").isEmpty()) {
            bboxes.add(metadata.path("bbox"));
        } else {
            bboxes.addArray().add(-180).add(-90).add(180).add(90);
        }
        ArrayNode interval = extent.putObject("temporal").putArray("interval").addArray();
        String start = text(properties, "start_datetime", "datetime");
        String end = text(properties, "end_datetime", "datetime");
        if (start == null) {
            interval.addNull();
        } else {
            interval.add(start);
        }
        if (end == null) {
            interval.addNull();
        } else {
            interval.add(end);
        }
        collection.set("links", metadata.path("links").isArray() ? metadata.path("links") : Json.MAPPER.createArrayNode());
        if (metadata.path("assets").isObject()) {
            collection.set("assets", metadata.path("assets"));
        }
        return collection;
    }

    private static String text(JsonNode properties, String first, String second) {
        if (properties.path(first).isTextual()) {
            return properties.path(first).asText();
        }
        return properties.path(second).isTextual() ? properties.path(second).asText() : null;
    }

    private static final class PlatformHttp {
        static String excerptOf(String text) {
            return io.steward.dispatch.platform.http.PlatformHttp.excerpt(text.isEmpty() ? "none" : text);
        }
    }
}
