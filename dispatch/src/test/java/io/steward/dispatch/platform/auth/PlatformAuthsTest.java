package io.steward.dispatch.platform.auth;

import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformAuth;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.PlatformException.Kind;
import io.steward.dispatch.platform.http.PlatformHttp;
import io.steward.dispatch.support.FakeHttpServer;
import io.steward.dispatch.support.FakeHttpServer.Answer;
import io.steward.dispatch.support.FakeTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PlatformAuthsTest {
    private static final String SECRET = "s3cr3t-never-shown";

    private final FakeHttpServer idp = new FakeHttpServer();
    private final FakeTicker ticker = new FakeTicker();
    private final TokenEndpoint endpoint = new TokenEndpoint(
            PlatformHttp.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    private final AtomicInteger issued = new AtomicInteger();

    @AfterEach
    void stop() {
        idp.close();
    }

    private PlatformAuth auth(Map<String, Object> config) {
        return PlatformAuths.fromConfig(config, endpoint, ticker);
    }

    private Map<String, Object> exchangeConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("type", "token-exchange");
        config.put("token_url", idp.base() + "/realms/apex/protocol/openid-connect/token");
        config.put("client_id", "steward");
        config.put("client_secret", SECRET);
        config.put("requested_issuer", "egi");
        return config;
    }

    private Map<String, Object> clientCredentialsConfig() {
        return new HashMap<>(Map.of("type", "client-credentials", "token_url", idp.base() + "/token",
                "client_id", "svc", "client_secret", SECRET, "scope", "openid"));
    }

    private void issuesTokensLasting(String path, int expiresIn) {
        idp.on("POST " + path, r -> Answer.json(200, "{\"access_token\":\"at-" + issued.incrementAndGet()
                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}"));
    }

    @Test
    void forward_sends_the_callers_own_token_and_refuses_a_caller_without_one() throws Exception {
        PlatformAuth forward = auth(Map.of("type", "forward"));
        assertThat(forward.authorization(new CallerToken("user-tok"))).contains("Bearer user-tok");
        assertThat(auth(Map.of("type", "forward", "token_prefix", "oidc/egi"))
                .authorization(new CallerToken("user-tok"))).contains("Bearer oidc/egi/user-tok");
        PlatformException none = catchThrowableOfType(() -> forward.authorization(CallerToken.NONE),
                PlatformException.class);
        assertThat(none.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(none.getMessage()).contains("caller's own bearer token");
    }

    @Test
    void none_or_no_auth_object_sends_no_authorization() throws Exception {
        assertThat(auth(Map.of("type", "none")).authorization(ALICE_TOKEN)).isEmpty();
        assertThat(auth(Map.of()).authorization(ALICE_TOKEN)).isEmpty();
        assertThat(PlatformAuths.fromConfig(null).authorization(ALICE_TOKEN)).isEmpty();
    }

    private static final CallerToken ALICE_TOKEN = new CallerToken("alice-tok");

    @Test
    void bearer_and_basic_send_fixed_credentials_and_never_print_them() throws Exception {
        PlatformAuth bearer = auth(Map.of("type", "bearer", "token", SECRET));
        assertThat(bearer.authorization(CallerToken.NONE)).contains("Bearer " + SECRET);
        PlatformAuth basic = auth(Map.of("type", "basic", "username", "alice", "password", SECRET));
        assertThat(basic.authorization(CallerToken.NONE)).contains("Basic "
                + Base64.getEncoder().encodeToString(("alice:" + SECRET).getBytes()));
        assertThat(bearer.toString()).doesNotContain(SECRET);
        assertThat(basic.toString()).doesNotContain(SECRET);
    }

    @Test
    void client_credentials_posts_the_grant_and_keeps_the_token_until_shortly_before_it_expires() throws Exception {
        issuesTokensLasting("/token", 300);
        PlatformAuth auth = auth(clientCredentialsConfig());

        assertThat(auth.authorization(CallerToken.NONE)).contains("Bearer at-1");
        assertThat(auth.authorization(new CallerToken("anyone"))).contains("Bearer at-1");
        assertThat(idp.requests("POST", "/token")).hasSize(1);
        var form = FakeHttpServer.form(idp.requests().get(0).body());
        assertThat(form).containsEntry("grant_type", "client_credentials").containsEntry("client_id", "svc")
                .containsEntry("client_secret", SECRET).containsEntry("scope", "openid");
        assertThat(idp.requests().get(0).header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");

        ticker.advance(Duration.ofSeconds(269));
        assertThat(auth.authorization(CallerToken.NONE)).contains("Bearer at-1");
        ticker.advance(Duration.ofSeconds(2)); // 271 s: within the 30 s margin of 300 s
        assertThat(auth.authorization(CallerToken.NONE)).contains("Bearer at-2");
        assertThat(idp.requests("POST", "/token")).hasSize(2);
    }

    @Test
    void a_token_without_expires_in_is_not_kept() throws Exception {
        idp.on("POST /token", r -> Answer.json(200, "{\"access_token\":\"at-" + issued.incrementAndGet() + "\"}"));
        PlatformAuth auth = auth(clientCredentialsConfig());
        assertThat(auth.authorization(CallerToken.NONE)).contains("Bearer at-1");
        assertThat(auth.authorization(CallerToken.NONE)).contains("Bearer at-2");
    }

    @Test
    void a_jwt_without_expires_in_is_kept_by_its_exp() throws Exception {
        java.time.Instant now = java.time.Instant.parse("2026-12-03T12:00:00Z");
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"svc\",\"exp\":" + (now.getEpochSecond() + 120) + "}").getBytes());
        idp.on("POST /token", r -> Answer.json(200, "{\"access_token\":\"eyJhbGciOiJub25lIn0." + claims + ".sig-"
                + issued.incrementAndGet() + "\"}"));
        TokenEndpoint clocked = new TokenEndpoint(PlatformHttp.withTimeouts(Duration.ofSeconds(10),
                Duration.ofSeconds(20)), java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        PlatformAuth auth = PlatformAuths.fromConfig(clientCredentialsConfig(), clocked, ticker);

        assertThat(auth.authorization(CallerToken.NONE).orElseThrow()).endsWith(".sig-1");
        ticker.advance(Duration.ofSeconds(89));
        assertThat(auth.authorization(CallerToken.NONE).orElseThrow()).endsWith(".sig-1");
        ticker.advance(Duration.ofSeconds(2)); // a 120 s token is kept until 30 s before its exp
        assertThat(auth.authorization(CallerToken.NONE).orElseThrow()).endsWith(".sig-2");
    }

    @Test
    void token_exchange_posts_rfc8693_form_and_keeps_one_exchanged_token_per_caller_token() throws Exception {
        String path = "/realms/apex/protocol/openid-connect/token";
        issuesTokensLasting(path, 60);
        Map<String, Object> config = exchangeConfig();
        config.put("audience", "platform-a");
        config.put("token_prefix", "oidc/egi");
        PlatformAuth auth = auth(config);

        assertThat(auth.authorization(new CallerToken("alice-tok"))).contains("Bearer oidc/egi/at-1");
        assertThat(auth.authorization(new CallerToken("alice-tok"))).contains("Bearer oidc/egi/at-1");
        assertThat(auth.authorization(new CallerToken("bob-tok"))).contains("Bearer oidc/egi/at-2");
        assertThat(idp.requests("POST", path)).hasSize(2);
        var form = FakeHttpServer.form(idp.requests().get(0).body());
        assertThat(form)
                .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .containsEntry("subject_token", "alice-tok")
                .containsEntry("subject_token_type", "urn:ietf:params:oauth:token-type:access_token")
                .containsEntry("requested_issuer", "egi")
                .containsEntry("audience", "platform-a")
                .containsEntry("client_id", "steward")
                .containsEntry("client_secret", SECRET);

        ticker.advance(Duration.ofSeconds(31)); // a 60 s token is kept for half its life, 30 s
        assertThat(auth.authorization(new CallerToken("alice-tok"))).contains("Bearer oidc/egi/at-3");
    }

    @Test
    void concurrent_callers_with_one_token_share_one_exchange() throws Exception {
        String path = "/realms/apex/protocol/openid-connect/token";
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        idp.on("POST " + path, r -> {
            release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            return Answer.json(200, "{\"access_token\":\"at-" + issued.incrementAndGet() + "\",\"expires_in\":300}");
        });
        PlatformAuth auth = auth(exchangeConfig());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<java.util.Optional<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> auth.authorization(new CallerToken("alice-tok"))));
            }
            io.steward.dispatch.support.Await.until(() -> idp.requests().size() == 1, Duration.ofSeconds(20));
            release.countDown();
            for (var answer : answers) {
                assertThat(answer.get(20, java.util.concurrent.TimeUnit.SECONDS)).contains("Bearer at-1");
            }
            assertThat(idp.requests()).hasSize(1);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void token_exchange_needs_a_caller_token() {
        PlatformException e = catchThrowableOfType(() -> auth(exchangeConfig()).authorization(CallerToken.NONE),
                PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(idp.requests()).isEmpty();
    }

    @Test
    void not_linked_asks_the_user_to_link_their_account() {
        idp.on("POST /realms/apex/protocol/openid-connect/token", r -> Answer.json(400,
                "{\"error\":\"not_linked\",\"error_description\":\"User does not have a linked account\"}"));
        PlatformException e = catchThrowableOfType(
                () -> auth(exchangeConfig()).authorization(new CallerToken("alice-tok")), PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("not linked to the identity provider 'egi'")
                .contains("link it in the Account Dashboard");
    }

    @Test
    void a_refused_exchange_is_unauthorized_with_the_oauth_error_and_no_secret_or_token() {
        idp.on("POST /realms/apex/protocol/openid-connect/token", r -> Answer.json(401,
                "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client credentials\"}"));
        PlatformException e = catchThrowableOfType(
                () -> auth(exchangeConfig()).authorization(new CallerToken("alice-tok")), PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("refused the token request with 401 invalid_client")
                .contains("Invalid client credentials").doesNotContain(SECRET).doesNotContain("alice-tok");
    }

    @Test
    void a_failing_token_endpoint_is_unavailable_and_a_failure_is_not_kept() throws Exception {
        idp.on("POST /token", r -> Answer.json(503, "{\"error\":\"temporarily_unavailable\"}"));
        PlatformAuth auth = auth(clientCredentialsConfig());
        PlatformException e = catchThrowableOfType(() -> auth.authorization(CallerToken.NONE), PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(503);

        issuesTokensLasting("/token", 300);
        assertThat(auth.authorization(CallerToken.NONE)).contains("Bearer at-1");
    }

    @Test
    void an_unreachable_token_endpoint_is_unavailable() {
        Map<String, Object> config = clientCredentialsConfig();
        config.put("token_url", "http://127.0.0.1:" + FakeHttpServer.closedPort() + "/token");
        PlatformException e = catchThrowableOfType(() -> auth(config).authorization(CallerToken.NONE),
                PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).contains("unreachable").doesNotContain(SECRET);
    }

    @Test
    void a_slow_token_endpoint_times_out_after_the_request_timeout() {
        idp.on("POST /token", r -> {
            idp.hangUntilClosed();
            return Answer.json(200, "{}");
        });
        TokenEndpoint impatient = new TokenEndpoint(
                PlatformHttp.withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(1_000)));
        long start = System.nanoTime();
        PlatformException e = catchThrowableOfType(() -> PlatformAuths.fromConfig(clientCredentialsConfig(),
                impatient, ticker).authorization(CallerToken.NONE), PlatformException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("no answer within 1 s");
        assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofMillis(10_000));
    }

    @Test
    void an_answer_without_access_token_is_unreadable() {
        idp.on("POST /token", r -> Answer.json(200, "{\"token_type\":\"Bearer\"}"));
        PlatformException e = catchThrowableOfType(() -> auth(clientCredentialsConfig())
                .authorization(CallerToken.NONE), PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.UNREADABLE);
        assertThat(e.getMessage()).contains("without an access_token");
    }

    @Test
    void bad_configurations_fail_with_the_field_named_and_no_value_echoed() {
        assertThatThrownBy(() -> auth(Map.of("type", "oauth"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auth.type must be one of [none, forward, bearer, basic, client-credentials, token-exchange]");
        assertThatThrownBy(() -> auth(Map.of("token", SECRET))).hasMessageContaining("and it is missing")
                .satisfies(t -> assertThat(t.getMessage()).doesNotContain(SECRET));
        assertThatThrownBy(() -> auth(Map.of("type", "none", "token", SECRET)))
                .hasMessage("auth of type none does not take [token]; it takes []");
        assertThatThrownBy(() -> auth(Map.of("type", "bearer")))
                .hasMessage("auth.token is required for type bearer");
        assertThatThrownBy(() -> auth(Map.of("type", "bearer", "token", 42)))
                .hasMessage("auth.token must be a non-empty string");
        assertThatThrownBy(() -> auth(Map.of("type", "basic", "username", "a", "pasword", SECRET)))
                .hasMessage("auth of type basic does not take [pasword]; it takes [username, password]");
        Map<String, Object> badUrl = clientCredentialsConfig();
        badUrl.put("token_url", "file:///etc/passwd");
        assertThatThrownBy(() -> auth(badUrl)).hasMessage("auth.token_url must be an absolute http(s) URL");
        Map<String, Object> missing = exchangeConfig();
        missing.remove("client_secret");
        assertThatThrownBy(() -> auth(missing)).hasMessage("auth.client_secret is required for type token-exchange");
        Map<String, Object> extra = exchangeConfig();
        extra.put("scope", SECRET);
        assertThatThrownBy(() -> auth(extra)).hasMessageContaining("does not take [scope]")
                .satisfies(t -> assertThat(t.getMessage()).doesNotContain(SECRET));
    }
}
