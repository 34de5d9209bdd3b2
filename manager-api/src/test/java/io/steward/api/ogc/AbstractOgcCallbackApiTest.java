package io.steward.api.ogc;

import com.sun.net.httpserver.HttpServer;
import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.SettableClock;
import io.steward.api.support.StewardServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The callback class: a subscriber, a real HTTP server here, hears of progress, success and failure, at least once
 * and durably: across a restart, through failures (retried), and never told of one success twice.
 */
abstract class AbstractOgcCallbackApiTest extends OgcTestBase {
    /** Paths with this part answer 500 to their first two calls. */
    private static final String FLAKY = "/flaky";
    /** Paths with this part always answer 503. */
    private static final String DOWN = "/down";
    /** Retries and delivery rounds fast enough that a test waits for no more than the deliveries it checks. */
    private static final Map<String, Object> FAST_RETRIES = Map.of("steward.ogcapi.callback-retry-base", "50ms",
            "steward.ogcapi.callback-poll", "100ms");
    private HttpServer subscriber;
    /** Every call, "path body", whatever it was answered; {@link #accepted} only those answered 2xx. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> callsPerPath = new ConcurrentHashMap<>();

    @Override
    protected Map<String, Object> serverProperties() {
        return FAST_RETRIES;
    }

    @BeforeAll
    void startSubscriber() throws IOException {
        subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String call = path + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(call);
            int n = callsPerPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int status = path.contains(DOWN) ? 503 : path.contains(FLAKY) && n <= 2 ? 500 : 204;
            if (status == 204) {
                accepted.add(call);
            }
            exchange.sendResponseHeaders(status, -1);
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

    private List<String> acceptedAt(String path) {
        return accepted.stream().filter(r -> r.startsWith(path + " ")).toList();
    }

    private String submitWithSuccessUri(Api api, String tag, int pause) {
        return submitAsync(api, "echo", Map.of("inputs", Map.of("a", "for " + tag, "pause", pause),
                "subscriber", Map.of("successUri", uri(tag + "/success"), "inProgressUri", uri(tag + "/progress"))));
    }

    private void awaitAccepted(String path) {
        Await.until("a callback taken at " + path, Duration.ofSeconds(60), () -> acceptedAt(path),
                calls -> !calls.isEmpty());
    }

    @Test
    void a_job_accepted_before_a_restart_is_called_back_by_the_server_after_it() {
        Map<String, Object> database = database();
        String tag = unique("/restart");
        String job;
        try (StewardServer first = StewardServer.start(database, FAST_RETRIES)) {
            Api api = first.admin();
            job = submitWithSuccessUri(api, tag, 3);
            awaitStatus(api, job, "running");
        }
        // The second server's clock is the test's, standing at the time the first one stopped: the test moves it
        // past takeover-after (12s) and runs the engine's round, which takes the job over at once.
        Map<String, Object> second = new java.util.HashMap<>(FAST_RETRIES);
        second.putAll(SettableClock.startingAt(java.time.Instant.now()));
        try (StewardServer after = StewardServer.start(database, second)) {
            after.context().getBean(SettableClock.class).advance(Duration.ofSeconds(13));
            after.context().getBean(io.steward.engine.runner.EngineRunner.class).tick();
            awaitAccepted(tag + "/success");
            assertThat(after.admin().get("/ogcapi/jobs/" + job).json()).containsEntry("status", "successful");
        }
        assertThat(acceptedAt(tag + "/success")).singleElement().asString().contains("for " + tag);
    }

    @Test
    void a_subscriber_that_fails_twice_is_called_back_on_the_third_attempt() {
        Api api = newUserClient();
        String tag = unique(FLAKY);
        submitWithSuccessUri(api, tag, 0);
        awaitAccepted(tag + "/success");
        assertThat(callsTo(tag + "/success")).hasSize(3);
        assertThat(acceptedAt(tag + "/success")).singleElement().asString().contains("for " + tag);
    }

    @Test
    void a_subscriber_that_never_takes_a_callback_is_given_up_with_an_event_on_the_job() {
        Api api = newUserClient();
        String tag = unique(DOWN);
        String job = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "lost"),
                "subscriber", Map.of("successUri", uri(tag + "/success"))));
        String events = Await.until("the give-up event", Duration.ofSeconds(60),
                () -> api.get("/api/v3.1/events?execution_id=" + job).body(),
                body -> body.contains("ogc_callback_failed"));
        assertThat(events).contains("(successful) to " + uri(tag + "/success") + " given up after 5 attempts");
        assertThat(callsTo(tag + "/success")).hasSize(5);
    }

    @Test
    void every_job_is_told_of_its_success_exactly_once() {
        Api api = newUserClient();
        List<String> tags = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String tag = unique("/once");
            tags.add(tag);
            submitWithSuccessUri(api, tag, 0);
        }
        tags.forEach(tag -> awaitAccepted(tag + "/success"));
        // A later job's callback comes after many more delivery rounds: any duplicate would have been sent by then.
        String sentinel = unique("/sentinel");
        submitWithSuccessUri(api, sentinel, 1);
        awaitAccepted(sentinel + "/success");
        tags.forEach(tag -> assertThat(callsTo(tag + "/success")).as(tag).hasSize(1));
        tags.forEach(tag -> assertThat(callsTo(tag + "/progress")).as(tag).hasSizeLessThanOrEqualTo(1));
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
