package io.steward.api.apex;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.steward.api.RawTargets;
import io.steward.dispatch.DispatchException;
import io.steward.tenancy.error.StewardException;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one renderer of errors on APEx paths: APEx's {@code ErrorResponse}
 * {@code {status: "error", error_code, message, details?, request_id}}, where {@code request_id} is the request's
 * {@code X-Correlation-ID} (echoed, or made up when it sent none). The manager API's renderer hands over every error
 * whose request path is under the APEx path.
 */
@Singleton
public class ApexError {
    /** The header APEx correlates a request and its answer by. */
    public static final String CORRELATION_HEADER = "X-Correlation-ID";
    static final String REQUEST_ID = "steward.apex.request-id";

    private final String path;

    ApexError(@Value("${steward.apex.path:/apex}") String path) {
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    public boolean covers(HttpRequest<?> request) {
        return coversPath(RawTargets.path(request));
    }

    public boolean coversPath(String requested) {
        return requested != null && (requested.equals(path) || requested.startsWith(path + "/"));
    }

    String path() {
        return path;
    }

    /** The request's correlation id: the client's, else one made up for it and kept for its answer's header. */
    public static String requestId(HttpRequest<?> request) {
        Object kept = request.getAttribute(REQUEST_ID).orElse(null);
        if (kept instanceof String id) {
            return id;
        }
        String sent = request.getHeaders().get(CORRELATION_HEADER);
        String id = sent != null && !sent.isBlank() && sent.length() <= 200 ? sent : UUID.randomUUID().toString();
        request.setAttribute(REQUEST_ID, id);
        return id;
    }

    public MutableHttpResponse<Object> render(HttpRequest<?> request, StewardException exception) {
        if (exception instanceof DispatchException e) {
            return switch (e.reason()) {
                case JOB_NOT_FOUND -> body(request, 404, "JOB_NOT_FOUND", e.getMessage(), null);
                case TASK_NOT_FOUND -> body(request, 404, "TASK_NOT_FOUND", e.getMessage(), null);
                case VALIDATION -> validation(request, e.errors());
                case REFUSED -> body(request, 400, "APEX_ERROR", e.getMessage(), null);
                case PLATFORM_UNAVAILABLE -> body(request, 502, "PLATFORM_UNAVAILABLE", e.getMessage(), null);
                case PLATFORM_AUTHENTICATION -> body(request, 502, "AUTHENTICATION_FAILED", e.getMessage(), null);
            };
        }
        return switch (exception.problem()) {
            case NOT_FOUND -> body(request, 404, "NOT_FOUND", exception.getMessage(), null);
            case UNAUTHENTICATED -> body(request, 401, "AUTHENTICATION_FAILED", exception.getMessage(), null);
            case FORBIDDEN, NO_TENANT_BOUND -> body(request, 403, "FORBIDDEN", exception.getMessage(), null);
            case MAINTENANCE_MODE_ACTIVE, ENTERING_MAINTENANCE_MODE -> body(request, 503, "SERVICE_UNAVAILABLE",
                    exception.getMessage(), null);
            default -> body(request, 400, "APEX_ERROR", exception.getMessage(), null);
        };
    }

    /** 422 {@code VALIDATION_ERROR} naming each field that does not fit. */
    MutableHttpResponse<Object> validation(HttpRequest<?> request, List<Map<String, Object>> errors) {
        return body(request, 422, "VALIDATION_ERROR", "Request validation failed", Map.of("errors", errors));
    }

    /** What the framework refused (unknown route, wrong method, unreadable body…), by HTTP status. */
    public MutableHttpResponse<Object> renderStatus(HttpRequest<?> request, int status, String message) {
        return body(request, status, codeOf(status), message, null);
    }

    /** The body for what is refused before a request reaches Micronaut (see {@code EarlyRefusals}). */
    public Map<String, Object> earlyBody(int status, String message) {
        return errorBody(codeOf(status), message, null, UUID.randomUUID().toString());
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 400 -> "APEX_ERROR";
            case 401 -> "AUTHENTICATION_FAILED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 422 -> "VALIDATION_ERROR";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "APEX_ERROR";
        };
    }

    private MutableHttpResponse<Object> body(HttpRequest<?> request, int status, String code, String message,
                                             Map<String, Object> details) {
        String id = requestId(request);
        return HttpResponse.status(HttpStatus.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(CORRELATION_HEADER, id)
                .body(errorBody(code, message, details, id));
    }

    private static Map<String, Object> errorBody(String code, String message, Map<String, Object> details,
                                                 String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("error_code", code);
        body.put("message", message == null ? "" : message);
        if (details != null) {
            body.put("details", details);
        }
        body.put("request_id", requestId);
        return body;
    }
}
