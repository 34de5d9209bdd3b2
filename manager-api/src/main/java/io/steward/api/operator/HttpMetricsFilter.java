package io.steward.api.operator;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;

import java.util.Set;

/**
 * {@code steward_http_server_requests_seconds{method,route,status}}: every request, labelled by the route's template
 * ({@code /api/v3.1/executions/{id}}, never the raw path; {@code UNMATCHED} when no route matched), a known method
 * (else {@code OTHER}) and the status class ({@code 2xx} …), so the series stay few whatever clients send. First in
 * and last out, so requests refused by other filters (maintenance mode, authentication) are counted too.
 */
@ServerFilter("/**")
class HttpMetricsFilter implements Ordered {
    private static final String STARTED = "steward.metrics.started";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final PrometheusMeterRegistry registry;

    HttpMetricsFilter(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    void started(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    void ended(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Long started = request.getAttribute(STARTED, Long.class).orElse(null);
        if (started == null) {
            return;
        }
        String route = RouteAttributes.getRouteInfo(request)
                .filter(UriRouteInfo.class::isInstance)
                .map(info -> ((UriRouteInfo<?, ?>) info).getUriMatchTemplate().toString())
                .orElse("UNMATCHED");
        HttpMethod method = request.getMethod();
        Timer.builder("steward.http.server.requests").description("HTTP requests served")
                .tag("method", METHODS.contains(method.name()) ? method.name() : "OTHER")
                .tag("route", route)
                .tag("status", response.code() / 100 + "xx")
                .register(registry).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
