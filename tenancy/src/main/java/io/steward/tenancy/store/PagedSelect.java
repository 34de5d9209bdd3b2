package io.steward.tenancy.store;

import io.steward.tenancy.store.Sql.RowMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Builds one page of a list: the caller's base condition, then the query's filters (a field's values OR-ed, fields
 * AND-ed), its sort keys and finally creation time and id, so paging is stable.
 */
public final class PagedSelect {
    private PagedSelect() {
    }

    public static <T> Page<T> page(TenancyStatements database, TableSpec spec, String baseCondition, List<?> baseParams,
                                   ListQuery query, RowMapper<T> mapper) {
        return page(database, spec, "*", baseCondition, baseParams, query, mapper, null);
    }

    /**
     * As {@link #page(TenancyStatements, TableSpec, String, List, ListQuery, RowMapper)}, reading {@code selectList} (column
     * names from code, or {@code *}). When {@code counts} keeps counts of the table by every column the base
     * condition and the filters test, the total is their sum instead of a count of every matching row (same WHERE
     * clause, run on the counts table).
     */
    public static <T> Page<T> page(TenancyStatements database, TableSpec spec, String selectList, String baseCondition,
                                   List<?> baseParams, ListQuery query, RowMapper<T> mapper, RowCounts counts) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        boolean countedFilters = where(spec, baseCondition, baseParams, query, counts, where, params);
        StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
        for (ListQuery.SortKey key : query.sort()) {
            order.add(spec.column(key.field(), "Sort").sql() + (key.descending() ? " DESC" : " ASC"));
        }
        order.add("created_at ASC").add(spec.idColumn() + " ASC");
        String from = " FROM " + spec.table() + " WHERE " + where;
        String page = query.allResults() ? "" : " LIMIT " + query.size() + " OFFSET " + query.offset();
        String total = countedFilters
                ? "SELECT COALESCE(SUM(n), 0) FROM " + counts.countsTable() + " WHERE " + where
                : "SELECT COUNT(*)" + from;
        return database.read(c -> new Page<>(
                Sql.query(c, "SELECT " + selectList + from + order + page, params, mapper),
                Sql.count(c, total, params)));
    }

    /**
     * Counts of the rows matching the base condition and the query's filters, grouped by the columns of
     * {@code groupFields} (fields of {@code spec}), one row per distinct combination in their order; the page and the
     * total are of groups. Searches and sort keys of the query are not used.
     */
    public static Page<GroupCount> groupCounts(TenancyStatements database, TableSpec spec, String baseCondition,
                                               List<?> baseParams, ListQuery query, List<String> groupFields) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        where(spec, baseCondition, baseParams, query, null, where, params);
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner order = new StringJoiner(", ");
        for (String field : groupFields) {
            String sql = spec.column(field, "Summary").sql();
            columns.add(sql);
            // Explicit: H2 and PostgreSQL put NULLs at opposite ends by default.
            order.add(sql + " ASC NULLS LAST");
        }
        String grouped = " FROM " + spec.table() + " WHERE " + where + " GROUP BY " + columns;
        String page = query.allResults() ? "" : " LIMIT " + query.size() + " OFFSET " + query.offset();
        int width = groupFields.size();
        return database.read(c -> new Page<>(
                Sql.query(c, "SELECT " + columns + ", COUNT(*)" + grouped + " ORDER BY " + order + page, params,
                        rs -> {
                            List<Object> values = new ArrayList<>();
                            for (int i = 1; i <= width; i++) {
                                values.add(rs.getObject(i));
                            }
                            return new GroupCount(java.util.Collections.unmodifiableList(values),
                                    rs.getLong(width + 1));
                        }),
                Sql.count(c, "SELECT COUNT(*) FROM (SELECT 1 AS one" + grouped + ") g", params)));
    }

    /** The base condition AND-ed with the query's filters and searches; true when {@code counts} can total them. */
    private static boolean where(TableSpec spec, String baseCondition, List<?> baseParams, ListQuery query,
                                 RowCounts counts, StringBuilder where, List<Object> params) {
        boolean countedFilters = counts != null;
        where.append("(").append(baseCondition).append(")");
        params.addAll(baseParams);
        for (var filter : query.filters().entrySet()) {
            TableSpec.Column column = spec.column(filter.getKey(), "Filter");
            countedFilters = countedFilters && counts.isKeyColumn(column.sql());
            StringJoiner any = new StringJoiner(" OR ", " AND (", ")");
            for (String value : filter.getValue()) {
                any.add(column.sql() + " = ?");
                params.add(column.convert(filter.getKey(), value));
            }
            where.append(filter.getValue().isEmpty() ? " AND 1 = 0" : any.toString());
        }
        if (!query.searches().isEmpty()) {
            countedFilters = false;
            StringJoiner any = new StringJoiner(" OR ", " AND (", ")");
            for (ListQuery.Search search : query.searches()) {
                // ILIKE, not LOWER(..) LIKE: H2's LOWER follows the JVM's default locale (Turkish: "I" -> dotless "ı").
                any.add(spec.column(search.field(), "Search").sql() + " ILIKE ? ESCAPE '\\'");
                params.add(likeContaining(search.text()));
            }
            where.append(any);
        }
        return countedFilters;
    }

    /** {@code %text%} for a case-insensitive LIKE: lower-cased, with LIKE's own characters escaped. */
    static String likeContaining(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        StringBuilder pattern = new StringBuilder("%");
        for (char ch : lower.toCharArray()) {
            if (ch == '\\' || ch == '%' || ch == '_') {
                pattern.append('\\');
            }
            pattern.append(ch);
        }
        return pattern.append('%').toString();
    }
}
