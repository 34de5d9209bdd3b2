package io.steward.api.hostile;

import io.steward.api.hostile.HostileCase.Expected;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.steward.api.hostile.CaseTable.JSON;
import static io.steward.api.hostile.CaseTable.json;

/**
 * The hostile bodies of a JSON route: every field replaced in an otherwise valid body by wrong types, empty, null,
 * oversized, NUL, bad UTF-8 and (for names and references) injection and traversal strings; and the body itself
 * malformed, of the wrong media type, nested too deep or too large.
 */
final class BodyCases {
    /** Bigger than the suite's request size limit ({@code AbstractHostileInputApiTest.MAX_REQUEST}). */
    static final int OVERSIZED_BODY = 2 * 1024 * 1024 + 10;
    private static final int BOMB_DEPTH = 100_000;

    /** The answers of one API: an invalid value, a missing target, a refused media type, an oversized body. */
    record Codes(Expected invalid, Expected notFound, Expected unsupportedType, Expected tooLarge) {
    }

    private BodyCases() {
    }

    static void fields(CaseTable table, String method, Supplier<String> path, String contentType,
                       Map<String, Object> base, List<Field> fields, Codes codes) {
        for (Field field : fields) {
            Expected invalid = codes.invalid().mentioning(field.name());
            wrongTypes(field).forEach((name, value) ->
                    table.add(field.name() + " " + name, method, path.get(), contentType,
                            json(with(base, field.name(), value)), invalid));
            if (field.missing() != null) {
                table.add(field.name() + " null", method, path.get(), contentType,
                        json(with(base, field.name(), null)), field.missing());
                Map<String, Object> without = new LinkedHashMap<>(base);
                without.remove(field.name());
                table.add(field.name() + " missing", method, path.get(), contentType, json(without), field.missing());
            }
            if (!field.isString()) {
                continue;
            }
            Expected unknown = field.unknown() != null ? field.unknown() : codes.notFound();
            Expected empty = field.empty() != null ? field.empty() : switch (field.kind()) {
                case REFERENCE -> unknown;
                case NEW_NAME, CHOICE -> invalid;
                default -> null;
            };
            if (empty != null) {
                table.add(field.name() + " empty", method, path.get(), contentType, json(with(base, field.name(), "")),
                        empty);
            }
            if (!field.unbounded()) {
                table.add(field.name() + " huge", method, path.get(), contentType,
                        json(with(base, field.name(), HostileValues.HUGE)), invalid);
            }
            table.add(field.name() + " bad utf-8", method, path.get(), contentType, HostileValues.withBadUtf8(
                    json(with(base, field.name(), HostileValues.BAD_UTF8_MARK))), codes.invalid());
            Expected hostile = switch (field.kind()) {
                case REFERENCE -> unknown;
                case TEXT, SECRET -> null;
                default -> invalid;
            };
            if (field.kind() != Field.Kind.SECRET) {
                // No database stores NUL alike (PostgreSQL cannot), so text with one is refused wherever it goes.
                // A name looked up outside the database (a workflow of a plan) is merely unknown.
                table.add(field.name() + " nul", method, path.get(), contentType,
                        json(with(base, field.name(), HostileValues.NUL)),
                        field.unknown() != null ? field.unknown() : codes.invalid());
            }
            if (hostile != null) {
                Map<String, String> strings = new LinkedHashMap<>(HostileValues.INJECTIONS);
                strings.putAll(HostileValues.TRAVERSALS);
                strings.forEach((name, value) -> table.add(field.name() + " " + name, method, path.get(),
                        contentType, json(with(base, field.name(), value)), hostile));
            }
        }
    }

    /** Malformed JSON, JSON that is not an object, nesting bombs, wrong media types, an oversized body. */
    static void shapes(CaseTable table, String method, Supplier<String> path, boolean emptyBodyIsInvalid,
                       Codes codes) {
        Expected invalid = codes.invalid();
        table.add("broken json", method, path.get(), JSON, "{\"a\": ", invalid);
        table.add("unquoted keys", method, path.get(), JSON, "{a: 1}", invalid);
        table.add("single quotes", method, path.get(), JSON, "{'a': 'b'}", invalid);
        table.add("json array", method, path.get(), JSON, "[1, 2, 3]", invalid);
        table.add("json string", method, path.get(), JSON, "\"hello\"", invalid);
        table.add("json number", method, path.get(), JSON, "42", invalid);
        table.add("not json at all", method, path.get(), JSON, "<?xml version=\"1.0\"?><a/>", invalid);
        if (emptyBodyIsInvalid) {
            table.add("empty object", method, path.get(), JSON, "{}", invalid);
            table.add("empty body", method, path.get(), JSON, "", invalid);
            table.add("json null", method, path.get(), JSON, "null", invalid);
        }
        table.add("nested arrays bomb", method, path.get(), JSON, "{\"a\": " + HostileValues.nestedArrays(BOMB_DEPTH)
                + "}", invalid);
        table.add("nested objects bomb", method, path.get(), JSON, HostileValues.nestedObjects(BOMB_DEPTH), invalid);
        table.add("number too long", method, path.get(), JSON, "{\"a\": 1" + "0".repeat(100_000) + "}", invalid);
        table.add("bad utf-8 key", method, path.get(), JSON, HostileValues.withBadUtf8(
                "{\"BAD-UTF8-MARK\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), invalid);
        for (String type : List.of("text/csv", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                "application/json; charset=bogus-charset")) {
            table.add("content type " + type, method, path.get(), type, "{}", codes.unsupportedType());
        }
        table.add("oversized body", method, path.get(), JSON,
                "{\"a\": \"" + "x".repeat(OVERSIZED_BODY) + "\"}", codes.tooLarge());
    }

    private static Map<String, Object> wrongTypes(Field field) {
        Map<String, Object> values = new LinkedHashMap<>();
        switch (field.kind()) {
            case BOOL -> {
                values.put("a number", 7);
                values.put("a word", "perhaps");
                values.put("a list", List.of(true));
                values.put("an object", Map.of("a", true));
            }
            case INT -> {
                values.put("a word", "many");
                values.put("a bool", true);
                values.put("a fraction", 1.5);
                values.put("beyond int", new java.math.BigInteger("100000000000000000000"));
                values.put("beyond int by one", 2147483648L);
                values.put("a list", List.of(1));
                values.put("an object", Map.of("a", 1));
            }
            case OBJECT -> {
                values.put("a string", "text");
                values.put("a number", 7);
                values.put("a bool", true);
                values.put("a list", List.of(1));
            }
            case LIST -> {
                values.put("a string", "text");
                values.put("a number", 7);
                values.put("a bool", true);
                values.put("an object", Map.of("a", 1));
                values.put("a list of numbers", List.of(1, 2));
            }
            default -> {
                values.put("a number", 7);
                values.put("a fraction", 1.5);
                values.put("a bool", true);
                values.put("a list", List.of("x"));
                values.put("an object", Map.of("a", "x"));
            }
        }
        return values;
    }

    static Map<String, Object> with(Map<String, Object> base, String name, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(base);
        body.put(name, value);
        return body;
    }
}
