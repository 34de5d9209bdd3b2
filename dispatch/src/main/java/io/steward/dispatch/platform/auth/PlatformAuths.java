package io.steward.dispatch.platform.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformAuth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a platform's {@link PlatformAuth} from the {@code auth} object of its {@code STEWARD_APEX_PLATFORMS} entry.
 * No object at all, or an empty one, is {@code {"type": "none"}}: no {@code Authorization} header.
 * The object is checked whole: an unknown type, a missing or non-string field, a field the type does not take (a
 * typo, most often) or a token URL that is not absolute http(s) fails with an {@link IllegalArgumentException} that
 * names the field and never echoes a value.
 */
public final class PlatformAuths {
    public static final List<String> TYPES = List.of("none", "forward", "bearer", "basic", "client-credentials",
            "token-exchange");

    /** No credentials: no {@code Authorization} header. */
    public static final PlatformAuth NONE = new PlatformAuth() {
        @Override
        public Optional<String> authorization(CallerToken caller) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "NoAuth";
        }
    };

    private PlatformAuths() {
    }

    /** With the default token endpoint client (10 s per token request) and the system clock. */
    public static PlatformAuth fromConfig(Map<String, Object> auth) {
        return fromConfig(auth, TokenEndpoint.withDefaults(), Ticker.systemTicker());
    }

    /** With the given token endpoint client, and the ticker the token caches measure expiry with. */
    public static PlatformAuth fromConfig(Map<String, Object> auth, TokenEndpoint endpoint, Ticker ticker) {
        if (auth == null || auth.isEmpty()) {
            return NONE;
        }
        Object type = auth.get("type");
        if (!(type instanceof String name) || !TYPES.contains(name)) {
            throw new IllegalArgumentException("auth.type must be one of " + TYPES
                    + (type == null ? ", and it is missing" : ""));
        }
        Fields fields = new Fields(name, auth);
        return switch (name) {
            case "none" -> {
                fields.only();
                yield NONE;
            }
            case "forward" -> {
                fields.only("token_prefix");
                yield new ForwardAuth(fields.optional("token_prefix"));
            }
            case "bearer" -> {
                fields.only("token");
                yield new BearerAuth(fields.required("token"));
            }
            case "basic" -> {
                fields.only("username", "password");
                yield new BasicAuth(fields.required("username"), fields.required("password"));
            }
            case "client-credentials" -> {
                fields.only("token_url", "client_id", "client_secret", "scope", "token_prefix");
                yield new ClientCredentialsAuth(endpoint, cache(ticker), fields.url("token_url"),
                        fields.required("client_id"), fields.required("client_secret"), fields.optional("scope"),
                        fields.optional("token_prefix"));
            }
            case "token-exchange" -> {
                fields.only("token_url", "client_id", "client_secret", "requested_issuer", "audience", "token_prefix");
                yield new TokenExchangeAuth(endpoint, cache(ticker), fields.url("token_url"),
                        fields.required("client_id"), fields.required("client_secret"),
                        fields.optional("requested_issuer"), fields.optional("audience"),
                        fields.optional("token_prefix"));
            }
            default -> throw new IllegalStateException("type listed but not built: " + name);
        };
    }

    private static TokenCache cache(Ticker ticker) {
        return new TokenCache(ticker, TokenCache.DEFAULT_MARGIN, TokenCache.DEFAULT_MAXIMUM_SIZE);
    }

    private record Fields(String type, Map<String, Object> auth) {

        void only(String... allowed) {
            Set<String> known = new LinkedHashSet<>(List.of(allowed));
            known.add("type");
            Set<String> unknown = new TreeSet<>(auth.keySet());
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                known.remove("type");
                throw new IllegalArgumentException("auth of type " + type + " does not take " + unknown
                        + "; it takes " + known);
            }
        }

        String required(String field) {
            Object value = auth.get(field);
            if (value == null) {
                throw new IllegalArgumentException("auth." + field + " is required for type " + type);
            }
            if (!(value instanceof String text) || text.isBlank()) {
                throw new IllegalArgumentException("auth." + field + " must be a non-empty string");
            }
            return text;
        }

        String optional(String field) {
            return auth.get(field) == null ? null : required(field);
        }

        URI url(String field) {
            String text = required(field);
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new IllegalArgumentException("auth." + field + " must be an absolute http(s) URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("auth." + field + " is not a valid URL: " + e.getReason(), e);
            }
        }
    }
}
