package io.steward.api.cloudify.wire;

import io.steward.engine.label.Label;
import io.steward.tenancy.error.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Labels as Cloudify's client sends and reads them. */
public final class LabelWire {
    private LabelWire() {
    }

    /**
     * The deployment form {@code [{key: value}, …]}, where a value may be a list (one label each); null for an absent
     * field. Anything else is a 400 naming {@code labels}.
     */
    public static List<Label.Wanted> parse(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            throw invalid(raw);
        }
        List<Label.Wanted> labels = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map) || map.size() != 1) {
                throw invalid(item);
            }
            var entry = map.entrySet().iterator().next();
            String key = (String) entry.getKey();
            Object value = entry.getValue();
            List<?> values = value instanceof List<?> many ? many : List.of(value == null ? "" : value);
            for (Object one : values) {
                if (!(one instanceof String text)) {
                    throw invalid(item);
                }
                labels.add(new Label.Wanted(key, text));
            }
        }
        return labels;
    }

    /** The blueprint upload's form {@code [{"key": k, "value": v}, …]}. */
    public static List<Label.Wanted> parseKeyValues(Object raw) {
        if (!(raw instanceof List<?> list)) {
            throw invalid(raw);
        }
        List<Label.Wanted> labels = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map) || map.size() != 2 || !(map.get("key") instanceof String key)
                    || !(map.get("value") instanceof String value)) {
                throw invalid(item);
            }
            labels.add(new Label.Wanted(key, value));
        }
        return labels;
    }

    /** {@code [{"key", "value", "created_at", "created_by"}]}. */
    public static List<Map<String, Object>> render(List<Label> labels) {
        List<Map<String, Object>> out = new ArrayList<>(labels.size());
        for (Label label : labels) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("key", label.key());
            one.put("value", label.value());
            one.put("created_at", Timestamps.format(label.createdAt()));
            one.put("created_by", label.createdBy());
            out.add(one);
        }
        return out;
    }

    private static InvalidInputException invalid(Object value) {
        return new InvalidInputException("labels must be a list of {key: value} objects whose values are strings"
                + " or lists of strings, got " + value);
    }
}
