package io.steward.engine.operation;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/** The inputs of {@code steward.http}, checked: what to send, and which answers count as success. */
record HttpCall(URI url, String method, Map<String, String> headers, Optional<String> body,
        Set<Integer> expectedStatus, Duration timeout) {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    static HttpCall from(BuiltinInputs inputs, JsonCodec json) {
        URI url = url(inputs);
        String method = inputs.string("method").orElse("GET").trim().toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw inputs.invalid("method", "must be an HTTP method such as GET or POST, not '" + method + "'");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        inputs.map("headers").ifPresent(m -> m.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v))));
        Optional<String> body = inputs.value("body").map(b -> {
            if (b instanceof String text) {
                return text;
            }
            if (headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
                headers.put("Content-Type", "application/json");
            }
            return json.write(b);
        });
        BigDecimal seconds = inputs.number("timeout").orElse(BigDecimal.valueOf(DEFAULT_TIMEOUT.toSeconds()));
        if (seconds.signum() <= 0) {
            throw inputs.invalid("timeout", "must be a positive number of seconds, not " + seconds);
        }
        Duration timeout = Duration.ofMillis(seconds.movePointRight(3).longValue());
        return new HttpCall(url, method, headers, body, expectedStatus(inputs), timeout);
    }

    IntPredicate accepts() {
        return expectedStatus.isEmpty() ? status -> status >= 200 && status < 300 : expectedStatus::contains;
    }

    String expected() {
        return expectedStatus.isEmpty() ? "2xx" : expectedStatus.toString();
    }

    private static URI url(BuiltinInputs inputs) {
        String text = inputs.requiredString("url").trim();
        try {
            URI url = URI.create(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // reported below, like any other unusable URL
        }
        throw inputs.invalid("url", "must be an absolute http or https URL, not '" + text + "'");
    }

    /** An int, a numeric string, or a list of those; empty means any 2xx. */
    private static Set<Integer> expectedStatus(BuiltinInputs inputs) {
        Optional<Object> value = inputs.value("expected_status");
        if (value.isEmpty()) {
            return Set.of();
        }
        List<?> items = value.get() instanceof List<?> list ? list : List.of(value.get());
        Set<Integer> statuses = new TreeSet<>();
        for (Object item : items) {
            try {
                statuses.add(new BigDecimal(String.valueOf(item).trim()).intValueExact());
            } catch (ArithmeticException | NumberFormatException e) {
                throw inputs.invalid("expected_status", "must be a status code or a list of them, not '" + item + "'");
            }
        }
        return statuses;
    }
}
