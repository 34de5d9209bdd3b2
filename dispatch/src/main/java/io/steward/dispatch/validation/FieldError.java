package io.steward.dispatch.validation;

import java.util.List;

/**
 * One field of a request that is wrong: its path from the request body's root (e.g. {@code ["parameters", "bbox"]})
 * and what is wrong with it, for the API's 422 {@code VALIDATION_ERROR} {@code details.errors[]}.
 */
public record FieldError(List<String> path, String message) {
    public FieldError {
        path = List.copyOf(path);
    }

    public static FieldError at(String message, String... path) {
        return new FieldError(List.of(path), message);
    }

    /** The path as one dotted string, e.g. {@code parameters.bbox}. */
    public String field() {
        return String.join(".", path);
    }
}
