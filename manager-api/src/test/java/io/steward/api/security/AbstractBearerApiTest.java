package io.steward.api.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.steward.api.support.Api;
import io.steward.api.support.OidcProvider;
import io.steward.api.support.SettableClock;
import io.steward.api.support.SettableClockApiTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Authorization: Bearer} on the Cloudify, OGC and APEx paths: API tokens, and OIDC access tokens of a real
 * provider inside the test ({@link OidcProvider}), checked for signature, issuer, audience and time (the server's
 * settable clock), with the user provisioned on first use; and each API's exact 401.
 */
abstract class AbstractBearerApiTest extends SettableClockApiTestBase {
    private static final String UNAUTHORIZED = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/"
            + "unauthorized";
    /** A path under /apex that no APEx route serves: authentication passes or fails before any route. */
    private static final String APEX_PROBE = "/apex/no-such-route";

    private final OidcProvider provider = new OidcProvider();
    private final String oidcTenant = unique("oidc");

    @Override
    protected Map<String, Object> serverProperties() {
        Map<String, Object> properties = new HashMap<>(SettableClock.ENABLE);
        properties.putAll(provider.serverProperties());
        properties.put("steward.oidc.tenant", oidcTenant);
        properties.put("steward.oidc.tenant-role", "user");
        return properties;
    }

    @BeforeAll
    void createTheProvisioningTenant() {
        assertThat(admin.post("/api/v3.1/tenants/" + oidcTenant, Map.of("rabbitmq_password", "")).status())
                .isEqualTo(201);
    }

    @AfterAll
    void stopProvider() {
        provider.close();
    }

    private Instant now() {
        return clock().instant();
    }

    private Api bearer(String token) {
        return server.api().with("Authorization", "Bearer " + token);
    }

    @Test
    void a_first_seen_subject_is_provisioned_into_the_configured_tenant_and_works_on_every_api() {
        String username = unique("oidc-user");
        Api api = bearer(provider.rs256(provider.claims(username, now()).build()));

        var self = api.get("/api/v3.1/user");
        assertThat(self.status()).as(self.body()).isEqualTo(200);
        assertThat(self.json()).containsEntry("username", username).containsEntry("role", "default")
                .containsEntry("active", true);
        assertThat(admin.get("/api/v3.1/users/" + username).json().get("tenant_roles"))
                .isEqualTo(Map.of("direct", Map.of(oidcTenant, "user"), "groups", Map.of()));
        assertThat(api.tenant(oidcTenant).get("/api/v3.1/blueprints").status()).isEqualTo(200);
        assertThat(api.tenant("default_tenant").get("/api/v3.1/blueprints").status()).isEqualTo(403);

        // No Tenant header (the APEx client sends none): the user's one tenant.
        var jobs = api.get("/ogcapi/jobs");
        assertThat(jobs.status()).as(jobs.body()).isEqualTo(200);
        var run = api.post("/ogcapi/processes/echo/execution", Map.of("inputs", Map.of("a", "x")));
        assertThat(run.status()).as(run.body()).isIn(200, 201);
        assertThat(api.get(APEX_PROBE).status()).as("authenticated, then no route").isEqualTo(404);
    }

    @Test
    void an_es256_token_and_the_sub_claim_when_there_is_no_preferred_username() {
        String subject = unique("svc");
        JWTClaimsSet claims = provider.claims("ignored", now()).subject(subject).claim("preferred_username", null)
                .build();
        var self = bearer(provider.es256(claims)).get("/api/v3.1/user");
        assertThat(self.status()).as(self.body()).isEqualTo(200);
        assertThat(self.json()).containsEntry("username", subject);
    }

    @Test
    void a_provisioned_user_has_no_password() {
        String username = unique("oidc-user");
        assertThat(bearer(provider.rs256(provider.claims(username, now()).build())).get("/api/v3.1/user").status())
                .isEqualTo(200);
        var basic = server.api().basic(username, "!external").get("/api/v3.1/user");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.errorCode()).isEqualTo("unauthorized_error");
    }

    @Test
    void a_wrong_signature_issuer_audience_or_time_answers_cloudify_401() {
        String username = unique("oidc-user");
        assertRefused(provider.forged(provider.claims(username, now()).build()),
                "User unauthorized: Invalid bearer token: Signed JWT rejected: Invalid signature");
        assertRefused(provider.rs256(provider.claims(username, now()).issuer("https://elsewhere.example").build()),
                "User unauthorized: Invalid bearer token: JWT iss claim has value https://elsewhere.example, must be "
                        + provider.issuer());
        assertRefused(provider.rs256(provider.claims(username, now()).audience("another-client").build()),
                "User unauthorized: Invalid bearer token: JWT audience rejected: [another-client]");
        assertRefused(provider.rs256(provider.claims(username, now()).notBeforeTime(Date.from(now().plusSeconds(600)))
                .build()), "User unauthorized: Invalid bearer token: JWT before use time");
        assertRefused("not.a.jwt", "User unauthorized: Invalid bearer token: not a JWT");
        assertThat(admin.get("/api/v3.1/users/" + username).status()).as("never provisioned").isEqualTo(404);
    }

    @Test
    void a_token_stops_working_when_it_expires_past_the_clock_skew_even_when_cached() {
        String token = provider.rs256(provider.claims(unique("oidc-user"), now()).build());
        assertThat(bearer(token).get("/api/v3.1/user").status()).isEqualTo(200);
        clock().advance(Duration.ofSeconds(3600 + 30));
        assertThat(bearer(token).get("/api/v3.1/user").status()).as("within the skew").isEqualTo(200);
        clock().advance(Duration.ofSeconds(60));
        assertRefused(token, "User unauthorized: Invalid bearer token: Expired JWT");
    }

    @Test
    void a_rotated_key_is_fetched_and_the_retired_one_refused() {
        String before = provider.rs256(provider.claims(unique("oidc-user"), now()).build());
        assertThat(bearer(before).get("/api/v3.1/user").status()).isEqualTo(200);
        int fetches = provider.jwksFetches();
        provider.rotate();
        String after = provider.rs256(provider.claims(unique("oidc-user"), now()).build());
        var rotated = bearer(after).get("/api/v3.1/user");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(provider.jwksFetches()).isGreaterThan(fetches);
        // A new user name, so no cached caller answers for the retired key.
        String retired = provider.forged(provider.claims(unique("oidc-user"), now()).build());
        assertThat(bearer(retired).get("/api/v3.1/user").status()).isEqualTo(401);
    }

    @Test
    void a_deactivated_user_is_refused_with_a_valid_token() {
        String username = unique("oidc-user");
        String token = provider.rs256(provider.claims(username, now()).build());
        assertThat(bearer(token).get("/api/v3.1/user").status()).isEqualTo(200);
        assertThat(admin.post("/api/v3.1/users/active/" + username, Map.of("action", "deactivate")).status())
                .isEqualTo(200);
        assertRefused(token, "User unauthorized: Unauthorized");
        assertThat(bearer(token).get("/ogcapi/jobs").status()).isEqualTo(401);
    }

    @Test
    void a_token_cannot_act_as_a_local_user() {
        assertRefused(provider.rs256(provider.claims("admin", now()).build()),
                "User unauthorized: `admin` is a local user; a token of the identity provider cannot act as it");
    }

    @Test
    void an_api_token_works_as_a_bearer_on_every_api() {
        String tenant = newTenant();
        Api member = newMember(tenant, "user");
        var created = member.post("/api/v3.1/tokens", Map.of("description", "bearer"));
        assertThat(created.status()).isEqualTo(200);
        Api api = bearer(created.json().get("value").toString());
        assertThat(api.get("/api/v3.1/user").json().get("username"))
                .isEqualTo(member.get("/api/v3.1/user").json().get("username"));
        assertThat(api.tenant(tenant).get("/api/v3/blueprints").status()).isEqualTo(200);
        var ogc = api.get("/ogcapi/jobs");
        assertThat(ogc.status()).as("the user's one tenant: " + ogc.body()).isEqualTo(200);
        assertThat(api.get(APEX_PROBE).status()).isEqualTo(404);
        assertThat(bearer("ctok-nope-nope").get("/api/v3.1/user").status()).isEqualTo(401);
    }

    @Test
    void each_api_answers_401_in_its_own_shape() {
        String forged = provider.forged(provider.claims(unique("oidc-user"), now()).build());
        String reason = "User unauthorized: Invalid bearer token: Signed JWT rejected: Invalid signature";

        var cloudify = bearer(forged).get("/api/v3.1/blueprints");
        assertThat(cloudify.status()).isEqualTo(401);
        assertThat(cloudify.json()).isEqualTo(nullable(Map.of("message", reason, "error_code", "unauthorized_error"),
                "server_traceback"));

        var ogc = bearer(forged).get("/ogcapi/jobs");
        assertThat(ogc.status()).isEqualTo(401);
        assertThat(ogc.json()).isEqualTo(Map.of("type", UNAUTHORIZED, "title", "Unauthorized", "status", 401,
                "detail", reason, "instance", "/ogcapi/jobs"));
        var ogcMissing = server.api().get("/ogcapi/jobs");
        assertThat(ogcMissing.status()).isEqualTo(401);
        assertThat(ogcMissing.json()).containsEntry("type", UNAUTHORIZED)
                .containsEntry("detail", "User unauthorized: No authentication info provided");

        var apexMissing = server.api().get(APEX_PROBE);
        assertThat(apexMissing.status()).isEqualTo(401);
        assertThat(apexMissing.body()).isEqualTo("{\"detail\":\"Not authenticated\"}");
        assertThat(apexMissing.headers().get("www-authenticate")).containsExactly("Bearer");

        var apexInvalid = bearer(forged).with("X-Correlation-ID", "corr-1").get(APEX_PROBE);
        assertThat(apexInvalid.status()).isEqualTo(401);
        assertThat(apexInvalid.json()).isEqualTo(Map.of("status", "error", "error_code", "AUTHENTICATION_FAILED",
                "message", reason, "request_id", "corr-1"));
        assertThat(apexInvalid.headers().get("x-correlation-id")).containsExactly("corr-1");
        var generated = bearer(forged).get(APEX_PROBE).json();
        assertThat(generated.get("request_id").toString()).hasSize(36);
    }

    @Test
    void the_apex_health_check_needs_no_token_and_websockets_leave_the_token_to_their_handler() {
        assertThat(server.api().get("/apex/health").status()).isEqualTo(200);
        // A WebSocket's token rides in its query and is checked by the socket, which closes with 1008 (the APEx
        // upscale tests); the filter must not answer the handshake with 401, forged token or none.
        String forged = provider.forged(provider.claims(unique("oidc-user"), now()).build());
        assertThat(server.api().get("/apex/ws/jobs_status?token=" + forged).status()).isNotEqualTo(401);
        assertThat(server.api().get("/apex/ws/jobs_status").status()).isNotEqualTo(401);
    }

    @Test
    void hostile_tokens_are_refused_with_401_never_500() throws Exception {
        String username = unique("oidc-user");
        JWTClaimsSet claims = provider.claims(username, now()).build();
        // alg "none": no signature at all.
        assertRefused(new com.nimbusds.jwt.PlainJWT(claims).serialize(),
                "User unauthorized: Invalid bearer token: Unsecured (plain) JWTs are rejected, extend class to handle");
        // HS256 keyed with a guessable secret: an algorithm the issuer's keys are not for.
        var hs256 = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(
                com.nimbusds.jose.JWSAlgorithm.HS256), claims);
        hs256.sign(new com.nimbusds.jose.crypto.MACSigner(new byte[32]));
        assertRefused(hs256.serialize(), "User unauthorized: Invalid bearer token: Signed JWT rejected: Another"
                + " algorithm expected, or no matching key(s) found");
        String valid = provider.rs256(claims);
        String[] parts = valid.split("\\.");
        assertRefused(parts[0] + ".!!!." + parts[2],
                "User unauthorized: Invalid bearer token: Payload of JWS object is not a valid JSON object");
        assertRefused(parts[0] + "." + parts[1], "User unauthorized: Invalid bearer token: not a JWT");
        assertRefused(provider.rs256(provider.claims("1-starts-with-a-digit", now()).build()),
                "User unauthorized: the token names the user `1-starts-with-a-digit`, which is not a valid Steward"
                        + " user name");
        assertRefused(provider.rs256(provider.claims(username, now()).expirationTime(null).build()),
                "User unauthorized: Invalid bearer token: JWT missing required claims: [exp]");
        var empty = server.api().with("Authorization", "Bearer ").get("/api/v3.1/user");
        assertThat(empty.status()).isEqualTo(401);
        var apex = server.api().with("Authorization", "Bearer a b c").get(APEX_PROBE);
        assertThat(apex.status()).isEqualTo(401);
        assertThat(admin.get("/api/v3.1/users/" + username).status()).as("never provisioned").isEqualTo(404);
    }

    private void assertRefused(String token, String message) {
        var response = bearer(token).get("/api/v3.1/user");
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("unauthorized_error");
        assertThat(response.json().get("message")).isEqualTo(message);
    }

    private static Map<String, Object> nullable(Map<String, Object> entries, String nullKey) {
        Map<String, Object> map = new HashMap<>(entries);
        map.put(nullKey, null);
        return map;
    }

}
