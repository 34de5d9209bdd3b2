package io.steward.api.cloudify;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import io.steward.tenancy.error.StewardException;
import io.steward.tenancy.store.DatabaseUnreachable;
import io.steward.tenancy.threads.FatalErrors;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The one renderer of errors for the manager API. Domain exceptions map by {@link CloudifyError#of}; everything the
 * framework rejects (unknown route, wrong method, unreadable body, conversion failure, oversized body) arrives here
 * through Micronaut's error processor and maps by status. A 5xx never shows a stack trace: it is logged under a
 * reference the message gives.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
@Produces(MediaType.APPLICATION_JSON)
public class CloudifyErrorRenderer implements ErrorResponseProcessor<Object>,
        ExceptionHandler<StewardException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(CloudifyErrorRenderer.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    // Errors on OGC API paths take the OGC exception shape; this renderer is the framework's single entry point.
    private final io.steward.api.ogc.OgcError ogc;
    // And errors on APEx paths take APEx's ErrorResponse shape.
    private final io.steward.api.apex.ApexError apex;

    CloudifyErrorRenderer(io.steward.api.ogc.OgcError ogc, io.steward.api.apex.ApexError apex) {
        this.ogc = ogc;
        this.apex = apex;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, StewardException exception) {
        if (ogc.covers(request)) {
            return ogc.render(request, exception);
        }
        if (apex.covers(request)) {
            return apex.render(request, exception);
        }
        CloudifyError error = CloudifyError.of(exception.problem());
        return HttpResponse.status(error.status()).body(error.body(exception.getMessage()));
    }

    @Override
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        CloudifyError error = CloudifyError.ofStatus(status);
        String message;
        if (status >= 500 && context.getRootCause().filter(DatabaseUnreachable::explains).isPresent()) {
            // Not our bug but an outage: say so, and when to try again, without a stack trace in the log.
            LOG.warn("Database unreachable on {} {}: {}", context.getRequest().getMethodName(),
                    context.getRequest().getPath(), context.getRootCause().get().getMessage());
            status = CloudifyError.DATABASE_UNAVAILABLE.status().getCode();
            error = CloudifyError.DATABASE_UNAVAILABLE;
            message = "The database is unreachable; try again shortly";
            response.status(error.status());
        } else if (status >= 500) {
            if (context.getRootCause().orElse(null) instanceof java.lang.Error fatal) {
                FatalErrors.EXIT.fatal("a request to " + context.getRequest().getPath(), fatal);
            }
            String reference = UUID.randomUUID().toString();
            LOG.error("Internal error {} on {} {}", reference, context.getRequest().getMethodName(),
                    context.getRequest().getPath(), context.getRootCause().orElse(null));
            message = "Internal server error (reference " + reference + ")";
        } else {
            message = context.getErrors().stream().map(Error::getMessage).findFirst()
                    .map(CloudifyErrorRenderer::withoutParserLocation).orElse(response.reason());
            if (status == 404 && context.getRootCause().isEmpty()) {
                message = "Requested URL " + context.getRequest().getPath() + " was not found on this server";
            }
        }
        MutableHttpResponse<Object> rendered = ogc.covers(context.getRequest())
                ? ogc.renderStatus(context.getRequest(), status, message)
                : apex.covers(context.getRequest()) ? apex.renderStatus(context.getRequest(), status, message)
                : response.contentType(MediaType.APPLICATION_JSON_TYPE).body(error.body(message));
        return error == CloudifyError.DATABASE_UNAVAILABLE
                ? rendered.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS) : rendered;
    }

    /** Jackson appends a multi-line source location that says nothing useful to an API user. */
    private static String withoutParserLocation(String message) {
        int location = message.indexOf("\n at [Source");
        String shortened = location < 0 ? message : message.substring(0, location);
        return shortened.replace("Failed to convert argument [body] for value [null] due to: ", "Invalid JSON body: ")
                .trim();
    }
}
