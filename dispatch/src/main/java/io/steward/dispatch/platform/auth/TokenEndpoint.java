package io.steward.dispatch.platform.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.PlatformException.Kind;
import io.steward.dispatch.platform.http.Json;
import io.steward.dispatch.platform.http.PlatformHttp;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An OAuth 2.0 token endpoint (RFC 6749 §4.4 client credentials, RFC 8693 token exchange as Keycloak serves it):
 * posts the form, reads {@code access_token} and {@code expires_in}, and turns its refusals into
 * {@link PlatformException}s. Messages carry the OAuth {@code error} and its description, never a token or secret.
 */
public final class TokenEndpoint {
    private final PlatformHttp http;
    private final Clock clock;

    /** {@code clock} reads a JWT's {@code exp} when the answer has no {@code expires_in}. */
    public TokenEndpoint(PlatformHttp http, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public TokenEndpoint(PlatformHttp http) {
        this(http, Clock.systemUTC());
    }

    public static TokenEndpoint withDefaults() {
        return new TokenEndpoint(PlatformHttp.withTimeouts(PlatformHttp.DEFAULT_CONNECT_TIMEOUT, Duration.ofSeconds(10)));
    }

    /**
     * Posts {@code form} (already holding the grant and the client's credentials) to {@code tokenUrl}.
     * {@code requestedIssuer} only words the "account not linked" refusal; it may be null.
     */
    public IssuedToken request(URI tokenUrl, Map<String, String> form, String requestedIssuer) throws PlatformException {
        String what = "token endpoint " + tokenUrl;
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        HttpResponse<String> response = http.send(request, what);
        int status = response.statusCode();
        if (!PlatformHttp.success(response)) {
            throw refusal(what, status, response.body(), requestedIssuer);
        }
        JsonNode body = Json.read(response.body(), what);
        JsonNode token = body.path("access_token");
        if (!token.isTextual() || token.asText().isEmpty()) {
            throw new PlatformException(Kind.UNREADABLE, status, what + " answered " + status
                    + " without an access_token");
        }
        JsonNode expiresIn = body.path("expires_in");
        Duration lifetime = null;
        if (expiresIn.isNumber() || (expiresIn.isTextual() && expiresIn.asText().matches("\\d+"))) {
            lifetime = Duration.ofSeconds(expiresIn.asLong());
        } else {
            lifetime = jwtLifetime(token.asText());
        }
        return new IssuedToken(token.asText(), lifetime);
    }

    /** What is left of a JWT's life by its (unverified: it is only a hint for caching) {@code exp}, or null. */
    private Duration jwtLifetime(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (claims != null && claims.path("exp").isNumber()) {
                Duration left = Duration.ofSeconds(claims.path("exp").asLong() - clock.instant().getEpochSecond());
                return left.isNegative() ? Duration.ZERO : left;
            }
        } catch (IllegalArgumentException | java.io.IOException notAJwt) {
            // An opaque token: its life is unknown.
        }
        return null;
    }

    private static PlatformException refusal(String what, int status, String body, String requestedIssuer) {
        String error = null;
        String description = null;
        try {
            JsonNode json = Json.MAPPER.readTree(body == null ? "" : body);
            if (json != null && json.isObject()) {
                error = json.path("error").isTextual() ? json.path("error").asText() : null;
                description = json.path("error_description").isTextual() ? json.path("error_description").asText() : null;
            }
        } catch (java.io.IOException notJson) {
            // Not an OAuth error document: the status alone says it.
        }
        if ("not_linked".equals(error)) {
            return new PlatformException(Kind.UNAUTHORIZED, status, "your account is not linked to the identity provider"
                    + (requestedIssuer == null ? "" : " '" + requestedIssuer + "'")
                    + " this platform trusts: link it in the Account Dashboard, then try again");
        }
        Kind kind = status >= 500 || status == 429 || status == 408 ? Kind.UNAVAILABLE : Kind.UNAUTHORIZED;
        StringBuilder message = new StringBuilder(what).append(" refused the token request with ").append(status);
        if (error != null) {
            message.append(" ").append(PlatformHttp.excerpt(error));
            if (description != null) {
                message.append(" (").append(PlatformHttp.excerpt(description)).append(")");
            }
        }
        return new PlatformException(kind, status, message.toString());
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** {@code prefix/token} when a prefix is configured (openEO's {@code oidc/<provider>/<token>}), else the token. */
    static String prefixed(String prefix, String token) {
        if (prefix == null || prefix.isEmpty()) {
            return token;
        }
        return prefix.endsWith("/") ? prefix + token : prefix + "/" + token;
    }
}
