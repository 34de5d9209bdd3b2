package io.steward.api.hostile;

import io.steward.api.hostile.HostileCase.Caller;
import io.steward.api.hostile.HostileCase.Expected;

import java.util.List;
import java.util.Set;

import static io.steward.api.hostile.CaseTable.JSON;
import static io.steward.api.hostile.HostileValues.encode;

/** The operator's routes outside {@code /api}: {@code /health}, {@code /metrics} (a sys_admin's). Hostile queries are ignored; other methods get 405. */
final class OperatorCases {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final CaseTable table;

    private OperatorCases(CaseTable table) {
        this.table = table;
    }

    static void addTo(CaseTable table) {
        OperatorCases cases = new OperatorCases(table);
        cases.health();
        cases.metrics();
    }

    private void health() {
        table.route("GET", "/health", Caller.MANAGER);
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("query " + name, "GET",
                "/health?verbose=" + encode(value), Expected.ok()));
        wrongMethods("/health", "GET");
    }

    private void metrics() {
        table.route("GET", "/metrics", Caller.ADMIN);
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("query " + name, "GET",
                "/metrics?name=" + encode(value), Expected.ok()));
        wrongMethods("/metrics", "GET");
        table.route("GET", "/metrics", Caller.MANAGER);
        table.add("a tenant member may not scrape", "GET", "/metrics", Expected.error(403, "forbidden_error"));
    }

    private void wrongMethods(String path, String... served) {
        Set<String> allowed = Set.of(served);
        for (String method : METHODS) {
            if (!allowed.contains(method)) {
                boolean body = !method.equals("GET") && !method.equals("DELETE");
                table.add("method " + method + " " + path, method, path, body ? JSON : null, body ? "{}" : null,
                        CloudifyCases.NOT_ALLOWED);
            }
        }
    }
}
