package io.steward.api.ogc;

import io.steward.ogc.process.ProcessException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code limit} (1..10000, default 10, as 18-062r2 says) and Steward's {@code offset} (the standard defines none;
 * the {@code next} and {@code prev} links carry it).
 */
record Paging(int limit, int offset) {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 10000;

    static Paging of(String limit, String offset) {
        return new Paging(number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                number("offset", offset, 0, 0, Integer.MAX_VALUE));
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw ProcessException.invalidQuery(name + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProcessException.invalidQuery(name + " must be an integer, not '" + value + "'");
        }
    }

    /** self, and next/prev when there are more or earlier items; {@code query} are the other parameters to keep. */
    List<Map<String, Object>> links(String base, long matched, Map<String, List<String>> query) {
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(ProcessesController.link(url(base, query, offset), "self", "this page"));
        if (offset + limit < matched) {
            links.add(ProcessesController.link(url(base, query, offset + limit), "next", "next page"));
        }
        if (offset > 0) {
            links.add(ProcessesController.link(url(base, query, Math.max(0, offset - limit)), "prev",
                    "previous page"));
        }
        return links;
    }

    private String url(String base, Map<String, List<String>> query, int at) {
        StringBuilder url = new StringBuilder(base).append("?limit=").append(limit).append("&offset=").append(at);
        query.forEach((name, values) -> values.forEach(v -> url.append('&').append(name).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return url.toString();
    }
}
