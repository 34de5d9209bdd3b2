package io.steward.dispatch.platform.auth;

import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformException;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code {"type": "token-exchange", "token_url", "client_id", "client_secret", "requested_issuer"?, "audience"?,
 * "token_prefix"?}}: the caller's token exchanged (RFC 8693, as Keycloak serves it, e.g. for the token of a brokered
 * identity provider named by {@code requested_issuer}) for one the platform accepts. Exchanged tokens are kept per
 * caller token until shortly before they expire, where the reference exchanges on every call.
 */
public final class TokenExchangeAuth implements RefreshableAuth {
    static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private final TokenEndpoint endpoint;
    private final TokenCache cache;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String requestedIssuer;
    private final String audience;
    private final String tokenPrefix;

    public TokenExchangeAuth(TokenEndpoint endpoint, TokenCache cache, URI tokenUrl, String clientId,
                             String clientSecret, String requestedIssuer, String audience, String tokenPrefix) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.requestedIssuer = requestedIssuer;
        this.audience = audience;
        this.tokenPrefix = tokenPrefix;
    }

    @Override
    public Optional<String> authorization(CallerToken caller) throws PlatformException {
        if (caller == null || caller.value() == null || caller.value().isBlank()) {
            throw new PlatformException(PlatformException.Kind.UNAUTHORIZED, 0,
                    "this platform needs the caller's bearer token to exchange, and the caller presented none");
        }
        String subject = caller.value();
        String key = key(subject);
        IssuedToken token = cache.get(key, () -> {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", GRANT);
            form.put("subject_token", subject);
            form.put("subject_token_type", ACCESS_TOKEN_TYPE);
            form.put("requested_token_type", ACCESS_TOKEN_TYPE);
            form.put("requested_issuer", requestedIssuer);
            form.put("audience", audience);
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
            return endpoint.request(tokenUrl, form, requestedIssuer);
        });
        return Optional.of("Bearer " + TokenEndpoint.prefixed(tokenPrefix, token.accessToken()));
    }

    @Override
    public void forget(CallerToken caller) {
        if (caller != null && caller.value() != null) {
            cache.forget(key(caller.value()));
        }
    }

    private String key(String subject) {
        return TokenCache.key("token-exchange", tokenUrl.toString(), clientId, requestedIssuer, audience, subject);
    }

    @Override
    public String toString() {
        return "TokenExchangeAuth[" + tokenUrl + ", client " + clientId + "]";
    }
}
