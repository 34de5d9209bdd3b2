package io.steward.dispatch.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One field that does not fit, as pydantic reports it: where ({@code loc}), what ({@code msg}) and its kind. */
public final class ValidationErrors {
    private ValidationErrors() {
    }

    public static Map<String, Object> error(List<Object> loc, String msg, String type) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("loc", loc);
        error.put("msg", msg);
        error.put("type", type);
        return error;
    }
}
