package io.steward.api.ogc;

import com.sun.net.httpserver.HttpServer;
import io.steward.api.support.Api;
import io.steward.api.support.Await;
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

/** The callback class: a subscriber, a real HTTP server here, hears of progress, success and failure. */
abstract class AbstractOgcCallbackApiTest extends OgcTestBase {
    private HttpServer subscriber;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startSubscriber() throws IOException {
        subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getPath() + " "
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

    private String uri(String path) {
        return "http://127.0.0.1:" + subscriber.getAddress().getPort() + path;
    }

    private List<String> callsTo(String path) {
        return received.stream().filter(r -> r.startsWith(path + " ")).toList();
    }

    @Test
    void a_successful_job_posts_its_status_when_running_and_its_results_document_when_done() {
        Api api = newUserClient();
        String tag = unique("/ok");
        String job = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "called back", "pause", 1),
                "subscriber", Map.of("successUri", uri(tag + "/success"), "inProgressUri", uri(tag + "/progress"),
                        "failedUri", uri(tag + "/failed"))));
        Await.until("the success callback", Duration.ofSeconds(30), () -> callsTo(tag + "/success"),
                calls -> !calls.isEmpty());
        assertThat(callsTo(tag + "/success").get(0)).contains("\"a\":\"called back\"");
        assertThat(callsTo(tag + "/progress")).singleElement().asString().contains("\"status\":\"running\"")
                .contains(job);
        assertThat(callsTo(tag + "/failed")).isEmpty();
    }

    @Test
    void a_job_that_does_not_succeed_posts_its_status_to_the_failed_uri_and_success_is_not_required() {
        Api api = newUserClient();
        String tag = unique("/dismissed");
        String job = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "x", "pause", 120),
                "subscriber", Map.of("failedUri", uri(tag + "/failed"))));
        awaitStatus(api, job, "running");
        assertThat(api.delete("/ogcapi/jobs/" + job).status()).isEqualTo(200);
        Await.until("the failed callback", Duration.ofSeconds(30), () -> callsTo(tag + "/failed"),
                calls -> !calls.isEmpty());
        assertThat(callsTo(tag + "/failed").get(0)).contains("\"status\":\"dismissed\"");
    }
}
