package io.steward.tenancy.store;

import io.steward.tenancy.error.InvalidInputException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A table and the resource fields that can be filtered and sorted on, each mapped to its column. Every listed table
 * has a {@code created_at} column, the default order.
 */
public record TableSpec(String table, String idColumn, Map<String, Column> columns) {

    public TableSpec {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public Column column(String field, String purpose) {
        Column column = columns.get(field);
        if (column == null) {
            throw new InvalidInputException(purpose + " keys '[" + field + "]' do not exist. Allowed keys are: "
                    + columns.keySet());
        }
        return column;
    }

    /** A column and how a filter's text value converts to its type. */
    public record Column(String sql, Type type) {
        public static Column text(String sql) {
            return new Column(sql, Type.TEXT);
        }

        public static Column bool(String sql) {
            return new Column(sql, Type.BOOLEAN);
        }

        public static Column number(String sql) {
            return new Column(sql, Type.NUMBER);
        }

        public static Column time(String sql) {
            return new Column(sql, Type.TIMESTAMP);
        }

        public Object convert(String field, String value) {
            return switch (type) {
                case TEXT -> value;
                case BOOLEAN -> {
                    if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
                        yield Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
                    }
                    throw new InvalidInputException(field + " must be <true/false>, got " + value);
                }
                case NUMBER -> {
                    try {
                        yield Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(field + " must be an integer, got " + value);
                    }
                }
                case TIMESTAMP -> {
                    try {
                        yield java.time.Instant.parse(value.endsWith("Z") ? value : value + "Z");
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new InvalidInputException(field + " must be a timestamp, got " + value);
                    }
                }
            };
        }
    }

    /** Column types a filter value can be converted to. */
    public enum Type {
        TEXT, BOOLEAN, NUMBER, TIMESTAMP
    }
}
