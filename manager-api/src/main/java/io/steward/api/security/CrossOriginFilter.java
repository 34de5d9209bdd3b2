package io.steward.api.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.steward.api.ogc.OgcError;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CORS for the APIs browsers call, the OGC API and APEx ({@code steward.cors.allowed-origins}: {@code *} by default,
 * any origin, without credentials; or a comma-separated list of origins). A preflight is answered 204 here, before
 * authentication, with the methods and request headers these APIs take; an actual request gets
 * {@code Access-Control-Allow-Origin} and the response headers a client reads ({@code Location},
 * {@code Preference-Applied}, {@code Link}, {@code X-Correlation-ID}) exposed. An origin not on a restricted list is
 * refused with 403, preflight or not. The Cloudify API is left to Micronaut's own CORS handling (off).
 * {@link LocalCorsFilter} keeps Micronaut's drive-by-localhost refusal off these paths, where this filter decides.
 */
@ServerFilter(patterns = {"${steward.ogcapi.path:/ogcapi}/**", "${steward.apex.path:/apex}/**"})
class CrossOriginFilter implements Ordered {
    static final String ANY = "*";
    private static final String METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    private static final String REQUEST_HEADERS = "Authorization, Content-Type, Accept, Accept-Language, Prefer,"
            + " Tenant, Authentication-Token, X-Correlation-ID";
    private static final String EXPOSED_HEADERS = "Location, Preference-Applied, Link, X-Correlation-ID";

    private final Set<String> allowedOrigins;
    private final Duration maxAge;
    private final OgcError ogc;

    CrossOriginFilter(@Value("${steward.cors.allowed-origins:*}") List<String> allowedOrigins,
                      @Value("${steward.cors.max-age:1h}") Duration maxAge, OgcError ogc) {
        this.allowedOrigins = allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.maxAge = maxAge;
        this.ogc = ogc;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order(); // before Micronaut's CORS filter and before authentication
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> filterRequest(HttpRequest<?> request) {
        String origin = request.getHeaders().getOrigin().orElse(null);
        if (origin == null) {
            return null;
        }
        if (!allows(origin)) {
            return refused(request, origin);
        }
        if (request.getMethod() == HttpMethod.OPTIONS
                && request.getHeaders().contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) {
            // Answered here, so this filter's response filter does not see it.
            return allowOrigin(origin, HttpResponse.status(HttpStatus.NO_CONTENT)
                    .header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                    .header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, REQUEST_HEADERS)
                    .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, Long.toString(maxAge.toSeconds())));
        }
        return null;
    }

    @ResponseFilter
    void filterResponse(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String origin = request.getHeaders().getOrigin().orElse(null);
        if (origin == null || !allows(origin)) {
            return;
        }
        allowOrigin(origin, response);
        if (request.getMethod() != HttpMethod.OPTIONS) {
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
    }

    private MutableHttpResponse<?> allowOrigin(String origin, MutableHttpResponse<?> response) {
        if (allowedOrigins.contains(ANY)) {
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ANY);
        } else {
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        }
        return response;
    }

    private boolean allows(String origin) {
        return allowedOrigins.contains(ANY) || allowedOrigins.contains(origin);
    }

    /** 403 in the API's own error shape. */
    private HttpResponse<?> refused(HttpRequest<?> request, String origin) {
        String message = "Cross-origin requests from " + origin + " are not allowed";
        if (ogc.covers(request)) {
            return ogc.renderStatus(request, 403, message);
        }
        String requestId = io.steward.api.apex.ApexError.requestId(request); // the one the answer's header echoes
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("error_code", "FORBIDDEN");
        body.put("message", message);
        body.put("request_id", requestId);
        return HttpResponse.status(HttpStatus.FORBIDDEN).header(ApexAuthenticationFilter.CORRELATION_HEADER, requestId)
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }
}
