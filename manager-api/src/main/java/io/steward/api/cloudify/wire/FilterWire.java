package io.steward.api.cloudify.wire;

import io.steward.engine.label.SavedFilter;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.store.FilterRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Filter rules and saved filters as Cloudify's client sends and reads them. */
public final class FilterWire {
    public static final List<String> FIELDS = List.of("id", "value", "labels_filter_rules", "attrs_filter_rules",
            "created_at", "updated_at", "is_system_filter", "visibility", "tenant_name", "created_by",
            "resource_availability", "private_resource");
    private static final Set<String> RULE_KEYS = Set.of("key", "values", "operator", "type");

    private FilterWire() {
    }

    /**
     * {@code [{"key", "values", "operator", "type"}, …]}: exactly those keys, or 400 {@code invalid_filter_rule};
     * null for an absent field.
     */
    public static List<FilterRule> parse(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            throw new InvalidInputException(Problem.INVALID_FILTER_RULE, "filter_rules must be a list of rules, got "
                    + raw);
        }
        List<FilterRule> rules = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map) || !map.keySet().equals(RULE_KEYS)) {
                throw invalid(item, "a rule has exactly the keys " + RULE_KEYS);
            }
            if (!(map.get("key") instanceof String key) || key.isEmpty() || key.indexOf('\0') >= 0) {
                throw invalid(item, "key must be a non-empty string");
            }
            if (!(map.get("values") instanceof List<?> values) || !values.stream().allMatch(v -> v instanceof String)) {
                throw invalid(item, "values must be a list of strings");
            }
            FilterRule.Operator operator = named(FilterRule.Operator.class, map.get("operator"), item, "operator");
            FilterRule.Type type = named(FilterRule.Type.class, map.get("type"), item, "type");
            rules.add(new FilterRule(key, values.stream().map(String.class::cast).toList(), operator, type));
        }
        return rules;
    }

    public static Map<String, Object> filter(SavedFilter f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", f.id());
        out.put("value", rules(f.rules()));
        out.put("labels_filter_rules", rules(f.rules().stream().filter(r -> r.type() == FilterRule.Type.LABEL)
                .toList()));
        out.put("attrs_filter_rules", rules(f.rules().stream().filter(r -> r.type() == FilterRule.Type.ATTRIBUTE)
                .toList()));
        out.put("created_at", Timestamps.format(f.createdAt()));
        out.put("updated_at", Timestamps.format(f.updatedAt()));
        out.put("is_system_filter", false);
        Ownership.put(out, f.tenantName(), f.createdBy(), f.visibility().wire());
        return out;
    }

    private static List<Map<String, Object>> rules(List<FilterRule> rules) {
        return rules.stream().map(r -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("key", r.key());
            one.put("values", r.values());
            one.put("operator", r.operator().wire());
            one.put("type", r.type().name().toLowerCase(Locale.ROOT));
            return one;
        }).toList();
    }

    private static <E extends Enum<E>> E named(Class<E> type, Object value, Object rule, String field) {
        if (value instanceof String text) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return constant;
                }
            }
        }
        throw invalid(rule, field + " `" + value + "` is not one of " + java.util.Arrays.stream(
                type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static InvalidInputException invalid(Object rule, String reason) {
        return new InvalidInputException(Problem.INVALID_FILTER_RULE, "filter_rules: invalid filter rule " + rule + ": "
                + reason);
    }
}
