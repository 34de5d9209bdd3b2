package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verified callers are cached per server ({@code steward.auth.cache-ttl}): on the server that revokes a token it stops
 * working at once (see {@link AbstractAuthApiTest}); on another server of a cluster, within the TTL. PostgreSQL only:
 * two servers cannot share an H2 database.
 */
class PostgresVerifiedCallersApiTest {
    private static final Map<String, Object> SETTINGS = Map.of("steward.engine.enabled", false,
            "steward.auth.cache-ttl", "1s");

    @Test
    void a_token_revoked_on_one_server_is_refused_by_another_within_the_cache_ttl() {
        Map<String, Object> database = TestDatabase.postgres();
        try (StewardServer one = StewardServer.start(database, SETTINGS);
             StewardServer two = StewardServer.start(database, SETTINGS)) {
            var created = one.admin().post("/api/v3.1/tokens", Map.of("description", "cluster"));
            Api onTwo = two.api().token(created.json().get("value").toString()).tenant("default_tenant");
            assertThat(onTwo.get("/api/v3.1/user").status()).isEqualTo(200);

            assertThat(one.admin().delete("/api/v3.1/tokens/" + created.json().get("id")).status()).isEqualTo(204);
            long revoked = System.nanoTime();
            Await.until("the other server to refuse the revoked token", Duration.ofSeconds(10),
                    () -> onTwo.get("/api/v3.1/user").status(), status -> status == 401);
            assertThat(Duration.ofNanos(System.nanoTime() - revoked)).as("time until refused on the other server")
                    .isLessThan(Duration.ofSeconds(5));
        }
    }
}
