package io.steward.api.hostile;

import io.steward.api.hostile.HostileCase.Caller;
import io.steward.api.hostile.HostileCase.Expected;

import java.util.List;
import java.util.Set;

import static io.steward.api.hostile.CaseTable.JSON;
import static io.steward.api.hostile.HostileValues.encode;

/**
 * The operator's routes outside the Cloudify API: {@code /health}, {@code /metrics} (a sys_admin's), the OpenAPI
 * document and Swagger UI's files, and the web console's static files under {@code /console/} (public; only plain
 * file names, never a way out of the console's folder). Hostile queries are ignored; other methods get 405; a file
 * that is not one of Swagger UI's is 404.
 */
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
        cases.console();
        cases.apiDocs();
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

    private void console() {
        // Static files, not a controller: the router lists no route for them, so they are named here by hand.
        table.route("GET", "/console/**", Caller.MANAGER);
        table.add("the page", "GET", "/console/", Expected.ok());
        table.add("a module", "GET", "/console/js/main.js", Expected.ok());
        table.add("without the slash, sent to /console/", "GET", "/console", new Expected(301, null, null, false));
        table.add("a missing file", "GET", "/console/nothing.js", CloudifyCases.NOT_FOUND);
        table.add("a folder", "GET", "/console/js/", CloudifyCases.NOT_FOUND);
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("query " + name, "GET",
                "/console/?tenant=" + encode(value), Expected.ok()));
        // Ways out of classpath:console to the server's own resources (application.yml is beside the folder).
        for (String path : List.of("/console/../application.yml", "/console/js/../../application.yml",
                "/console/%2e%2e/application.yml", "/console/..%2fapplication.yml", "/console/%2e%2e%2fapplication.yml",
                "/console/..%5capplication.yml", "/console/%c0%ae%c0%ae/application.yml",
                "/console/%252e%252e/application.yml", "/console//application.yml",
                "/console/io/steward/api/steward-version.properties",
                "/console/../META-INF/services/ch.qos.logback.classic.spi.Configurator",
                "/console/%00", "/console/main%00.js", "/console/js/main.js%00.html", "/console/%0d%0a",
                "/console/JS/MAIN.JS", "/console/js/main.js/", "/console/.hidden", "/console/" + "a".repeat(300))) {
            table.add("path " + path, "GET", path, CloudifyCases.NOT_FOUND);
        }
        for (String method : METHODS) {
            if (!method.equals("GET")) {
                boolean body = !method.equals("DELETE");
                table.add("method " + method + " /console/", method, "/console/", body ? JSON : null,
                        body ? "{}" : null, CloudifyCases.NOT_ALLOWED);
                table.add("method " + method + " a module", method, "/console/js/main.js", body ? JSON : null,
                        body ? "{}" : null, CloudifyCases.NOT_ALLOWED);
            }
        }
    }

    private void apiDocs() {
        table.route("GET", "/api/openapi.json", Caller.MANAGER);
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("query " + name, "GET",
                "/api/openapi.json?url=" + encode(value), Expected.ok()));
        wrongMethods("/api/openapi.json", "GET");

        table.route("GET", "/api/docs", Caller.MANAGER);
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("query " + name, "GET",
                "/api/docs?url=" + encode(value), new Expected(301, null, null, false)));
        wrongMethods("/api/docs", "GET");
        // Swagger UI's own ?url= (an XSS vector in old versions) is not read: queryConfigEnabled is off.
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("query " + name, "GET",
                "/api/docs/?url=" + encode(value), Expected.ok()));
        wrongMethods("/api/docs/", "GET");

        table.route("GET", "/api/docs/{file}", Caller.MANAGER);
        HostileValues.pathSegments().forEach((name, segment) -> table.add("file " + name, "GET",
                "/api/docs/" + segment, CloudifyCases.NOT_FOUND));
        table.add("a file of the webjar not served", "GET", "/api/docs/swagger-ui.js", CloudifyCases.NOT_FOUND);
        table.add("the webjar's folder", "GET", "/api/docs/..%2F..%2Fmaven%2Forg.webjars%2Fswagger-ui%2Fpom.xml",
                CloudifyCases.NOT_FOUND);
        wrongMethods("/api/docs/swagger-ui.css", "GET");
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
