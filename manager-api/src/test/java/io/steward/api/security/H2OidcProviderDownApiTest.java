package io.steward.api.security;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.OidcProvider;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider is unreachable: the server still starts (its discovery document is read at the first
 * token), an OIDC token is refused with 401 saying why, and API tokens keep working.
 */
class H2OidcProviderDownApiTest extends ApiTestBase {
    private final OidcProvider signer = new OidcProvider();
    private final String issuer = "http://127.0.0.1:" + closedPort() + "/realms/down";

    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.oidc.issuer", issuer, "steward.oidc.audience", OidcProvider.AUDIENCE);
    }

    @AfterAll
    void stopSigner() {
        signer.close();
    }

    @Test
    void an_oidc_token_is_refused_with_401_and_api_tokens_still_work() {
        String jwt = signer.rs256(signer.claims("someone", Instant.now()).issuer(issuer).build());
        for (int attempt = 0; attempt < 2; attempt++) {
            var refused = server.api().with("Authorization", "Bearer " + jwt).get("/api/v3.1/user");
            assertThat(refused.status()).as(refused.body()).isEqualTo(401);
            assertThat(refused.json().get("message"))
                    .isEqualTo("User unauthorized: Invalid bearer token: the identity provider's configuration could"
                            + " not be read");
        }
        String token = admin.post("/api/v3.1/tokens", Map.of("description", "while the IdP is down")).json()
                .get("value").toString();
        assertThat(server.api().with("Authorization", "Bearer " + token).get("/api/v3.1/user").status())
                .isEqualTo(200);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
