package io.steward.engine.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Measures a JSON document against the {@link DocumentLimits} by streaming over its tokens, before anything builds
 * maps and lists from it. JSON has no aliases, so what it expands to is what it says: one value per object, array,
 * scalar and member name, as YAML is counted.
 */
public final class JsonExpansion {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonExpansion() {
    }

    /**
     * @param what names the document in the message, e.g. {@code "The request body"}
     * @throws DocumentTooLargeException over a limit
     * @throws IOException               when the text is not JSON (the caller reports it as any syntax error)
     */
    public static void check(String json, DocumentLimits limits, String what) throws IOException {
        limits.checkLength(json, what);
        try (JsonParser parser = FACTORY.createParser(json)) {
            countValues(parser, limits, what);
        }
    }

    /** As {@link #check(String, DocumentLimits, String)}, for UTF-8 bytes (their length is held to the size limit). */
    public static void check(byte[] json, DocumentLimits limits, String what) throws IOException {
        if (json.length > limits.maxSize()) {
            throw limits.tooLarge(what);
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            countValues(parser, limits, what);
        }
    }

    private static void countValues(JsonParser parser, DocumentLimits limits, String what) throws IOException {
        long values = 0;
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY && ++values > limits.maxNodes()) {
                throw limits.tooManyNodes(what);
            }
        }
    }
}
