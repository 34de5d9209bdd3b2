package io.steward.api.ogc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.0 document of the OGC API (the landing page's {@code service-desc}): every route, its parameters,
 * its responses with the exception schema, and the two security schemes (basic auth, {@code Authentication-Token}).
 * {@link #ROUTES} is the route inventory; a test compares it with the server's routes.
 */
final class OpenApiDocument {
    /** method, path, summary, success codes, error codes. */
    record Route(String method, String path, String summary, List<Integer> success, List<Integer> errors) {
    }

    static final List<Route> ROUTES = List.of(
            new Route("get", "/", "Landing page", List.of(200), List.of(401, 403)),
            new Route("get", "/conformance", "Conformance classes", List.of(200), List.of(401, 403)),
            new Route("get", "/api", "This API definition", List.of(200), List.of(401, 403)),
            new Route("get", "/processes", "List processes", List.of(200), List.of(400, 401, 403)),
            new Route("post", "/processes", "Deploy a process (application/ogcapppkg+json)", List.of(201),
                    List.of(400, 401, 403, 409, 415)),
            new Route("get", "/processes/{processID}", "Describe a process", List.of(200), List.of(401, 403, 404)),
            new Route("put", "/processes/{processID}", "Replace a deployed process", List.of(204),
                    List.of(400, 401, 403, 404, 415)),
            new Route("delete", "/processes/{processID}", "Undeploy a process", List.of(204),
                    List.of(401, 403, 404)),
            new Route("get", "/processes/{processID}/package", "The package a process was deployed from",
                    List.of(200), List.of(401, 403, 404)),
            new Route("post", "/processes/{processID}/execution", "Execute a process", List.of(200, 201, 204),
                    List.of(400, 401, 403, 404, 415, 500)),
            new Route("get", "/jobs", "List jobs", List.of(200), List.of(400, 401, 403)),
            new Route("get", "/jobs/{jobID}", "A job's status", List.of(200), List.of(401, 403, 404)),
            new Route("delete", "/jobs/{jobID}", "Dismiss a job", List.of(200), List.of(401, 403, 404)),
            new Route("get", "/jobs/{jobID}/results", "A job's results", List.of(200, 204),
                    List.of(401, 403, 404, 500)),
            new Route("get", "/jobs/{jobID}/results/{outputID}", "One output of a job, raw", List.of(200),
                    List.of(400, 401, 403, 404)));

    private OpenApiDocument() {
    }

    static Map<String, Object> of(String root) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Steward OGC API - Processes", "version", "1.0.0",
                "description", "OGC API - Processes - Part 1: Core 1.0 over Steward's workflow engine"));
        doc.put("servers", List.of(Map.of("url", root)));
        doc.put("security", List.of(Map.of("basicAuth", List.of()), Map.of("token", List.of())));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route route : ROUTES) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.path(),
                    p -> new LinkedHashMap<>());
            item.put(route.method(), operation(route));
        }
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "securitySchemes", Map.of(
                        "basicAuth", Map.of("type", "http", "scheme", "basic"),
                        "token", Map.of("type", "apiKey", "in", "header", "name", "Authentication-Token")),
                "parameters", Map.of("tenant", Map.of("name", "Tenant", "in", "header", "required", false,
                        "description", "The tenant to act in; default_tenant when absent",
                        "schema", Map.of("type", "string"))),
                "schemas", Map.of("exception", Map.of("type", "object", "required", List.of("type"),
                        "properties", Map.of("type", Map.of("type", "string"), "title", Map.of("type", "string"),
                                "status", Map.of("type", "integer"), "detail", Map.of("type", "string"),
                                "instance", Map.of("type", "string")))),
                "responses", Map.of("exception", Map.of("description", "An exception (RFC 7807)",
                        "content", Map.of("application/json", Map.of("schema",
                                Map.of("$ref", "#/components/schemas/exception")))))));
        return doc;
    }

    private static Map<String, Object> operation(Route route) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", route.summary());
        op.put("operationId", route.method() + route.path().replaceAll("[^A-Za-z]+", "_"));
        List<Object> parameters = new java.util.ArrayList<>();
        parameters.add(Map.of("$ref", "#/components/parameters/tenant"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(route.path());
        while (m.find()) {
            parameters.add(Map.of("name", m.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string")));
        }
        if (route.path().equals("/processes") || route.path().equals("/jobs")) {
            parameters.add(query("limit", Map.of("type", "integer", "minimum", 1, "maximum", 10000, "default", 10)));
            parameters.add(query("offset", Map.of("type", "integer", "minimum", 0, "default", 0)));
        }
        if (route.path().equals("/jobs")) {
            List.of("type", "processID", "status").forEach(name -> parameters.add(query(name,
                    Map.of("type", "array", "items", Map.of("type", "string")))));
            parameters.add(query("datetime", Map.of("type", "string")));
            parameters.add(query("minDuration", Map.of("type", "integer")));
            parameters.add(query("maxDuration", Map.of("type", "integer")));
        }
        if (route.path().endsWith("/execution")) {
            parameters.add(Map.of("name", "Prefer", "in", "header", "required", false,
                    "schema", Map.of("type", "string"), "description", "respond-async asks for a 201 and a job"));
            op.put("requestBody", Map.of("required", true, "content", Map.of("application/json",
                    Map.of("schema", Map.of("type", "object", "properties", Map.of(
                            "inputs", Map.of("type", "object"), "outputs", Map.of("type", "object"),
                            "response", Map.of("type", "string", "enum", List.of("raw", "document")),
                            "subscriber", Map.of("type", "object")))))));
            op.put("callbacks", Map.of("jobCompleted", Map.of("{$request.body#/subscriber/successUri}",
                    Map.of("post", Map.of("requestBody", Map.of("content", Map.of("application/json",
                            Map.of("schema", Map.of("type", "object")))),
                            "responses", Map.of("200", Map.of("description", "received")))))));
        }
        if (route.method().equals("post") && route.path().equals("/processes")
                || route.method().equals("put")) {
            op.put("requestBody", Map.of("required", true, "content", Map.of("application/ogcapppkg+json",
                    Map.of("schema", Map.of("type", "object", "required", List.of("processDescription",
                            "executionUnit"))))));
        }
        op.put("parameters", parameters);
        Map<String, Object> responses = new LinkedHashMap<>();
        route.success().forEach(code -> responses.put(String.valueOf(code), Map.of("description", "success")));
        route.errors().forEach(code -> responses.put(String.valueOf(code),
                Map.of("$ref", "#/components/responses/exception")));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> query(String name, Map<String, Object> schema) {
        return Map.of("name", name, "in", "query", "required", false, "schema", schema);
    }
}
