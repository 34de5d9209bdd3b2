package io.steward.api.cloudify;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import jakarta.inject.Singleton;

/**
 * The usual failure of a request during a database outage (no connection within the request's wait) goes straight
 * to the renderer, which answers 503, instead of through Micronaut's unhandled-error path, which would log every
 * such request as an unexpected error with its stack trace.
 */
@Singleton
class DatabaseUnavailableHandler implements ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<?>> {
    private final CloudifyErrorRenderer renderer;

    DatabaseUnavailableHandler(CloudifyErrorRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CannotGetJdbcConnectionException exception) {
        return renderer.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.serverError());
    }
}
