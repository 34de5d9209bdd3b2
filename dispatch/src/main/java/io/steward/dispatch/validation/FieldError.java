package io.steward.dispatch.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One field of a request that is wrong, as pydantic reports it for APEx's 422 {@code VALIDATION_ERROR}
 * {@code details.errors[]}: its path from the part of the request checked (names, and integer indices into arrays,
 * e.g. {@code ["parameters", "bbox"]} or {@code ["aoi", "coordinates", 0, 3]}), what is wrong, and pydantic's kind
 * of error ({@code missing}, {@code extra_forbidden}, {@code bool_type}, {@code int_type}, {@code float_type},
 * {@code string_type}, {@code list_type}, {@code enum}, {@code value_error}).
 */
public record FieldError(List<Object> path, String message, String type) {
    public FieldError {
        path = List.copyOf(path);
    }

    /** A {@code value_error} at the path. */
    public static FieldError at(String message, Object... path) {
        return new FieldError(List.of(path), message, "value_error");
    }

    public static FieldError typed(String type, String message, Object... path) {
        return new FieldError(List.of(path), message, type);
    }

    /** The path as one dotted string, e.g. {@code parameters.bbox}. */
    public String field() {
        return path.stream().map(String::valueOf).collect(Collectors.joining("."));
    }

    /** As a pydantic error object, {@code {"loc", "msg", "type"}}, its {@code loc} under {@code prefix} (e.g. "body"). */
    public Map<String, Object> pydantic(Object... prefix) {
        List<Object> loc = new ArrayList<>(List.of(prefix));
        loc.addAll(path);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("loc", loc);
        error.put("msg", message);
        error.put("type", type);
        return error;
    }
}
