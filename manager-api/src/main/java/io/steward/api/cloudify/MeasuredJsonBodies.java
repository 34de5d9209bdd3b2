package io.steward.api.cloudify;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import io.steward.engine.document.DocumentLimits;
import io.steward.engine.document.DocumentTooLargeException;
import io.steward.engine.document.JsonExpansion;
import io.steward.tenancy.error.InvalidInputException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads the manager API's JSON request bodies ({@code @Body Map}) like Micronaut's own JSON reader, but measures
 * each against the {@link DocumentLimits} first: a body over them is refused (400 naming the limit) before a map or
 * list is built from it. Ordered ahead of Micronaut's reader, which would build whatever the body holds.
 */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
@Order(-100)
final class MeasuredJsonBodies implements MessageBodyReader<Map<String, Object>> {
    private final JsonMapper json;
    private final DocumentLimits limits;

    MeasuredJsonBodies(JsonMapper json, DocumentLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    @Override
    public boolean isReadable(Argument<Map<String, Object>> type, MediaType mediaType) {
        return mediaType == null || mediaType.getExtension().equals("json");
    }

    @Override
    public Map<String, Object> read(Argument<Map<String, Object>> type, MediaType mediaType, Headers headers,
                                    InputStream body) throws CodecException {
        byte[] bytes;
        try {
            bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxSize() + 1));
        } catch (IOException e) {
            throw new CodecException("Error reading the request body: " + e.getMessage(), e);
        }
        try {
            JsonExpansion.check(bytes, limits, "The request body");
            return json.readValue(bytes, type);
        } catch (DocumentTooLargeException e) {
            throw new InvalidInputException(e.getMessage());
        } catch (IOException e) {
            throw new CodecException("Error decoding JSON stream for type [" + type.getName() + "]: "
                    + e.getMessage(), e);
        }
    }
}
