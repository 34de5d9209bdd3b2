package io.steward.dispatch.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.PlatformException.Kind;

import java.util.Map;

/** The one Jackson mapper dispatch reads and writes platform JSON with. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private Json() {
    }

    /** Parses a platform's answer; {@code what} names the call when it is not JSON. */
    public static JsonNode read(String body, String what) throws PlatformException {
        try {
            JsonNode node = MAPPER.readTree(body == null ? "" : body);
            if (node == null || node.isMissingNode()) {
                throw new PlatformException(Kind.UNREADABLE, 0, what + " answered an empty body, not JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PlatformException(Kind.UNREADABLE, 0, what + " answered something that is not JSON: "
                    + PlatformHttp.excerpt(body), e);
        }
    }

    public static Map<String, Object> toMap(JsonNode node) {
        return MAPPER.convertValue(node, MAP);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
