package io.steward.api.cloudify;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import jakarta.inject.Singleton;

/**
 * The usual failures of a request during a database outage (no connection within the request's wait, or the
 * connection broke under it) go straight to the renderer, which answers 503, instead of through Micronaut's
 * unhandled-error path, which would log every such request as an unexpected error with its stack trace.
 */
abstract class DatabaseUnavailableHandler<E extends RuntimeException> implements ExceptionHandler<E, HttpResponse<?>> {
    private final CloudifyErrorRenderer renderer;

    DatabaseUnavailableHandler(CloudifyErrorRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, E exception) {
        return renderer.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.serverError());
    }

    @Singleton
    static final class NoConnection extends DatabaseUnavailableHandler<CannotGetJdbcConnectionException> {
        NoConnection(CloudifyErrorRenderer renderer) {
            super(renderer);
        }
    }

    /** A broken connection's failure, or a bug's, when it is not one: the renderer tells them apart. */
    @Singleton
    static final class BrokenConnection extends DatabaseUnavailableHandler<ConnectionException> {
        BrokenConnection(CloudifyErrorRenderer renderer) {
            super(renderer);
        }
    }
}
