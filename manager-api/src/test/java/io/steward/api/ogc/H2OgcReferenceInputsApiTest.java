package io.steward.api.ogc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.steward.api.support.Api;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs by reference are fetched from a small real HTTP server on 127.0.0.1 (allowed here by
 * {@code steward.ogcapi.href.allowed-hosts} and {@code allow-private}), within the size, time and redirect limits.
 */
class H2OgcReferenceInputsApiTest extends OgcTestBase {
    private static final String INVALID = EXC + "invalid-parameter-value";
    private final CountDownLatch finished = new CountDownLatch(1);
    private final HttpServer remote = remote(finished);

    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.ogcapi.href.allowed-hosts", "127.0.0.1", "steward.ogcapi.href.allow-private", "true",
                "steward.ogcapi.href.max-bytes", "1000", "steward.ogcapi.href.timeout", "1s",
                "steward.ogcapi.href.max-redirects", "2");
    }

    /** The remote: text, JSON, too large, too slow, a 404 and redirect chains. */
    static HttpServer remote(CountDownLatch finished) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/text", e -> answer(e, 200, "text/plain", "fetched"));
            server.createContext("/json", e -> answer(e, 200, "application/json", "{\"k\": 1}"));
            server.createContext("/big", e -> answer(e, 200, "text/plain", "x".repeat(2000)));
            server.createContext("/missing", e -> answer(e, 404, "text/plain", "no"));
            server.createContext("/slow", e -> {
                e.getResponseHeaders().set("Content-Type", "text/plain");
                e.sendResponseHeaders(200, 0);
                try (OutputStream out = e.getResponseBody()) {
                    out.write('s');
                    out.flush();
                    finished.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                } catch (IOException ignored) {
                    // the client gave up, as it should
                }
            });
            server.createContext("/hop", e -> {
                int left = Integer.parseInt(e.getRequestURI().getQuery().substring("n=".length()));
                e.getResponseHeaders().set("Location", left == 0 ? "/text" : "/hop?n=" + (left - 1));
                answer(e, 302, "text/plain", "");
            });
            server.createContext("/to-localhost", e -> {
                e.getResponseHeaders().set("Location", "http://localhost:" + server.getAddress().getPort() + "/text");
                answer(e, 302, "text/plain", "");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterAll
    void stopRemote() {
        finished.countDown();
        remote.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + remote.getAddress().getPort() + path;
    }

    private Api.Response echo(Api api, String input, String href) {
        Map<String, Object> inputs = input.equals("a") ? Map.of("a", Map.of("href", href))
                : Map.of("a", "x", input, Map.of("href", href));
        return api.post("/ogcapi/processes/echo/execution", Map.of("inputs", inputs,
                "outputs", Map.of(input, Map.of())));
    }

    private static void assertRefused(Api.Response r, String... detail) {
        assertException(r, 400, INVALID);
        assertThat((String) r.json().get("detail")).contains(detail);
    }

    @Test
    void a_text_reference_is_fetched_and_becomes_the_value() {
        Api.Response r = echo(newUserClient(), "a", url("/text"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("fetched");
    }

    @Test
    void a_json_reference_is_parsed_and_checked_against_the_schema() {
        Api api = newUserClient();
        Api.Response object = echo(api, "d", url("/json"));
        assertThat(object.status()).as(object.body()).isEqualTo(200);
        assertThat(object.json()).isEqualTo(Map.of("k", 1));
        assertRefused(echo(api, "b", url("/json")), "Input 'b'", "fetched from", "does not fit its schema");
    }

    @Test
    void redirects_are_followed_up_to_the_limit_and_refused_past_it() {
        Api api = newUserClient();
        Api.Response two = echo(api, "a", url("/hop?n=1"));
        assertThat(two.status()).as(two.body()).isEqualTo(200);
        assertThat(two.body()).isEqualTo("fetched");
        assertRefused(echo(api, "a", url("/hop?n=2")), "redirected more than 2 times",
                "steward.ogcapi.href.max-redirects");
    }

    @Test
    void every_redirect_hop_is_checked_again() {
        assertRefused(echo(newUserClient(), "a", url("/to-localhost")), "host localhost, which is not allowed",
                "steward.ogcapi.href.allowed-hosts");
    }

    @Test
    void a_reference_larger_than_the_limit_is_refused() {
        assertRefused(echo(newUserClient(), "a", url("/big")), "larger than 1000 bytes",
                "steward.ogcapi.href.max-bytes");
    }

    @Test
    void a_reference_slower_than_the_timeout_is_refused() {
        long start = System.nanoTime();
        assertRefused(echo(newUserClient(), "a", url("/slow")), "not fetched within", "steward.ogcapi.href.timeout");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
    }

    @Test
    void a_reference_answering_an_error_status_is_refused() {
        assertRefused(echo(newUserClient(), "a", url("/missing")), "answered HTTP 404");
    }

    @Test
    void only_http_and_https_are_fetched() {
        Api api = newUserClient();
        for (String href : List.of("ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1:70/x")) {
            assertRefused(echo(api, "a", href), "is not http or https");
        }
    }

    @Test
    void a_host_not_on_the_allowed_list_is_refused() {
        assertRefused(echo(newUserClient(), "a", "http://localhost:" + remote.getAddress().getPort() + "/text"),
                "not allowed", "steward.ogcapi.href.allowed-hosts");
    }
}
