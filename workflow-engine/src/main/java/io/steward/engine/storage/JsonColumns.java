package io.steward.engine.storage;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * JSON payload columns (inputs, properties, runtime properties, plans): plain maps and lists stored as text, the
 * same on H2 and PostgreSQL. Nothing is filtered or sorted on them; what is gets a real column.
 */
@Singleton
public class JsonColumns {
    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private static final Argument<List<Object>> LIST = Argument.listOf(Object.class);

    private final JsonMapper mapper;

    JsonColumns(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store value as JSON", e);
        }
    }

    public Map<String, Object> readMap(String json) {
        return json == null ? Map.of() : read(json, MAP);
    }

    /** Any JSON value: object, array, string, number, boolean or null. */
    public Object readValue(String json) {
        return read(json, Argument.OBJECT_ARGUMENT);
    }

    public List<Object> readList(String json) {
        return json == null ? List.of() : read(json, LIST);
    }

    private <T> T read(String json, Argument<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored JSON is unreadable", e);
        }
    }
}
