package io.steward.dispatch.platform.auth;

import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformException;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code {"type": "client-credentials", "token_url", "client_id", "client_secret", "scope"?}}: Steward's own service
 * account at the platform, the same token for every caller, kept until shortly before it expires.
 */
public final class ClientCredentialsAuth implements RefreshableAuth {
    private final TokenEndpoint endpoint;
    private final TokenCache cache;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final String tokenPrefix;
    private final String cacheKey;

    public ClientCredentialsAuth(TokenEndpoint endpoint, TokenCache cache, URI tokenUrl, String clientId,
                                 String clientSecret, String scope, String tokenPrefix) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.scope = scope;
        this.tokenPrefix = tokenPrefix;
        this.cacheKey = TokenCache.key("client-credentials", tokenUrl.toString(), clientId, clientSecret, scope);
    }

    @Override
    public Optional<String> authorization(CallerToken caller) throws PlatformException {
        IssuedToken token = cache.get(cacheKey, () -> {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "client_credentials");
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
            form.put("scope", scope);
            return endpoint.request(tokenUrl, form, null);
        });
        return Optional.of("Bearer " + TokenEndpoint.prefixed(tokenPrefix, token.accessToken()));
    }

    @Override
    public void forget(CallerToken caller) {
        cache.forget(cacheKey);
    }

    @Override
    public String toString() {
        return "ClientCredentialsAuth[" + tokenUrl + ", client " + clientId + "]";
    }
}
