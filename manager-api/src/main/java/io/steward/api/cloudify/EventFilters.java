package io.steward.api.cloudify;

import io.micronaut.http.HttpParameters;
import io.steward.api.cloudify.wire.DateTimes;
import io.steward.tenancy.error.InvalidInputException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cloudify's event filters: exact ids, {@code event_type} and {@code level}, {@code type} (events, logs or both),
 * substring matches on {@code message} (alias {@code message.text}) and {@code operation}, and
 * {@code _range=@timestamp,<from>,<to>} (from inclusive, to exclusive, either may be empty).
 */
record EventFilters(Map<String, List<String>> exact, String condition, List<Object> params) {
    static final Set<String> EXACT = Set.of("execution_id", "deployment_id", "blueprint_id", "node_id",
            "node_instance_id", "event_type", "level", "type", "workflow_id");
    static final Set<String> LIKE = Set.of("message", "message.text", "operation");
    static final Set<String> NAMES = names();

    private static Set<String> names() {
        Set<String> all = new java.util.HashSet<>(EXACT);
        all.addAll(LIKE);
        all.add("execution_group_id");
        return Set.copyOf(all);
    }

    static EventFilters parse(HttpParameters parameters) {
        Map<String, List<String>> exact = new LinkedHashMap<>();
        StringBuilder condition = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        for (String name : parameters.names()) {
            if (name.startsWith("_")) {
                continue;
            }
            if (!NAMES.contains(name)) {
                throw new InvalidInputException("Unknown field to filter by: " + name + ". Allowed values: "
                        + NAMES.stream().sorted().toList());
            }
            if (EXACT.contains(name)) {
                exact.put(name, parameters.getAll(name));
            } else if (LIKE.contains(name)) {
                String column = name.startsWith("message") ? "message" : "operation";
                for (String value : parameters.getAll(name)) {
                    // ILIKE: H2's LOWER() follows the JVM's default locale (Turkish lower-cases "I" to a dotless "ı").
                    condition.append(" AND ").append(column).append(" ILIKE ?");
                    params.add(pattern(value));
                }
            }
        }
        String range = parameters.get("_range");
        if (range != null) {
            addRange(range, condition, params);
        }
        return new EventFilters(exact, condition.toString(), params);
    }

    /** {@code *} is a wildcard; without one the value matches anywhere in the text. */
    private static String pattern(String value) {
        String escaped = value.toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_");
        return escaped.contains("*") ? escaped.replace('*', '%') : "%" + escaped + "%";
    }

    private static void addRange(String range, StringBuilder condition, List<Object> params) {
        String[] parts = range.split(",", -1);
        if (parts.length != 3 || !parts[0].replace("@", "").equals("timestamp")) {
            throw new InvalidInputException("_range must be @timestamp,<from>,<to>, got `" + range + "`");
        }
        if (!parts[1].isBlank()) {
            condition.append(" AND created_at >= ?");
            params.add(instant(parts[1]));
        }
        if (!parts[2].isBlank()) {
            condition.append(" AND created_at < ?");
            params.add(instant(parts[2]));
        }
    }

    private static Instant instant(String value) {
        return DateTimes.parse("_range", value);
    }
}
