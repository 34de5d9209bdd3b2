package io.steward.api.ogc;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Absolute URLs of OGC resources (links, {@code Location}): from {@code steward.ogcapi.base-url} when an operator
 * sets it (behind a proxy), else from the request's {@code Host} and {@code X-Forwarded-Proto}.
 */
@Singleton
class OgcUrls {
    private final String path;
    private final String configuredBase;

    OgcUrls(@Value("${steward.ogcapi.path:/ogcapi}") String path,
            @Value("${steward.ogcapi.base-url:}") String configuredBase) {
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.configuredBase = configuredBase == null || configuredBase.isBlank() ? null
                : configuredBase.replaceAll("/+$", "");
    }

    /** The API's root URL for this request, without a trailing slash. */
    String root(HttpRequest<?> request) {
        if (configuredBase != null) {
            return configuredBase;
        }
        String host = request.getHeaders().get("Host");
        if (host == null) {
            host = request.getServerAddress().getHostString() + ":" + request.getServerAddress().getPort();
        }
        String scheme = request.getHeaders().get("X-Forwarded-Proto");
        return (scheme == null ? "http" : scheme) + "://" + host + path;
    }
}
