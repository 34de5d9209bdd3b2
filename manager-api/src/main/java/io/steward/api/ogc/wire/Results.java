package io.steward.api.ogc.wire;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.steward.ogc.process.ExecuteRequest;
import io.steward.ogc.process.ExecuteRequest.Transmission;
import io.steward.ogc.process.Job;
import io.steward.ogc.process.OutputFile;
import io.steward.ogc.process.ProcessDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A job's results in the form its execute request asked for (18-062r2 §7.11.4, the table of sync responses, which
 * {@code GET /jobs/{id}/results} follows too): a {@code document} is a JSON object of output id → value (an object
 * as a qualified value) or link;
 * {@code raw} with one output by value is that value with its media type, with several a {@code multipart/related}
 * body (one part per output, {@code Content-ID} = output id), and with every output by reference an empty 204 with
 * one {@code Link} header per output. A reference points at {@code /jobs/{id}/results/{outputId}}.
 */
public final class Results {
    private Results() {
    }

    public static MutableHttpResponse<?> render(Job job, ProcessDefinition process, Map<String, Object> results,
                                                String root, JsonMapper json) {
        return render(job, process, results, root, json, false);
    }

    /**
     * As {@link #render(Job, ProcessDefinition, Map, String, JsonMapper)}; with {@code jsonOnly} (the client accepts
     * nothing but {@code application/json}) a raw answer that would not be JSON is the results document instead.
     */
    public static MutableHttpResponse<?> render(Job job, ProcessDefinition process, Map<String, Object> results,
                                                String root, JsonMapper json, boolean jsonOnly) {
        ExecuteRequest request = job.request();
        Map<String, Transmission> modes = new LinkedHashMap<>();
        // A file is always a reference: its bytes are served where the reference points.
        results.forEach((id, value) -> modes.put(id, value instanceof OutputFile ? Transmission.REFERENCE
                : request.outputs().getOrDefault(id, Transmission.VALUE)));
        boolean rawIsJson = results.size() == 1 && modes.values().iterator().next() == Transmission.VALUE
                && "application/json".equals(mediaType(process, results.keySet().iterator().next(),
                results.values().iterator().next()));
        if (request.response() == ExecuteRequest.Response.DOCUMENT || (jsonOnly && !rawIsJson)) {
            Map<String, Object> document = new LinkedHashMap<>();
            results.forEach((id, value) -> document.put(id, modes.get(id) == Transmission.REFERENCE
                    ? Link.of(href(root, job, id), "related", mediaType(process, id, value), id)
                    : inline(value)));
            return HttpResponse.ok(document).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (!modes.isEmpty() && modes.values().stream().allMatch(m -> m == Transmission.REFERENCE)) {
            MutableHttpResponse<?> noContent = HttpResponse.noContent();
            results.keySet().forEach(id -> noContent.getHeaders().add("Link", "<" + href(root, job, id)
                    + ">; rel=\"related\"; type=\"" + mediaType(process, id, results.get(id)) + "\"; title=\"" + id
                    + "\""));
            return noContent;
        }
        if (results.size() == 1) {
            String id = results.keySet().iterator().next();
            return raw(process, id, results.get(id), json);
        }
        return multipart(job, process, results, modes, root, json);
    }

    /**
     * A value as a results document holds it (1.0 inlineOrRefData): an object is a qualified value, so that it
     * cannot be read as a qualified value or a link itself; anything else is as it is.
     */
    private static Object inline(Object value) {
        if (value instanceof Map<?, ?>) {
            Map<String, Object> qualified = new LinkedHashMap<>();
            qualified.put("value", value);
            qualified.put("mediaType", "application/json");
            return qualified;
        }
        return value;
    }

    /** One output's value as itself: a string as text (or its declared media type), anything else as JSON. */
    public static MutableHttpResponse<?> raw(ProcessDefinition process, String id, Object value, JsonMapper json) {
        if (value instanceof OutputFile file) {
            return HttpResponse.ok(file.content()).contentType(file.mediaType());
        }
        return HttpResponse.ok(bytes(value, json)).contentType(mediaType(process, id, value));
    }

    private static MutableHttpResponse<?> multipart(Job job, ProcessDefinition process, Map<String, Object> results,
                                                    Map<String, Transmission> modes, String root, JsonMapper json) {
        String boundary = "steward-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        results.forEach((id, value) -> {
            body.append("--").append(boundary).append("\r\n");
            body.append("Content-ID: <").append(id).append(">\r\n");
            body.append("Content-Type: ").append(mediaType(process, id, value)).append("\r\n");
            if (modes.get(id) == Transmission.REFERENCE) {
                body.append("Content-Location: ").append(href(root, job, id)).append("\r\n\r\n");
            } else {
                body.append("\r\n").append(new String(bytes(value, json), StandardCharsets.UTF_8));
            }
            body.append("\r\n");
        });
        body.append("--").append(boundary).append("--\r\n");
        return HttpResponse.ok(body.toString().getBytes(StandardCharsets.UTF_8))
                .contentType("multipart/related; boundary=" + boundary);
    }

    /** The results with each file as the link to where it is served (a callback's results document). */
    public static Map<String, Object> withFileLinks(Job job, Map<String, Object> results, String root) {
        Map<String, Object> linked = new LinkedHashMap<>();
        results.forEach((id, value) -> linked.put(id, value instanceof OutputFile file
                ? Link.of(href(root, job, id), "related", file.mediaType(), id) : value));
        return linked;
    }

    private static String href(String root, Job job, String id) {
        return root + "/jobs/" + job.id() + "/results/" + id;
    }

    static String mediaType(ProcessDefinition process, String id, Object value) {
        if (value instanceof OutputFile file) {
            return file.mediaType();
        }
        Object declared = process == null ? null : process.outputSchema(id).get("contentMediaType");
        if (declared instanceof String type && value instanceof String) {
            return type;
        }
        return value instanceof String ? "text/plain" : "application/json";
    }

    private static byte[] bytes(Object value, JsonMapper json) {
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
