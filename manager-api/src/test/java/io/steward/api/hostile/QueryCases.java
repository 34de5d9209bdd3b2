package io.steward.api.hostile;

import io.steward.api.hostile.HostileCase.Expected;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.steward.api.hostile.HostileValues.encode;

/** Hostile query strings: Cloudify's {@code _sort}, {@code _include}, paging and filters; OGC's paging and filters. */
final class QueryCases {
    static final Expected BAD = CloudifyCases.BAD;
    static final Expected NO_SUCH_INCLUDE = Expected.error(400, "no_such_include_field_error");

    private QueryCases() {
    }

    /** Strings to try as a field name: injections, traversals, a secret column, an over-long and a NUL name. */
    static Map<String, String> fieldNames() {
        Map<String, String> names = new LinkedHashMap<>(HostileValues.INJECTIONS);
        names.putAll(HostileValues.TRAVERSALS);
        names.put("secret column", "password_hash");
        names.put("nested field", "id.__class__");
        names.put("nul", HostileValues.NUL);
        names.put("huge", HostileValues.LONG_NAME);
        return names;
    }

    /** A Cloudify list route; {@code filterKey} is one of its filter keys, tried with hostile values. */
    static void cloudifyList(CaseTable table, String path, String filterKey, boolean filtersApply) {
        fieldNames().forEach((name, value) -> {
            table.add("_sort " + name, "GET", path + "?_sort=" + encode(value), BAD);
            table.add("_include " + name, "GET", path + "?_include=" + encode(value), NO_SUCH_INCLUDE);
        });
        for (String name : new String[] {"sql quote", "traversal", "secret column", "nul"}) {
            String value = fieldNames().get(name);
            table.add("_sort -" + name, "GET", path + "?_sort=-" + encode(value), BAD);
            table.add("filter key " + name, "GET", path + "?" + encode(value) + "=1", BAD);
        }
        table.add("_sort empty", "GET", path + "?_sort=", BAD);
        table.add("_sort unicode letters", "GET", path + "?_sort=" + encode("ıd"), BAD);
        table.add("_include a valid and a hostile key", "GET", path + "?_include=id," + encode("' OR 1=1 --"),
                NO_SUCH_INCLUDE);
        table.add("_include bad utf-8", "GET", path + "?_include=%C3%28", NO_SUCH_INCLUDE);
        table.add("_sort bad utf-8", "GET", path + "?_sort=%C3%28", BAD);
        if (filtersApply) {
            Map<String, String> values = new LinkedHashMap<>(HostileValues.INJECTIONS);
            values.putAll(HostileValues.TRAVERSALS);
            values.put("huge", HostileValues.LONG_NAME);
            values.forEach((name, value) -> table.add("filter " + filterKey + " " + name, "GET",
                    path + "?" + filterKey + "=" + encode(value), Expected.emptyList()));
            table.add("filter " + filterKey + " nul", "GET", path + "?" + filterKey + "=" + encode(HostileValues.NUL),
                    BAD);
        }
        for (String param : new String[] {"_size", "_offset"}) {
            for (String value : new String[] {"-1", "many", "99999999999999999999", "1e3"}) {
                table.add(param + " " + (value.isEmpty() ? "empty" : value), "GET",
                        path + "?" + param + "=" + encode(value), BAD.mentioning(param));
            }
        }
        table.add("_get_all_results sometimes", "GET", path + "?_get_all_results=sometimes",
                BAD.mentioning("_get_all_results"));
    }

    /** {@code _include} on a single resource that exists: an unknown key is refused like on its list. */
    static void cloudifyInclude(CaseTable table, String path) {
        fieldNames().forEach((name, value) ->
                table.add("_include " + name, "GET", path + "?_include=" + encode(value), NO_SUCH_INCLUDE));
    }
}
