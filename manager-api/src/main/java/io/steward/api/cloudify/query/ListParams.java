package io.steward.api.cloudify.query;

import io.micronaut.http.HttpParameters;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.store.ListQuery;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cloudify's list conventions, bound once for every list endpoint: {@code _include}, {@code _sort} (repeatable,
 * {@code -} for descending), {@code _size}/{@code _offset}, {@code _get_all_results}, {@code _search} and
 * {@code _search_name} (case-insensitive substring, on the fields the endpoint's {@link Searches} names), and
 * exact-match filters on any other key without a leading underscore (a repeated key is OR-ed). Every name is checked
 * against the resource's fields; unknown names are a 400 as in Cloudify. Cloudify's filters that Steward does not
 * have ({@link #UNSUPPORTED}) are a 400 too: ignoring them would return rows Cloudify would have left out.
 */
public record ListParams(ListQuery query, Include include) {
    private static final Pattern SORT_KEY = Pattern.compile("[+-]?@?\\w+");
    /** Cloudify list parameters that narrow a list and that Steward cannot apply (no saved filters or groups). */
    static final List<String> UNSUPPORTED = List.of("_filter_id", "_group_id", "_dependencies_of");

    /** Parses the query string; {@code fields} are the resource's response fields, in order. */
    public static ListParams parse(HttpParameters parameters, List<String> fields) {
        return parse(parameters, fields, Set.of(), Searches.NONE);
    }

    /** As {@link #parse(HttpParameters, List)}, for a list whose {@code _search} looks in {@code searches}. */
    public static ListParams parse(HttpParameters parameters, List<String> fields, Searches searches) {
        return parse(parameters, fields, Set.of(), searches);
    }

    /** As {@link #parse(HttpParameters, List)}; {@code ignored} names plain keys the endpoint binds itself. */
    public static ListParams parse(HttpParameters parameters, List<String> fields, Set<String> ignored) {
        return parse(parameters, fields, ignored, Searches.NONE);
    }

    public static ListParams parse(HttpParameters parameters, List<String> fields, Set<String> ignored,
                                   Searches searches) {
        for (String name : UNSUPPORTED) {
            // An endpoint that applies one of these itself names it in `ignored`.
            if (parameters.contains(name) && !ignored.contains(name)) {
                throw new InvalidInputException(name + " is not supported by Steward (no saved filters, deployment"
                        + " groups or dependency lists): the list would not be narrowed as Cloudify narrows it");
            }
        }
        Include include = Include.parse(parameters.get("_include"), fields);
        List<ListQuery.SortKey> sort = new ArrayList<>();
        for (String key : parameters.getAll("_sort")) {
            sort.add(sortKey(key, fields));
        }
        int size = nonNegative(parameters, "_size", ListQuery.DEFAULT_SIZE);
        int offset = nonNegative(parameters, "_offset", 0);
        boolean all = QueryBooleans.parse(parameters, "_get_all_results", false);
        Map<String, List<String>> filters = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : parameters.names()) {
            if (name.startsWith("_") || ignored.contains(name)) {
                continue;
            }
            if (!fields.contains(name)) {
                unknown.add(name);
            }
            filters.put(name, parameters.getAll(name));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("Filter keys '" + unknown + "' do not exist. Allowed keys are: " + fields);
        }
        return new ListParams(new ListQuery(filters, searchesOf(parameters, searches), sort, size, offset, all),
                include);
    }

    private static List<ListQuery.Search> searchesOf(HttpParameters parameters, Searches searches) {
        List<ListQuery.Search> found = new ArrayList<>();
        addSearch(found, searches.searchField(), parameters.get("_search"));
        addSearch(found, searches.nameField(), parameters.get("_search_name"));
        return found;
    }

    /** Cloudify normalises the searched text (NFKC) and skips an empty one. */
    private static void addSearch(List<ListQuery.Search> found, String field, String text) {
        if (field != null && text != null && !text.isEmpty()) {
            found.add(new ListQuery.Search(field, Normalizer.normalize(text, Normalizer.Form.NFKC)));
        }
    }

    private static ListQuery.SortKey sortKey(String key, List<String> fields) {
        if (!SORT_KEY.matcher(key).matches()) {
            throw new InvalidInputException("Invalid _sort value `" + key + "`: use a field name, optionally"
                    + " prefixed with - for descending order");
        }
        boolean descending = key.startsWith("-");
        String field = key.replaceFirst("^[+-]", "").replaceFirst("^@", "");
        if (!fields.contains(field)) {
            throw new InvalidInputException("Sort keys '[" + field + "]' do not exist. Allowed keys are: " + fields);
        }
        return new ListQuery.SortKey(field, descending);
    }

    private static int nonNegative(HttpParameters parameters, String name, int fallback) {
        String value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(name + " must be a non-negative integer, got `" + value + "`");
    }

    /** The {@code _include} projection: empty means every field. */
    public record Include(List<String> fields) {
        public static final Include ALL = new Include(List.of());

        /** The {@code _include} of a request, for single-resource responses. */
        public static Include of(HttpParameters parameters, List<String> allowed) {
            return parse(parameters.get("_include"), allowed);
        }

        public static Include parse(String value, List<String> allowed) {
            if (value == null || value.isBlank()) {
                return ALL;
            }
            List<String> names = new ArrayList<>();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.trim());
                }
            }
            List<String> unknown = names.stream().filter(n -> !allowed.contains(n)).toList();
            if (!unknown.isEmpty()) {
                throw new InvalidInputException(Problem.INVALID_INCLUDE_FIELD, "Include keys '" + unknown
                        + "' do not exist. Allowed keys are: " + allowed);
            }
            return new Include(List.copyOf(names));
        }

        /** Keeps only the included fields of a rendered resource, in the resource's own order. */
        public Map<String, Object> apply(Map<String, Object> rendered) {
            if (fields.isEmpty()) {
                return rendered;
            }
            Map<String, Object> projected = new LinkedHashMap<>();
            rendered.forEach((k, v) -> {
                if (fields.contains(k)) {
                    projected.put(k, v);
                }
            });
            return projected;
        }
    }

    /** Query-string booleans: any case of true/false, as Cloudify's client sends {@code True}/{@code False}. */
    public static final class QueryBooleans {
        private QueryBooleans() {
        }

        public static boolean parse(HttpParameters parameters, String name, boolean fallback) {
            String value = parameters.get(name);
            if (value == null || value.isEmpty()) {
                return fallback;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new InvalidInputException(name + " must be <true/false>, got " + value);
            };
        }
    }
}
