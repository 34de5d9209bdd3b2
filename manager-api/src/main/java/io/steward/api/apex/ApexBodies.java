package io.steward.api.apex;

import io.steward.dispatch.DispatchException;
import io.steward.dispatch.job.JobRequest;
import io.steward.dispatch.job.ValidationErrors;
import io.steward.dispatch.platform.ServiceRef;
import io.steward.engine.storage.JsonColumns;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * APEx request bodies, read and checked against the API's models. Every field that does not fit is named, as
 * pydantic names it ({@code loc}, {@code msg}, {@code type}), and they all come back in one 422.
 */
@Singleton
class ApexBodies {
    static final List<String> LABELS = List.of("openeo", "ogc_api_process");
    static final List<String> FORMATS = List.of("geojson", "gtiff", "netcdf", "json");

    /** Unit jobs one upscale task may fan out to (the reference has no bound). */
    static final int MAX_DIMENSION_VALUES = 1000;

    private final JsonColumns json;

    ApexBodies(JsonColumns json) {
        this.json = json;
    }

    /** A {@code BaseJobRequest}. */
    JobRequest jobRequest(String body) {
        List<Map<String, Object>> errors = new ArrayList<>();
        JobRequest request = jobRequest(object(body), errors);
        failIfAny(errors);
        return request;
    }

    private static JobRequest jobRequest(Map<String, Object> object, List<Map<String, Object>> errors) {
        String title = string(object, "title", List.of("body"), errors);
        String label = choice(object, "label", LABELS, List.of("body"), errors);
        ServiceRef service = service(object, errors);
        Map<String, Object> parameters = dict(object, "parameters", errors);
        String format = choice(object, "format", FORMATS, List.of("body"), errors);
        return new JobRequest(title, label, service, parameters, format);
    }

    /** A {@code TileRequest}: the area of interest (checked by the splitter) and the grid's name. */
    TileRequest tileRequest(String body) {
        Map<String, Object> object = object(body);
        List<Map<String, Object>> errors = new ArrayList<>();
        if (object.get("aoi") == null) {
            errors.add(ValidationErrors.error(List.of("body", "aoi"), "Field required", "missing"));
        }
        String grid = string(object, "grid", List.of("body"), errors);
        failIfAny(errors);
        return new TileRequest(object.get("aoi"), grid);
    }

    record TileRequest(Object aoi, String grid) {
    }

    /** An {@code UpscalingTaskRequest}: a {@code BaseJobRequest} and the {@code dimension} to fan it out over. */
    UpscaleRequest upscaleRequest(String body) {
        Map<String, Object> object = object(body);
        List<Map<String, Object>> errors = new ArrayList<>();
        JobRequest job = jobRequest(object, errors);
        Object value = object.get("dimension");
        String name = null;
        List<Object> values = null;
        List<Object> at = List.of("body", "dimension");
        if (value == null) {
            errors.add(ValidationErrors.error(at, "Field required", "missing"));
        } else if (!(value instanceof Map<?, ?> raw)) {
            errors.add(ValidationErrors.error(at, "Input should be a valid dictionary or object to extract fields"
                    + " from", "model_attributes_type"));
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> dimension = (Map<String, Object>) raw;
            name = string(dimension, "name", at, errors);
            Object given = dimension.get("values");
            if (given == null) {
                errors.add(ValidationErrors.error(loc(at, "values"), "Field required", "missing"));
            } else if (!(given instanceof List<?> list)) {
                errors.add(ValidationErrors.error(loc(at, "values"), "Input should be a valid list", "list_type"));
            } else if (list.isEmpty()) {
                errors.add(ValidationErrors.error(loc(at, "values"), "List should have at least 1 item after"
                        + " validation, not 0", "too_short"));
            } else if (list.size() > MAX_DIMENSION_VALUES) {
                errors.add(ValidationErrors.error(loc(at, "values"), "List should have at most "
                        + MAX_DIMENSION_VALUES + " items after validation, not " + list.size(), "too_long"));
            } else {
                values = java.util.Collections.unmodifiableList(new ArrayList<Object>(list)); // nulls are values too
            }
        }
        failIfAny(errors);
        return new UpscaleRequest(job, name, values);
    }

    record UpscaleRequest(JobRequest job, String dimensionName, List<Object> values) {
    }

    /** A {@code ParamRequest}: label and service. */
    ParamRequest paramRequest(String body) {
        Map<String, Object> object = object(body);
        List<Map<String, Object>> errors = new ArrayList<>();
        String label = choice(object, "label", LABELS, List.of("body"), errors);
        ServiceRef service = service(object, errors);
        failIfAny(errors);
        return new ParamRequest(label, service);
    }

    record ParamRequest(String label, ServiceRef service) {
    }

    /** A path's integer id, or 422 naming it. */
    static long pathId(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(List.of("path", name), "Input should be a valid integer, unable to parse string as an"
                    + " integer", "int_parsing");
        }
    }

    /** An optional non-negative integer query parameter, or 422 naming it. */
    static Integer queryInt(String name, String value, int min, int max) {
        if (value == null) {
            return null;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(List.of("query", name), "Input should be a valid integer, unable to parse string as an"
                    + " integer", "int_parsing");
        }
        if (parsed < min || parsed > max) {
            throw invalid(List.of("query", name), "Input should be between " + min + " and " + max,
                    parsed < min ? "greater_than_equal" : "less_than_equal");
        }
        return parsed;
    }

    /** {@code filter} values of {@code GET /jobs_status}: upscaling, processing (both when none is given). */
    static Set<String> filters(List<String> values) {
        if (values.isEmpty()) {
            return Set.of("upscaling", "processing");
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).equals("upscaling") && !values.get(i).equals("processing")) {
                errors.add(ValidationErrors.error(List.of("query", "filter", i),
                        "Input should be 'upscaling' or 'processing'", "enum"));
            }
        }
        failIfAny(errors);
        return Set.copyOf(values);
    }

    private Map<String, Object> object(String body) {
        Object parsed;
        if (body == null || body.isBlank()) {
            throw invalid(List.of("body"), "Field required", "missing");
        }
        try {
            parsed = json.readValue(body);
        } catch (RuntimeException e) {
            throw invalid(List.of("body", 0), "JSON decode error", "json_invalid");
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw invalid(List.of("body"), "Input should be a valid dictionary or object to extract fields from",
                    "model_attributes_type");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        return map;
    }

    private static ServiceRef service(Map<String, Object> object, List<Map<String, Object>> errors) {
        Object value = object.get("service");
        if (value == null) {
            errors.add(ValidationErrors.error(List.of("body", "service"), "Field required", "missing"));
            return null;
        }
        if (!(value instanceof Map<?, ?> raw)) {
            errors.add(ValidationErrors.error(List.of("body", "service"),
                    "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"));
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> service = (Map<String, Object>) raw;
        List<Object> at = List.of("body", "service");
        String endpoint = string(service, "endpoint", at, errors);
        String application = string(service, "application", at, errors);
        Object namespace = service.get("namespace");
        if (namespace != null && !(namespace instanceof String)) {
            errors.add(ValidationErrors.error(List.of("body", "service", "namespace"), "Input should be a valid"
                    + " string", "string_type"));
        }
        return new ServiceRef(endpoint, application, namespace instanceof String s ? s : null);
    }

    private static String string(Map<String, Object> object, String field, List<Object> at,
                                 List<Map<String, Object>> errors) {
        Object value = object.get(field);
        if (value == null) {
            errors.add(ValidationErrors.error(loc(at, field), "Field required", "missing"));
            return null;
        }
        if (!(value instanceof String s)) {
            errors.add(ValidationErrors.error(loc(at, field), "Input should be a valid string", "string_type"));
            return null;
        }
        return s;
    }

    private static String choice(Map<String, Object> object, String field, List<String> allowed, List<Object> at,
                                 List<Map<String, Object>> errors) {
        Object value = object.get(field);
        if (value == null) {
            errors.add(ValidationErrors.error(loc(at, field), "Field required", "missing"));
            return null;
        }
        if (!(value instanceof String s) || !allowed.contains(s)) {
            List<String> quoted = allowed.stream().map(a -> "'" + a + "'").toList();
            String options = quoted.size() == 2 ? quoted.get(0) + " or " + quoted.get(1)
                    : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
            errors.add(ValidationErrors.error(loc(at, field), "Input should be " + options, "enum"));
            return null;
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dict(Map<String, Object> object, String field,
                                            List<Map<String, Object>> errors) {
        Object value = object.get(field);
        if (value == null) {
            errors.add(ValidationErrors.error(List.of("body", field), "Field required", "missing"));
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(ValidationErrors.error(List.of("body", field), "Input should be a valid dictionary",
                    "dict_type"));
            return null;
        }
        return (Map<String, Object>) map;
    }

    private static List<Object> loc(List<Object> at, String field) {
        List<Object> loc = new ArrayList<>(at);
        loc.add(field);
        return loc;
    }

    private static void failIfAny(List<Map<String, Object>> errors) {
        if (!errors.isEmpty()) {
            throw new DispatchException(DispatchException.Reason.VALIDATION, "Request validation failed", errors);
        }
    }

    private static DispatchException invalid(List<Object> loc, String msg, String type) {
        return new DispatchException(DispatchException.Reason.VALIDATION, "Request validation failed",
                List.of(ValidationErrors.error(loc, msg, type)));
    }
}
