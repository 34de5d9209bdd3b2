package io.steward.engine.operation;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * {@code steward.http}: one HTTP request. The output is {@code {status, headers, body}}, the body parsed when the
 * response says it is JSON. An unexpected status or a transport error fails the operation.
 */
final class HttpBuiltin implements Builtin {

    private static final int SNIPPET = 500;

    private final Supplier<HttpClient> clientFactory;
    private final JsonCodec json;
    private volatile HttpClient client;

    /** {@code clientFactory} is called once, on the first request. */
    HttpBuiltin(Supplier<HttpClient> clientFactory, JsonCodec json) {
        this.clientFactory = clientFactory;
        this.json = json;
    }

    private HttpClient client() {
        HttpClient made = client;
        if (made == null) {
            synchronized (this) {
                made = client;
                if (made == null) {
                    made = clientFactory.get();
                    client = made;
                }
            }
        }
        return made;
    }

    @Override
    public Object run(BuiltinInputs inputs, OperationRequest request, OperationListener listener)
            throws InterruptedException {
        HttpCall call = HttpCall.from(inputs, json);
        String what = "HTTP " + call.method() + " " + call.url();
        HttpResponse<String> response = send(toRequest(call, what), what);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", response.statusCode());
        output.put("headers", headers(response));
        output.put("body", body(response));
        if (!call.accepts().test(response.statusCode())) {
            throw new OperationFailure(what + " answered status " + response.statusCode() + ", expected "
                    + call.expected() + ": " + snippet(response.body()));
        }
        listener.log("info", what + " answered status " + response.statusCode());
        return output;
    }

    private HttpRequest toRequest(HttpCall call, String what) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(call.url())
                    .timeout(call.timeout())
                    .method(call.method(), call.body().map(HttpRequest.BodyPublishers::ofString)
                            .orElse(HttpRequest.BodyPublishers.noBody()));
            call.headers().forEach(builder::header);
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new OperationFailure(what + " cannot be sent: " + e.getMessage());
        }
    }

    /** Sent asynchronously so that an interrupt (terminate, kill, timeout) abandons the exchange at once. */
    private HttpResponse<String> send(HttpRequest httpRequest, String what) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> exchange =
                client().sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString());
        try {
            return exchange.get();
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new OperationFailure(what + " timed out after " + AbstractRunningOperation.describe(
                        httpRequest.timeout().orElseThrow()));
            }
            String kind = cause instanceof IOException ? "failed" : "failed unexpectedly";
            throw new OperationFailure(what + " " + kind + ": " + describe(cause));
        }
    }

    /** The JDK's client often throws without a message (a refused connection is a bare ConnectException). */
    private static String describe(Throwable cause) {
        String text = cause.getClass().getSimpleName();
        if (cause.getMessage() != null) {
            return text + ": " + cause.getMessage();
        }
        return cause.getCause() == null ? text : text + " (" + describe(cause.getCause()) + ")";
    }

    private static Map<String, String> headers(HttpResponse<String> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        return headers;
    }

    /** JSON when the response says so and parses; else the text. */
    private Object body(HttpResponse<String> response) {
        String body = response.body();
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!body.isBlank() && (type.contains("/json") || type.contains("+json"))) {
            try {
                return json.read(body);
            } catch (RuntimeException e) {
                return body;
            }
        }
        return body;
    }

    private static String snippet(String body) {
        String text = body == null ? "" : body.strip();
        return text.isEmpty() ? "(empty body)" : text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
    }
}
