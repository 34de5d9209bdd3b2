package io.steward.dispatch.describe;

import io.steward.dispatch.describe.ProcessDescriptions.Lookup;
import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.PlatformException.Kind;
import io.steward.dispatch.platform.ProcessParameter;
import io.steward.dispatch.platform.ServiceRef;
import io.steward.dispatch.platform.auth.PlatformAuths;
import io.steward.dispatch.platform.http.PlatformHttp;
import io.steward.dispatch.platform.openeo.OpenEoPlatform;
import io.steward.dispatch.support.FakeHttpServer;
import io.steward.dispatch.support.FakeHttpServer.Answer;
import io.steward.dispatch.support.FakeTicker;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProcessDescriptionsTest {
    private static final ServiceRef NDVI = new ServiceRef("https://platform.example/", "ndvi", "apex");
    private static final CallerToken ALICE = new CallerToken("alice-tok");

    private final FakeTicker ticker = new FakeTicker();
    /** Background refreshes wait here until the test runs them. */
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final Executor refresher = background::add;
    private final List<String> fetches = new ArrayList<>();
    private final AtomicReference<Object> answer = new AtomicReference<>(description("v1"));

    private static ProcessDescription description(String version) {
        return new ProcessDescription("ndvi", List.of(new ProcessParameter(version, "string", false, null, null,
                List.of())));
    }

    private final DescriptionSource source = (service, caller) -> {
        fetches.add(service.application() + " as " + caller.value());
        Object now = answer.get();
        if (now instanceof PlatformException e) {
            throw e;
        }
        return Optional.ofNullable((ProcessDescription) now);
    };

    private final ProcessDescriptions descriptions = new ProcessDescriptions(source, Duration.ofMinutes(5),
            Duration.ofHours(1), Duration.ofMinutes(1), refresher, ticker);

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    @Test
    void a_miss_fetches_once_and_later_looks_need_no_platform_call() throws Exception {
        assertThat(descriptions.describe(NDVI, ALICE)).isEqualTo(description("v1"));
        assertThat(descriptions.describe(new ServiceRef("https://platform.example", "ndvi", "apex"), ALICE))
                .isEqualTo(description("v1"));
        assertThat(descriptions.cached(NDVI, ALICE)).isEqualTo(new Lookup.Known(description("v1")));
        assertThat(fetches).containsExactly("ndvi as alice-tok");
        assertThat(background).isEmpty();
    }

    @Test
    void a_stale_entry_is_served_while_a_background_fetch_replaces_it() throws Exception {
        descriptions.describe(NDVI, ALICE);
        answer.set(description("v2"));
        ticker.advance(Duration.ofMinutes(5));

        assertThat(descriptions.describe(NDVI, new CallerToken("bob-tok"))).isEqualTo(description("v1"));
        assertThat(descriptions.describe(NDVI, ALICE)).isEqualTo(description("v1"));
        assertThat(background).as("one refresh at a time per process").hasSize(1);
        runBackground();
        assertThat(descriptions.describe(NDVI, ALICE)).isEqualTo(description("v2"));
        assertThat(fetches).containsExactly("ndvi as alice-tok", "ndvi as bob-tok");
    }

    @Test
    void refresh_stale_refetches_old_entries_with_the_token_they_were_fetched_with() throws Exception {
        descriptions.describe(NDVI, ALICE);
        descriptions.refreshStale();
        assertThat(background).isEmpty();
        ticker.advance(Duration.ofMinutes(6));
        answer.set(description("v2"));
        descriptions.refreshStale();
        runBackground();
        assertThat(fetches).containsExactly("ndvi as alice-tok", "ndvi as alice-tok");
        assertThat(descriptions.cached(NDVI, ALICE)).isEqualTo(new Lookup.Known(description("v2")));
    }

    @Test
    void a_failed_refresh_keeps_the_old_entry_until_it_expires() throws Exception {
        descriptions.describe(NDVI, ALICE);
        ticker.advance(Duration.ofMinutes(10));
        answer.set(new PlatformException(Kind.UNAVAILABLE, 503, "down"));
        descriptions.refreshStale();
        runBackground();
        assertThat(descriptions.cached(NDVI, ALICE)).isEqualTo(new Lookup.Known(description("v1")));
        ticker.advance(Duration.ofMinutes(51));
        assertThat(descriptions.cached(NDVI, ALICE)).isEqualTo(new Lookup.NotCached());
    }

    @Test
    void a_failed_fetch_on_a_miss_is_the_callers_and_is_not_kept() throws Exception {
        answer.set(new PlatformException(Kind.UNAVAILABLE, 0, "platform unreachable"));
        PlatformException e = catchThrowableOfType(() -> descriptions.describe(NDVI, ALICE), PlatformException.class);
        assertThat(e.getMessage()).isEqualTo("platform unreachable");
        answer.set(description("v1"));
        assertThat(descriptions.describe(NDVI, ALICE)).isEqualTo(description("v1"));
    }

    @Test
    void an_unknown_process_is_refused_clearly_and_remembered_a_minute() throws Exception {
        answer.set(null);
        UnknownProcessException e = catchThrowableOfType(() -> descriptions.describe(NDVI, ALICE),
                UnknownProcessException.class);
        assertThat(e.getMessage()).isEqualTo("the platform at https://platform.example/ has no process ndvi in namespace apex");
        assertThat(descriptions.cached(NDVI, ALICE)).isEqualTo(new Lookup.Unknown());
        assertThat(fetches).hasSize(1);

        answer.set(description("v1"));
        ticker.advance(Duration.ofSeconds(61));
        assertThat(descriptions.describe(NDVI, ALICE)).isEqualTo(description("v1"));
    }

    @Test
    void cached_never_calls_the_platform_itself_but_fetches_a_miss_in_the_background() {
        assertThat(descriptions.cached(NDVI, ALICE)).isEqualTo(new Lookup.NotCached());
        assertThat(fetches).isEmpty();
        runBackground();
        assertThat(descriptions.cached(NDVI, ALICE)).isEqualTo(new Lookup.Known(description("v1")));
    }

    @Test
    void openeo_feeds_the_cache_from_the_udp_and_a_missing_udp_is_an_unknown_process() throws Exception {
        try (FakeHttpServer udps = new FakeHttpServer()) {
            udps.on("GET /ndvi.json", r -> Answer.json(200, """
                    {"id": "ndvi", "parameters": [{"name": "spatial_extent",
                      "schema": {"type": "object", "subtype": "bounding-box"}}]}"""));
            OpenEoPlatform openEo = new OpenEoPlatform(URI.create("http://127.0.0.1:1/openeo"),
                    PlatformAuths.fromConfig(Map.of("type", "forward")),
                    PlatformHttp.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20)));
            ProcessDescriptions fromOpenEo = new ProcessDescriptions(DescriptionSource.of(openEo),
                    Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(1), refresher, ticker);
            ServiceRef known = new ServiceRef("http://127.0.0.1:1/openeo", udps.base() + "/ndvi.json", null);

            ProcessDescription description = fromOpenEo.describe(known, ALICE);
            assertThat(description.inputs()).extracting(ProcessParameter::name, ProcessParameter::type)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("spatial_extent", "bounding-box"));
            fromOpenEo.describe(known, ALICE);
            assertThat(udps.requests()).hasSize(1);

            ServiceRef missing = new ServiceRef("http://127.0.0.1:1/openeo", udps.base() + "/gone.json", null);
            assertThat(catchThrowableOfType(() -> fromOpenEo.describe(missing, ALICE), UnknownProcessException.class))
                    .hasMessageContaining("has no process " + udps.base() + "/gone.json");
        }
    }
}
