package io.steward.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.steward.engine.operation.OperationResult.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steward.http} against a real HTTP server on the loopback interface. */
class HttpBuiltinTest {

    @TempDir
    Path temp;

    private HttpServer server;
    private String base;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/json", exchange -> answer(exchange, 200, "application/json",
                "{\"hello\": \"world\", \"n\": [1, 2]}"));
        server.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Method", exchange.getRequestMethod());
            String token = exchange.getRequestHeaders().getFirst("X-Token");
            if (token != null) {
                exchange.getResponseHeaders().add("X-Token", token);
            }
            answer(exchange, 201, exchange.getRequestHeaders().getFirst("Content-Type"), body);
        });
        server.createContext("/missing", exchange -> answer(exchange, 404, "text/plain", "no such thing"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private OperationResult run(Requests request) throws InterruptedException {
        OperationRunner runner = new OperationRunner(new TestJson(), Duration.ofSeconds(1), temp);
        return Waits.result(runner.start(request.build(), listener), Duration.ofSeconds(20));
    }

    @Test
    void get_returns_the_status_and_the_json_body_parsed() throws Exception {
        OperationResult result = run(Requests.builtin("steward.http").input("url", base + "/json"));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(asMap(result.output()))
                .containsEntry("status", 200)
                .containsEntry("body", Map.of("hello", "world", "n", List.of(1L, 2L)));
        assertThat(listener.lines()).contains("info: HTTP GET " + base + "/json answered status 200");
    }

    @Test
    void post_sends_a_json_value_body_with_its_headers() throws Exception {
        OperationResult result = run(Requests.builtin("steward.http").input("url", base + "/echo")
                .input("method", "post").input("headers", Map.of("X-Token", "t0k"))
                .input("body", Map.of("name", "web", "size", 2)));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        Map<String, Object> output = asMap(result.output());
        assertThat(output).containsEntry("status", 201).containsEntry("body", Map.of("name", "web", "size", 2L));
        assertThat(asMap(output.get("headers")))
                .containsEntry("x-method", "POST").containsEntry("x-token", "t0k")
                .containsEntry("content-type", "application/json");
    }

    @Test
    void a_string_body_is_sent_as_it_is() throws Exception {
        OperationResult result = run(Requests.builtin("steward.http").input("url", base + "/echo")
                .input("method", "PUT").input("headers", Map.of("Content-Type", "text/plain"))
                .input("body", "plain words"));

        assertThat(result.error()).isNull();
        assertThat(asMap(result.output())).containsEntry("body", "plain words");
    }

    @Test
    void an_unexpected_status_fails_naming_the_status_and_the_body() throws Exception {
        OperationResult result = run(Requests.builtin("steward.http").input("url", base + "/missing"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo(
                "HTTP GET " + base + "/missing answered status 404, expected 2xx: no such thing");
    }

    @Test
    void an_expected_status_list_accepts_a_status_outside_2xx() throws Exception {
        OperationResult result = run(Requests.builtin("steward.http").input("url", base + "/missing")
                .input("expected_status", List.of(404, "410")));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(asMap(result.output())).containsEntry("status", 404).containsEntry("body", "no such thing");
    }

    @Test
    void a_refused_connection_fails_with_the_cause() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        OperationResult result = run(Requests.builtin("steward.http").input("url", "http://127.0.0.1:" + closedPort));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).startsWith("HTTP GET http://127.0.0.1:" + closedPort + " failed: ConnectException");
    }

    @Test
    void a_url_that_is_not_http_is_refused() throws Exception {
        OperationResult result = run(Requests.builtin("steward.http").input("url", "file:///etc/passwd"));

        assertThat(result.error()).isEqualTo(
                "steward.http: input 'url' must be an absolute http or https URL, not 'file:///etc/passwd'");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
