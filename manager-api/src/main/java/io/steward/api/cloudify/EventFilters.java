package io.steward.api.cloudify;

import io.micronaut.http.HttpParameters;
import io.steward.api.cloudify.wire.DateTimes;
import io.steward.engine.event.EventFilter;
import io.steward.tenancy.error.InvalidInputException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cloudify's event filters, read from the query: exact ids, {@code event_type} and {@code level}, {@code type} (events,
 * logs or both), substring matches on {@code message} (alias {@code message.text}) and {@code operation}, and
 * {@code _range=@timestamp,<from>,<to>} (from inclusive, to exclusive, either may be empty). The exact ones become the
 * list query's filters, the rest an {@link EventFilter}; the event log makes the SQL.
 */
record EventFilters(Map<String, List<String>> exact, EventFilter filter) {
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
        List<String> messages = new ArrayList<>();
        List<String> operations = new ArrayList<>();
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
                (name.startsWith("message") ? messages : operations).addAll(parameters.getAll(name));
            }
        }
        Instant from = null;
        Instant until = null;
        String range = parameters.get("_range");
        if (range != null) {
            String[] parts = range.split(",", -1);
            if (parts.length != 3 || !parts[0].replace("@", "").equals("timestamp")) {
                throw new InvalidInputException("_range must be @timestamp,<from>,<to>, got `" + range + "`");
            }
            from = parts[1].isBlank() ? null : DateTimes.parse("_range", parts[1]);
            until = parts[2].isBlank() ? null : DateTimes.parse("_range", parts[2]);
        }
        return new EventFilters(exact, new EventFilter(messages, operations, from, until, null));
    }
}
