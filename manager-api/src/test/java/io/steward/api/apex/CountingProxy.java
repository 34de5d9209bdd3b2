package io.steward.api.apex;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small real HTTP server that passes every request on to {@code target} (another Steward) and records each
 * exchange once answered: what the dispatcher asked of that platform, in the order answered, with the answer's body.
 */
final class CountingProxy implements AutoCloseable {
    private static final List<String> PASSED = List.of("Authorization", "Content-Type", "Accept", "Prefer");

    /** One request and its answer: {@code METHOD path?query}, the status and body. */
    record Exchange(String request, int status, String body) {
    }

    private final String target;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    CountingProxy(String target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            String pathAndQuery = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            PASSED.forEach(name -> {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    forward.header(name, value);
                }
            });
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set(
                    "Content-Type", v));
            exchanges.add(new Exchange(exchange.getRequestMethod() + " " + pathAndQuery, answer.statusCode(),
                    new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
