package io.steward.api.ogc;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code X-Forwarded-*} and {@code Forwarded} name the host in {@code Location}, in the links of a response and in
 * the links stored for a job's callbacks only when the request comes from a trusted proxy
 * ({@code steward.http.trusted-proxies}, none by default); {@code steward.ogcapi.base-url} wins over both. The
 * database plays no part here, so H2 only.
 */
class H2ForwardedHeadersApiTest extends OgcTestBase {
    private HttpServer subscriber;
    private final List<String> callbacks = new CopyOnWriteArrayList<>();

    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }

    @BeforeAll
    void startSubscriber() throws IOException {
        subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/", exchange -> {
            callbacks.add(exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        subscriber.start();
    }

    @AfterAll
    void stopSubscriber() {
        if (subscriber != null) {
            subscriber.stop(0);
        }
    }

    @Test
    void by_default_forwarded_headers_are_ignored_in_location_links_and_callbacks() {
        String realHost = server.context().getBean(EmbeddedServer.class).getURI().getAuthority();
        Execution run = execute(server.admin(), spoofing());

        assertThat(run.location).isEqualTo("http://" + realHost + "/ogcapi/jobs/" + run.job);
        assertThat(run.body).doesNotContain("evil.example").contains("http://" + realHost + "/ogcapi/jobs/");
        assertThat(run.callback).doesNotContain("evil.example").contains("http://" + realHost + "/ogcapi/jobs/");
    }

    @Test
    void a_trusted_proxy_names_the_scheme_and_host() {
        try (StewardServer behindProxy = StewardServer.start(TestDatabase.h2(),
                Map.of("steward.http.trusted-proxies", "10.0.0.0/8, 127.0.0.0/8"))) {
            Execution run = execute(behindProxy.admin(), spoofing());

            assertThat(run.location).isEqualTo("https://evil.example/ogcapi/jobs/" + run.job);
            assertThat(run.body).contains("https://evil.example/ogcapi/jobs/" + run.job);
            assertThat(run.callback).contains("https://evil.example/ogcapi/jobs/" + run.job);

            Execution standard = execute(behindProxy.admin().with("Forwarded",
                    "for=192.0.2.1;proto=https;host=api.example:8443"));
            assertThat(standard.location).isEqualTo("https://api.example:8443/ogcapi/jobs/" + standard.job);
        }
    }

    @Test
    void the_configured_base_url_wins_over_a_trusted_proxy() {
        try (StewardServer configured = StewardServer.start(TestDatabase.h2(),
                Map.of("steward.http.trusted-proxies", "127.0.0.1",
                        "steward.ogcapi.base-url", "https://steward.example/ogc"))) {
            Execution run = execute(configured.admin(), spoofing());

            assertThat(run.location).isEqualTo("https://steward.example/ogc/jobs/" + run.job);
            assertThat(run.callback).doesNotContain("evil.example");
        }
    }

    private static Map<String, String> spoofing() {
        return Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example");
    }

    private Execution execute(Api api, Map<String, String> headers) {
        Api withHeaders = api;
        for (var header : headers.entrySet()) {
            withHeaders = withHeaders.with(header.getKey(), header.getValue());
        }
        return execute(withHeaders);
    }

    /** An asynchronous job with an in-progress subscriber (its callback is a statusInfo, with links); waits for it. */
    private Execution execute(Api api) {
        String tag = unique("/cb");
        Api.Response r = api.with("Prefer", "respond-async").post("/ogcapi/processes/echo/execution",
                Map.of("inputs", Map.of("a", "x", "pause", 1), "subscriber", Map.of("inProgressUri",
                        "http://127.0.0.1:" + subscriber.getAddress().getPort() + tag)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String job = (String) r.json().get("jobID");
        String callback = Await.until("the in-progress callback of " + job, Duration.ofSeconds(30),
                () -> callbacks.stream().filter(c -> c.startsWith(tag + " ")).findFirst().orElse(null),
                c -> c != null);
        return new Execution(job, r.headers().get("location").get(0), r.body(), callback);
    }

    private record Execution(String job, String location, String body, String callback) {
    }
}
