package io.steward.engine.secret;

import io.micronaut.json.JsonMapper;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets one evaluation (one operation's inputs) read, remembered so that everything it reports afterwards (its
 * log lines, its error) is masked before it becomes an event. Thread-safe: output arrives on reader threads.
 */
public final class SecretValues {
    /** What replaces a secret's value in events, as Cloudify's CLI prints a hidden one. */
    public static final String MASK = "**********";

    private final SecretService secrets;
    private final JsonMapper json;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    SecretValues(SecretService secrets, JsonMapper json) {
        this.secrets = secrets;
        this.json = json;
    }

    public String value(String name) {
        String value = secrets.valueForBlueprint(name);
        remember(value);
        return value;
    }

    public Object document(String name) {
        String value = value(name);
        try {
            Object parsed = json.readValue(value, Object.class);
            rememberLeaves(parsed);
            return parsed;
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(Problem.INVALID_INPUT,
                    "get_secret: secret `" + name + "` is not valid JSON, so it cannot be indexed");
        }
    }

    /** {@code text} with every secret value read so far replaced by {@link #MASK}. */
    public String mask(String text) {
        if (text == null || read.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String value : read.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            masked = masked.replace(value, MASK);
        }
        return masked;
    }

    private void remember(String value) {
        if (value != null && !value.isEmpty()) {
            read.add(value);
        }
    }

    private void rememberLeaves(Object parsed) {
        if (parsed instanceof Map<?, ?> map) {
            map.values().forEach(this::rememberLeaves);
        } else if (parsed instanceof List<?> list) {
            list.forEach(this::rememberLeaves);
        } else if (parsed instanceof String text) {
            remember(text);
        }
    }
}
