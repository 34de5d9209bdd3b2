package io.steward.dispatch;

import io.steward.tenancy.error.Problem;
import io.steward.tenancy.error.StewardException;

import java.util.List;
import java.util.Map;

/**
 * A refusal of the dispatch domain, by APEx's error codes. {@code errors} lists, for {@link Reason#VALIDATION}, each
 * field that does not fit as pydantic does ({@code loc}, {@code msg}, {@code type}).
 */
public class DispatchException extends StewardException {

    public enum Reason {
        /** The unit job does not exist, or is not the caller's to see (404 {@code JOB_NOT_FOUND}). */
        JOB_NOT_FOUND,
        /** The upscale task does not exist, or is not the caller's to see (404 {@code TASK_NOT_FOUND}). */
        TASK_NOT_FOUND,
        /** The request does not fit the API's models (422 {@code VALIDATION_ERROR}). */
        VALIDATION,
        /** The request names a platform Steward is not configured for, or asks what it cannot do (400). */
        REFUSED,
        /** The platform could not be reached or gave no usable answer (502). */
        PLATFORM_UNAVAILABLE,
        /** The platform refused Steward's credentials (502 {@code AUTHENTICATION_FAILED}). */
        PLATFORM_AUTHENTICATION
    }

    private final Reason reason;
    private final List<Map<String, Object>> errors;

    public DispatchException(Reason reason, String message) {
        this(reason, message, List.of());
    }

    public DispatchException(Reason reason, String message, List<Map<String, Object>> errors) {
        super(reason == Reason.JOB_NOT_FOUND || reason == Reason.TASK_NOT_FOUND ? Problem.NOT_FOUND : Problem.INVALID_INPUT, message);
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    public static DispatchException jobNotFound(long id) {
        return new DispatchException(Reason.JOB_NOT_FOUND, "The requested job was not found: " + id);
    }

    public static DispatchException taskNotFound(long id) {
        return new DispatchException(Reason.TASK_NOT_FOUND, "The requested upscale task was not found: " + id);
    }

    public Reason reason() {
        return reason;
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }
}
