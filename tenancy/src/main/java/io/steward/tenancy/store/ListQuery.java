package io.steward.tenancy.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list request in domain terms: exact-match filters (values of one field are OR-ed, fields AND-ed), searches
 * (Cloudify's {@code _search}/{@code _search_name}: case-insensitive substrings, OR-ed with each other and AND-ed
 * with the filters), sort keys in order, and a page. Field names are the resource's field names; each store maps
 * them to its columns.
 */
public record ListQuery(Map<String, List<String>> filters, List<Search> searches, List<SortKey> sort, int size,
                        int offset, boolean allResults) {

    public static final int DEFAULT_SIZE = 1000;

    public ListQuery {
        filters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        searches = List.copyOf(searches);
        sort = List.copyOf(sort);
    }

    /** A query without searches. */
    public ListQuery(Map<String, List<String>> filters, List<SortKey> sort, int size, int offset,
                     boolean allResults) {
        this(filters, List.of(), sort, size, offset, allResults);
    }

    public static ListQuery all() {
        return new ListQuery(Map.of(), List.of(), DEFAULT_SIZE, 0, true);
    }

    /** The same query with one more filter, as a service adds one the caller did not choose. */
    public ListQuery withFilter(String field, List<String> values) {
        Map<String, List<String>> more = new LinkedHashMap<>(filters);
        more.put(field, List.copyOf(values));
        return new ListQuery(more, searches, sort, size, offset, allResults);
    }

    /** Rows whose {@code field} contains {@code text}, ignoring case; LIKE wildcards in the text match literally. */
    public record Search(String field, String text) {
    }

    /** One sort key; {@code descending} for a {@code -field} key. */
    public record SortKey(String field, boolean descending) {
    }
}
