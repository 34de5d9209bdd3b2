package io.steward.api.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole hostile-input table: every route of the manager API under {@code /api/v3.1} in full, under
 * {@code /api/v3} (the same methods, kept in the table so a route cannot drop out of one version) a sample of each
 * route's cases, every OGC API and APEx route, and the operator's routes ({@code /health}).
 */
final class HostileInputCases {
    /** Cases per route kept under {@code /api/v3}: the routes are the same methods as under v3.1. */
    static final int V3_SAMPLE = 4;

    private HostileInputCases() {
    }

    static List<HostileCase> all(HostileFixture fixture) {
        CaseTable v31 = new CaseTable("v31");
        CloudifyCases.addTo(v31, fixture, "/api/v3.1");
        CaseTable v3 = new CaseTable("v3");
        CloudifyCases.addTo(v3, fixture, "/api/v3");
        CaseTable ogc = new CaseTable("ogc");
        OgcCases.addTo(ogc, fixture);
        CaseTable apex = new CaseTable("apex");
        ApexCases.addTo(apex);
        CaseTable operator = new CaseTable("operator");
        OperatorCases.addTo(operator);
        List<HostileCase> all = new ArrayList<>(v31.cases());
        all.addAll(sample(v3.cases()));
        all.addAll(ogc.cases());
        all.addAll(apex.cases());
        all.addAll(operator.cases());
        return all;
    }

    /** The cases grouped by route, in table order. */
    static Map<String, List<HostileCase>> byRoute(List<HostileCase> cases) {
        Map<String, List<HostileCase>> routes = new LinkedHashMap<>();
        cases.forEach(c -> routes.computeIfAbsent(c.route(), r -> new ArrayList<>()).add(c));
        return routes;
    }

    private static List<HostileCase> sample(List<HostileCase> cases) {
        List<HostileCase> kept = new ArrayList<>();
        byRoute(cases).values().forEach(route -> {
            // Spread over the route's table rather than its first rows, which are all ids.
            int step = Math.max(1, route.size() / V3_SAMPLE);
            for (int i = 0; i < route.size(); i += step) {
                kept.add(route.get(i));
            }
        });
        return kept;
    }
}
