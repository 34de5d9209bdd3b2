package io.steward.api.ogc;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.steward.api.RawTargets;
import io.steward.ogc.process.ProcessException;
import io.steward.tenancy.error.StewardException;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one renderer of errors on OGC API – Processes paths: an RFC 7807 problem document with the OGC exception type
 * URI (18-062r2 §7.6, Part 2 §6), served as {@code application/json} because the OGC test suite expects that.
 * The manager API's renderer hands over every error whose request path is under the OGC path.
 */
@Singleton
public class OgcError {
    static final String P1 = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";
    static final String P2 = "http://www.opengis.net/def/exceptions/ogcapi-processes-2/1.0/";
    static final String INVALID_PARAMETER = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/"
            + "invalid-parameter-value";

    private final String path;

    OgcError(@Value("${steward.ogcapi.path:/ogcapi}") String path) {
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * Whether {@code request} is an OGC API request, whose errors this class renders. A request target that does
     * not decode (a malformed escape) is judged by its raw form.
     */
    public boolean covers(HttpRequest<?> request) {
        return coversPath(RawTargets.path(request)) || coversPath(decodedPath(request));
    }

    /** Whether {@code requested}, a path, is under the OGC API's. */
    public boolean coversPath(String requested) {
        return requested != null && (requested.equals(path) || requested.startsWith(path + "/"));
    }

    private static String decodedPath(HttpRequest<?> request) {
        try {
            return request.getPath();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A domain refusal, by the OGC reason when it has one, else by its problem. */
    public MutableHttpResponse<Object> render(HttpRequest<?> request, StewardException exception) {
        if (exception instanceof ProcessException e) {
            return switch (e.reason()) {
                case NO_SUCH_PROCESS -> body(request, 404, P1 + "no-such-process", "No such process", e);
                case NO_SUCH_JOB -> body(request, 404, P1 + "no-such-job", "No such job", e);
                case RESULT_NOT_READY -> body(request, 404, P1 + "result-not-ready", "Result not ready", e);
                case JOB_FAILED -> body(request, 500, P1 + "result-not-available", "Job has no results", e);
                case NO_SUCH_OUTPUT -> body(request, 400, P1 + "no-such-output", "No such output", e);
                case INVALID_PARAMETER_VALUE -> body(request, 400, INVALID_PARAMETER, "Invalid parameter value", e);
                case INVALID_QUERY_PARAMETER_VALUE -> body(request, 400, P1 + "invalid-query-parameter-value",
                        "Invalid query parameter value", e);
                case DUPLICATED_PROCESS -> body(request, 409, P2 + "duplicated-process", "Duplicated process", e);
                case IMMUTABLE_PROCESS -> body(request, 403, P2 + "immutable-process", "Immutable process", e);
                case UNSUPPORTED_MEDIA_TYPE -> body(request, 415, P2 + "unsupported-media-type",
                        "Unsupported media type", e);
            };
        }
        return switch (exception.problem()) {
            case NOT_FOUND -> body(request, 404, P1 + "not-found", "Not found", exception);
            case UNAUTHENTICATED -> body(request, 401, P1 + "unauthorized", "Unauthorized", exception);
            case FORBIDDEN, NO_TENANT_BOUND -> body(request, 403, P1 + "forbidden", "Forbidden", exception);
            case MAINTENANCE_MODE_ACTIVE, ENTERING_MAINTENANCE_MODE -> body(request, 503, P1 + "server-error",
                    "Service unavailable", exception);
            case ALREADY_EXISTS, CONFLICT, IN_USE, EXECUTION_ALREADY_RUNNING, ILLEGAL_ACTION,
                    ILLEGAL_STATUS_UPDATE -> body(request, 409, P1 + "conflict", "Conflict", exception);
            default -> body(request, 400, INVALID_PARAMETER, "Invalid parameter value", exception);
        };
    }

    /** What the framework refused (unknown route, wrong method, unreadable body…), by HTTP status. */
    public MutableHttpResponse<Object> renderStatus(HttpRequest<?> request, int status, String detail) {
        String type = switch (status) {
            case 404 -> P1 + "not-found";
            case 405 -> P1 + "method-not-allowed";
            case 406 -> P1 + "not-acceptable";
            case 415 -> P2 + "unsupported-media-type";
            case 413 -> P1 + "payload-too-large";
            case 401 -> P1 + "unauthorized";
            case 403 -> P1 + "forbidden";
            default -> status >= 500 ? P1 + "server-error" : INVALID_PARAMETER;
        };
        return problem(request, status, type, HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(status))
                .reason(), detail);
    }

    private MutableHttpResponse<Object> body(HttpRequest<?> request, int status, String type, String title,
                                             StewardException e) {
        return problem(request, status, type, title, e.getMessage());
    }

    private static MutableHttpResponse<Object> problem(HttpRequest<?> request, int status, String type, String title,
                                                       String detail) {
        String instance = decodedPath(request);
        return HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(problemBody(type, title, status, detail, instance == null ? RawTargets.path(request) : instance));
    }

    /** The problem document for what is refused before a request reaches Micronaut (see {@code EarlyRefusals}). */
    public Map<String, Object> earlyProblem(String instance, int status, String detail) {
        String type = status == 413 ? P1 + "payload-too-large" : status == 415 ? P2 + "unsupported-media-type"
                : INVALID_PARAMETER;
        return problemBody(type, io.micronaut.http.HttpStatus.valueOf(status).getReason(), status, detail, instance);
    }

    private static Map<String, Object> problemBody(String type, String title, int status, String detail,
                                                   String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        return body;
    }
}
