package io.steward.api.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsFilter;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import io.micronaut.http.server.util.HttpHostResolver;

/**
 * Micronaut's CORS filter, except on the paths {@link CrossOriginFilter} serves. Without CORS configured, Micronaut
 * answers any request with a foreign {@code Origin} to a server on localhost with an empty 403 (its guard against
 * drive-by-localhost attacks); on the OGC and APEx paths the configured origins decide instead. Elsewhere (the
 * Cloudify API) Micronaut's behaviour is unchanged.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
@Replaces(CorsFilter.class)
class LocalCorsFilter extends CorsFilter {
    private final String ogcPath;
    private final String apexPath;

    LocalCorsFilter(HttpServerConfiguration.CorsConfiguration corsConfiguration,
                    @Nullable HttpHostResolver httpHostResolver,
                    @Value("${steward.ogcapi.path:/ogcapi}") String ogcPath,
                    @Value("${steward.apex.path:/apex}") String apexPath) {
        super(corsConfiguration, httpHostResolver);
        this.ogcPath = trimmed(ogcPath);
        this.apexPath = trimmed(apexPath);
    }

    @Override
    protected boolean shouldDenyToPreventDriveByLocalhostAttack(@NonNull CorsOriginConfiguration configuration,
                                                                @NonNull HttpRequest<?> request) {
        return !decidedElsewhere(request) && super.shouldDenyToPreventDriveByLocalhostAttack(configuration, request);
    }

    @Override
    protected boolean shouldDenyToPreventDriveByLocalhostAttack(@NonNull String origin,
                                                                @NonNull HttpRequest<?> request) {
        return !decidedElsewhere(request) && super.shouldDenyToPreventDriveByLocalhostAttack(origin, request);
    }

    private boolean decidedElsewhere(HttpRequest<?> request) {
        String path = request.getPath();
        return under(path, ogcPath) || under(path, apexPath);
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static String trimmed(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
