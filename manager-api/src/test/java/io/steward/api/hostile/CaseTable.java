package io.steward.api.hostile;

import io.micronaut.json.JsonMapper;
import io.steward.api.hostile.HostileCase.Caller;
import io.steward.api.hostile.HostileCase.Expected;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects cases route by route: {@link #route} names the served route the cases that follow aim at. */
final class CaseTable {
    static final String JSON = "application/json";
    private static final JsonMapper MAPPER = JsonMapper.createDefault();

    private final List<HostileCase> cases = new ArrayList<>();
    private final String tag;
    private String route;
    private Caller caller = Caller.MANAGER;
    private int serial;

    /** {@code tag} keeps the fresh names of two tables apart ({@code v3}, {@code v31}, {@code ogc}). */
    CaseTable(String tag) {
        this.tag = tag;
    }

    CaseTable route(String method, String template, Caller by) {
        route = method + " " + template;
        caller = by;
        return this;
    }

    void add(String name, String method, String path, Expected expected) {
        add(name, method, path, null, (byte[]) null, expected);
    }

    void add(String name, String method, String path, String contentType, String body, Expected expected) {
        add(name, method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), expected);
    }

    void add(String name, String method, String path, String contentType, byte[] body, Expected expected) {
        cases.add(new HostileCase(route, route + ": " + name, caller, method, path, contentType, body, Map.of(),
                expected));
    }

    /** A bodiless request with its own headers, which replace the caller's of the same name. */
    void addWithHeaders(String name, String method, String path, Map<String, String> headers, Expected expected) {
        cases.add(new HostileCase(route, route + ": " + name, caller, method, path, null, null, headers, expected));
    }

    /** A fresh name for a resource a case would create if it were wrongly accepted, so a leak names its case. */
    String fresh(String prefix) {
        return prefix + "-hostile-" + tag + "-" + (++serial);
    }

    List<HostileCase> cases() {
        return cases;
    }

    static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
