package io.steward.api.ogc;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.ProxyHeaderParser;
import io.steward.api.security.TrustedProxies;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Absolute URLs of OGC resources (links, {@code Location}, the links stored for a job's callbacks): from
 * {@code steward.ogcapi.base-url} when an operator sets it, else from the request's {@code Host}. The scheme and
 * host a proxy forwards ({@code Forwarded}, {@code X-Forwarded-Proto}/{@code -Host}/{@code -Port}) are used only
 * when the request comes from a trusted proxy: from anyone else they would let a client plant its own host in the
 * links other clients are given.
 */
@Singleton
class OgcUrls {
    private final String path;
    private final String configuredBase;
    private final TrustedProxies proxies;

    OgcUrls(@Value("${steward.ogcapi.path:/ogcapi}") String path,
            @Value("${steward.ogcapi.base-url:}") String configuredBase, TrustedProxies proxies) {
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.configuredBase = configuredBase == null || configuredBase.isBlank() ? null
                : configuredBase.replaceAll("/+$", "");
        this.proxies = proxies;
    }

    /** The API's root URL for this request, without a trailing slash. */
    String root(HttpRequest<?> request) {
        if (configuredBase != null) {
            return configuredBase;
        }
        String scheme = request.isSecure() ? "https" : "http";
        String host = request.getHeaders().get("Host");
        if (host == null) {
            host = request.getServerAddress().getHostString() + ":" + request.getServerAddress().getPort();
        }
        if (proxies.trusts(request)) {
            ProxyHeaderParser forwarded = new ProxyHeaderParser(request);
            String forwardedScheme = forwarded.getScheme() == null ? null
                    : forwarded.getScheme().toLowerCase(Locale.ROOT);
            if ("http".equals(forwardedScheme) || "https".equals(forwardedScheme)) {
                scheme = forwardedScheme;
            }
            if (forwarded.getHost() != null && !forwarded.getHost().isBlank()) {
                host = forwarded.getHost() + port(forwarded.getPort(), scheme);
            }
        }
        return scheme + "://" + host + path;
    }

    private static String port(Integer port, String scheme) {
        boolean isDefault = port == null || ("http".equals(scheme) && port == 80)
                || ("https".equals(scheme) && port == 443);
        return isDefault ? "" : ":" + port;
    }
}
