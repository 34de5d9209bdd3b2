package io.steward.api.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain HTTP client for tests, immutable: {@code basic}, {@code token} and {@code tenant} return a copy with that
 * header, so one test can hold a client per user and tenant that differ only in those headers.
 */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final java.util.function.Supplier<JsonMapper> mappers;
    private final Map<String, String> headers;

    Api(String base, ApplicationContext context) {
        this(base, () -> context.getBean(JsonMapper.class), Map.of());
    }

    private Api(String base, java.util.function.Supplier<JsonMapper> mappers, Map<String, String> headers) {
        this.base = base;
        this.mappers = mappers;
        this.headers = headers;
    }

    /** A client of a server in another process, at {@code base} ({@code http://host:port}). */
    static Api at(String base) {
        JsonMapper mapper = JsonMapper.createDefault();
        return new Api(base, () -> mapper, Map.of());
    }

    public Api basic(String user, String password) {
        return with("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public Api token(String value) {
        return with("Authentication-Token", value);
    }

    public Api tenant(String tenant) {
        return with("Tenant", tenant);
    }

    public Api with(String header, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        if (value == null) {
            copy.remove(header);
        } else {
            copy.put(header, value);
        }
        return new Api(base, mappers, copy);
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response delete(String path, Object json) {
        return send("DELETE", path, "application/json", write(json));
    }

    public Response post(String path, Object json) {
        return send("POST", path, "application/json", write(json));
    }

    public Response put(String path, Object json) {
        return send("PUT", path, "application/json", write(json));
    }

    public Response patch(String path, Object json) {
        return send("PATCH", path, "application/json", write(json));
    }

    public Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map(), mapper());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose answer is binary (an archive download): the body as sent, with the headers. */
    public BytesResponse getBytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new BytesResponse(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A binary response. */
    public record BytesResponse(int status, byte[] body, Map<String, java.util.List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private byte[] write(Object json) {
        if (json == null) {
            return null;
        }
        if (json instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonMapper mapper() {
        return mappers.get();
    }

    /** A response; {@link #json()} parses the body as a JSON object. */
    public record Response(int status, String body, Map<String, java.util.List<String>> headers, JsonMapper mapper) {
        public Map<String, Object> json() {
            try {
                return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new AssertionError("Response is not a JSON object: " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        public java.util.List<Map<String, Object>> items() {
            return (java.util.List<Map<String, Object>>) json().get("items");
        }

        public String errorCode() {
            return (String) json().get("error_code");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
