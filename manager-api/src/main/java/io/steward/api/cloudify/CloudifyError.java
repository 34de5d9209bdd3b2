package io.steward.api.cloudify;

import io.micronaut.http.HttpStatus;
import io.steward.tenancy.error.Problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cloudify's error codes: one row per domain problem, with the HTTP status Cloudify answers. The body is always
 * {@code {"message", "error_code", "server_traceback": null}}; {@code server_traceback} stays because Cloudify's
 * clients read it.
 */
public enum CloudifyError {
    NOT_FOUND(HttpStatus.NOT_FOUND, "not_found_error"),
    BAD_PARAMETERS(HttpStatus.BAD_REQUEST, "bad_parameters_error"),
    NO_SUCH_INCLUDE_FIELD(HttpStatus.BAD_REQUEST, "no_such_include_field_error"),
    INVALID_BLUEPRINT(HttpStatus.BAD_REQUEST, "invalid_blueprint_error"),
    DEPLOYMENT_CREATION(HttpStatus.BAD_REQUEST, "deployment_creation_error"),
    MISSING_REQUIRED_DEPLOYMENT_INPUT(HttpStatus.BAD_REQUEST, "missing_required_deployment_input_error"),
    UNKNOWN_DEPLOYMENT_INPUT(HttpStatus.BAD_REQUEST, "unknown_deployment_input_error"),
    CONSTRAINT(HttpStatus.BAD_REQUEST, "constraint_error"),
    INPUT_VALIDATION(HttpStatus.BAD_REQUEST, "deployment_inputs_validation_error"),
    ILLEGAL_EXECUTION_PARAMETERS(HttpStatus.BAD_REQUEST, "illegal_execution_parameters_error"),
    NONEXISTENT_WORKFLOW(HttpStatus.BAD_REQUEST, "nonexistent_workflow_error"),
    DEPENDENT_EXISTS(HttpStatus.BAD_REQUEST, "dependent_exists_error"),
    ILLEGAL_ACTION(HttpStatus.BAD_REQUEST, "illegal_action_error"),
    // "exception" (sic): Cloudify's own spelling, which its clients map to InvalidExecutionUpdateStatus.
    INVALID_STATUS_UPDATE(HttpStatus.BAD_REQUEST, "invalid_exception_status_update"),
    EXISTING_RUNNING_EXECUTION(HttpStatus.BAD_REQUEST, "existing_running_execution_error"),
    CONFLICT(HttpStatus.CONFLICT, "conflict_error"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized_error"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden_error"),
    UNSUPPORTED_CONTENT_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_content_type_error"),
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large_error"),
    // Not Cloudify's (it leaves this to its proxy): a code that says the request line was over the limit.
    URI_TOO_LONG(HttpStatus.REQUEST_URI_TOO_LONG, "uri_too_long_error"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed_error"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not_acceptable_error"),
    // Cloudify's only 503 codes mean maintenance mode, which its clients would act on: this one says what happened.
    DATABASE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable_error"),
    MAINTENANCE_MODE_ACTIVE(HttpStatus.SERVICE_UNAVAILABLE, "maintenance_mode_active"),
    ENTERING_MAINTENANCE_MODE(HttpStatus.SERVICE_UNAVAILABLE, "entering_maintenance_mode"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal_server_error");

    private final HttpStatus status;
    private final String code;

    CloudifyError(HttpStatus status, String code) {
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> body(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("error_code", code);
        body.put("server_traceback", null);
        return body;
    }

    /** The one mapping from a domain problem to Cloudify's code; a new problem fails to compile until it is mapped. */
    public static CloudifyError of(Problem problem) {
        return switch (problem) {
            case NOT_FOUND -> NOT_FOUND;
            case ALREADY_EXISTS, CONFLICT -> CONFLICT;
            case IN_USE -> DEPENDENT_EXISTS;
            case INVALID_INPUT -> BAD_PARAMETERS;
            case INVALID_INCLUDE_FIELD -> NO_SUCH_INCLUDE_FIELD;
            case INVALID_BLUEPRINT -> INVALID_BLUEPRINT;
            case BLUEPRINT_NOT_UPLOADED -> DEPLOYMENT_CREATION;
            case MISSING_DEPLOYMENT_INPUT -> MISSING_REQUIRED_DEPLOYMENT_INPUT;
            case UNKNOWN_DEPLOYMENT_INPUT -> UNKNOWN_DEPLOYMENT_INPUT;
            case INPUT_CONSTRAINT_VIOLATED -> CONSTRAINT;
            case INPUT_TYPE_MISMATCH -> INPUT_VALIDATION;
            case ILLEGAL_WORKFLOW_PARAMETERS -> ILLEGAL_EXECUTION_PARAMETERS;
            case NONEXISTENT_WORKFLOW -> NONEXISTENT_WORKFLOW;
            case ILLEGAL_ACTION -> ILLEGAL_ACTION;
            case ILLEGAL_STATUS_UPDATE -> INVALID_STATUS_UPDATE;
            case EXECUTION_ALREADY_RUNNING -> EXISTING_RUNNING_EXECUTION;
            case UNAUTHENTICATED -> UNAUTHORIZED;
            case MAINTENANCE_MODE_ACTIVE -> MAINTENANCE_MODE_ACTIVE;
            case ENTERING_MAINTENANCE_MODE -> ENTERING_MAINTENANCE_MODE;
            case FORBIDDEN, NO_TENANT_BOUND -> FORBIDDEN;
        };
    }

    /** For errors the framework raises before our code runs: an unknown route, a wrong method, a bad body. */
    public static CloudifyError ofStatus(int status) {
        return switch (status) {
            case 400, 422 -> BAD_PARAMETERS;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_CONTENT_TYPE;
            default -> status < 500 ? BAD_PARAMETERS : INTERNAL;
        };
    }
}
