package io.steward.api.hostile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The hostile strings, shared by every route: injections, traversals, control characters, oversized values. */
final class HostileValues {
    /** Longer than every column and every name rule (the widest column is 2,048 characters). */
    static final String HUGE = "h".repeat(100_000);
    /** Longer than every name rule (256) yet short enough for a URI (the server's request line limit is 4,096). */
    static final String LONG_NAME = "h".repeat(1_000);
    static final String NUL = "nul\u0000byte";
    /** Stands for two bytes that are not UTF-8 (0xC3 0x28) in a body; see {@link #withBadUtf8}. */
    static final String BAD_UTF8_MARK = "BAD-UTF8-MARK";

    /** Injection strings: SQL, JNDI (log4shell), HTML, format strings. */
    static final Map<String, String> INJECTIONS = named(
            "sql quote", "' OR 1=1 --",
            "sql statement", "1; DROP TABLE users",
            "sql double quote", "\" OR \"\"=\"",
            "jndi", "${jndi:ldap://127.0.0.1:1/x}",
            "script", "<script>alert(1)</script>",
            "format string", "%s%n%x%d");

    static final Map<String, String> TRAVERSALS = named(
            "traversal", "../../etc/passwd",
            "windows traversal", "..\\..\\windows\\win.ini",
            "absolute path", "/etc/passwd");

    /** Values that can never be a stored id or name: each lookup by one finds nothing. */
    static Map<String, String> ids() {
        Map<String, String> all = new LinkedHashMap<>(INJECTIONS);
        all.putAll(TRAVERSALS);
        all.put("nul", NUL);
        all.put("huge", LONG_NAME);
        all.put("bidi override", "\u202eevil");
        return all;
    }

    /** Path segments that are not a stored id, already percent-encoded or deliberately raw. */
    static Map<String, String> pathSegments() {
        Map<String, String> all = new LinkedHashMap<>();
        ids().forEach((name, value) -> all.put(name, encode(value)));
        // Escapes of bytes that are not UTF-8 decode to U+FFFD: a name nothing has.
        all.put("bad utf-8", "%C3%28");
        all.put("truncated utf-8", "%C3");
        all.put("overlong utf-8 slash", "%C0%AF");
        all.put("encoded dot dot", "%2E%2E");
        return all;
    }

    /** Path segments that no URI may hold: broken escapes, a space, control and non-ASCII bytes sent raw. */
    static Map<String, String> malformedPathSegments() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("bad escape", "%zz");
        all.put("lone percent", "50%");
        all.put("raw space", "a%20b c");
        all.put("raw control character", "a\u0001b");
        return all;
    }

    /** Percent-encodes every byte outside RFC 3986's unreserved set, so a value survives as one path segment. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    /** The body with the marker's bytes replaced by 0xC3 0x28, which no UTF-8 decoder accepts. */
    static byte[] withBadUtf8(byte[] body) {
        byte[] mark = BAD_UTF8_MARK.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + mark.length <= body.length; i++) {
            if (java.util.Arrays.equals(body, i, i + mark.length, mark, 0, mark.length)) {
                byte[] out = new byte[body.length - mark.length + 2];
                System.arraycopy(body, 0, out, 0, i);
                out[i] = (byte) 0xC3;
                out[i + 1] = (byte) 0x28;
                System.arraycopy(body, i + mark.length, out, i + 2, body.length - i - mark.length);
                return out;
            }
        }
        throw new IllegalArgumentException("no marker in the body");
    }

    /** JSON nested {@code depth} arrays deep. */
    static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** JSON nested {@code depth} objects deep. */
    static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** A YAML billion-laughs: nine anchors, each a list of nine aliases of the one before. */
    static String yamlAliasBomb() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 9; i++) {
            yaml.append('a').append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    private static Map<String, String> named(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private HostileValues() {
    }
}
