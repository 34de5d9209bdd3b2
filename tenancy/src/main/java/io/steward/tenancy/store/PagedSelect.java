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
        boolean countedFilters = counts != null;
        StringBuilder where = new StringBuilder("(").append(baseCondition).append(")");
        List<Object> params = new ArrayList<>(baseParams);
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
