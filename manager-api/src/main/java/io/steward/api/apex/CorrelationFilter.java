package io.steward.api.apex;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Every APEx answer carries the request's {@code X-Correlation-ID}: the one it sent, or one made up for it (the same
 * one its {@code ErrorResponse.request_id} names). Runs first, so that even a refused authentication has it.
 */
@ServerFilter(patterns = "${steward.apex.path:/apex}/**")
class CorrelationFilter implements Ordered {

    @RequestFilter
    void remember(HttpRequest<?> request) {
        ApexError.requestId(request);
    }

    @ResponseFilter
    void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set(ApexError.CORRELATION_HEADER, ApexError.requestId(request));
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
