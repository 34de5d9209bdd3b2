package io.steward.api.apex;

import io.micronaut.runtime.server.EmbeddedServer;
import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the APEx API tests share: a second Steward whose {@code /ogcapi} is the OGC platform, a small fake platform,
 * and the server settings naming them (fast polls, so the tests need not wait). Subclasses add their own platforms.
 */
abstract class AbstractApexPlatformsTest extends ApiTestBase {
    StewardServer platformSteward;
    FakeOgcPlatform fake;
    private final List<AutoCloseable> started = new ArrayList<>();
    private Map<String, Object> properties;

    /** The {@code steward.apex.platforms} entries after the second Steward's; {@link #fake} is running by then. */
    abstract List<String> otherPlatforms();

    @Override
    protected Map<String, Object> serverProperties() {
        if (properties == null) {
            platformSteward = started(StewardServer.start(TestDatabase.h2()));
            fake = started(new FakeOgcPlatform());
            List<String> entries = new ArrayList<>();
            entries.add("{\"endpoint\":\"" + stewardBase() + "\",\"type\":\"ogc_api_process\",\"auth\":"
                    + "{\"type\":\"basic\",\"username\":\"admin\",\"password\":\"" + StewardServer.ADMIN_PASSWORD
                    + "\"},\"max_concurrent_jobs\":4}");
            entries.addAll(otherPlatforms());
            properties = Map.of("steward.apex.platforms", "[" + String.join(",", entries) + "]",
                    "steward.apex.poll-interval", "100ms", "steward.apex.max-backoff", "400ms",
                    "steward.apex.lease", "2s");
        }
        return properties;
    }

    /** Keeps {@code platform} to be closed after the class, in the order started. */
    <T extends AutoCloseable> T started(T platform) {
        started.add(platform);
        return platform;
    }

    @AfterAll
    void stopPlatforms() throws Exception {
        for (AutoCloseable platform : started) {
            platform.close();
        }
    }

    String stewardBase() {
        String uri = platformSteward.context().getBean(EmbeddedServer.class).getURI().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** The unit job as {@code GET /apex/unit_jobs/{id}} shows it, once its status is {@code status}. */
    static Map<String, Object> awaitStatus(Api user, Object id, String status, java.time.Duration wait) {
        return Await.until("unit job " + id + " " + status, wait,
                () -> user.get("/apex/unit_jobs/" + id).json(), job -> status.equals(job.get("status")));
    }
}
