package io.steward.ogc.process;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An execute request (OGC 18-062r2 execute.yaml): inputs by id, the outputs wanted with their transmission mode
 * (none named means all, by value), the response form, and the optional subscriber to call back.
 */
public record ExecuteRequest(Map<String, Object> inputs, Map<String, Transmission> outputs, Response response,
                             Subscriber subscriber) {

    public enum Response { RAW, DOCUMENT }

    public enum Transmission { VALUE, REFERENCE }

    /** Where to call back; any of the three may be null (successUri is not required, ogcapi-processes#460). */
    public record Subscriber(URI successUri, URI inProgressUri, URI failedUri) {
    }

    public ExecuteRequest {
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** Reads a parsed JSON body, refusing wrong shapes with {@code InvalidParameterValue} naming the member. */
    @SuppressWarnings("unchecked")
    public static ExecuteRequest of(Object body) {
        if (!(body instanceof Map<?, ?> map)) {
            throw ProcessException.invalidInput("The execute request must be a JSON object");
        }
        for (Object key : map.keySet()) {
            if (!List.of("inputs", "outputs", "response", "subscriber").contains(key)) {
                throw ProcessException.invalidInput("Unknown member '" + key + "' in the execute request; allowed are"
                        + " inputs, outputs, response and subscriber");
            }
        }
        Map<String, Object> inputs = object(map.get("inputs"), "inputs");
        Map<String, Transmission> outputs = new LinkedHashMap<>();
        object(map.get("outputs"), "outputs").forEach((id, value) -> {
            Map<String, Object> output = object(value, "outputs." + id);
            Object mode = output.getOrDefault("transmissionMode", "value");
            outputs.put(id, switch (String.valueOf(mode)) {
                case "value" -> Transmission.VALUE;
                case "reference" -> Transmission.REFERENCE;
                default -> throw ProcessException.invalidInput("outputs." + id + ".transmissionMode must be value or"
                        + " reference, not '" + mode + "'");
            });
        });
        Object response = map.containsKey("response") ? map.get("response") : "raw";
        Response form = switch (String.valueOf(response)) {
            case "raw" -> Response.RAW;
            case "document" -> Response.DOCUMENT;
            default -> throw ProcessException.invalidInput("response must be raw or document, not '" + response + "'");
        };
        Subscriber subscriber = null;
        if (map.get("subscriber") != null) {
            Map<String, Object> s = object(map.get("subscriber"), "subscriber");
            subscriber = new Subscriber(uri(s, "successUri"), uri(s, "inProgressUri"), uri(s, "failedUri"));
        }
        return new ExecuteRequest(inputs, outputs, form, subscriber);
    }

    /** The request as stored with its job. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inputs", inputs);
        Map<String, Object> wanted = new LinkedHashMap<>();
        outputs.forEach((id, mode) -> wanted.put(id, Map.of("transmissionMode", mode.name().toLowerCase(Locale.ROOT))));
        json.put("outputs", wanted);
        json.put("response", response.name().toLowerCase(Locale.ROOT));
        if (subscriber != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            if (subscriber.successUri() != null) {
                s.put("successUri", subscriber.successUri().toString());
            }
            if (subscriber.inProgressUri() != null) {
                s.put("inProgressUri", subscriber.inProgressUri().toString());
            }
            if (subscriber.failedUri() != null) {
                s.put("failedUri", subscriber.failedUri().toString());
            }
            json.put("subscriber", s);
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String member) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw ProcessException.invalidInput(member + " must be a JSON object");
    }

    private static URI uri(Map<String, Object> subscriber, String member) {
        Object value = subscriber.get(member);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(String.valueOf(value));
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw ProcessException.invalidInput("subscriber." + member + " must be an http(s) URI, not '"
                        + value + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw ProcessException.invalidInput("subscriber." + member + " is not a URI: '" + value + "'");
        }
    }
}
