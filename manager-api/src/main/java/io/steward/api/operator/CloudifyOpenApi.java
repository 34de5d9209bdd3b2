package io.steward.api.operator;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OpenAPI document of the Cloudify API, as micronaut-openapi generated it from the controllers at compile time
 * ({@value #GENERATED} in the jar), less the {@code /api/v3} and {@code /api/version} aliases: they are the
 * {@code /api/v3.1} operations again, and would show every operation twice (under an id suffixed {@code _1}).
 */
@Singleton
class CloudifyOpenApi {
    static final String GENERATED = "META-INF/swagger/steward-cloudify.json";
    static final String DOCUMENTED_PREFIX = "/api/v3.1/";

    private final byte[] json;

    CloudifyOpenApi(JsonMapper mapper) {
        Map<String, Object> document = read(mapper);
        @SuppressWarnings("unchecked")
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        Map<String, Object> kept = new LinkedHashMap<>();
        paths.forEach((path, item) -> {
            if (path.startsWith(DOCUMENTED_PREFIX)) {
                kept.put(path, item);
            }
        });
        document.put("paths", kept);
        try {
            this.json = mapper.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as JSON, the same bytes for every request. */
    byte[] json() {
        return json.clone();
    }

    private static Map<String, Object> read(JsonMapper mapper) {
        try (InputStream in = CloudifyOpenApi.class.getClassLoader().getResourceAsStream(GENERATED)) {
            if (in == null) {
                throw new IllegalStateException(GENERATED + " is missing from the classpath: the build runs "
                        + "micronaut-openapi's annotation processor (manager-api/pom.xml), which writes it");
            }
            return mapper.readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + GENERATED, e);
        }
    }
}
