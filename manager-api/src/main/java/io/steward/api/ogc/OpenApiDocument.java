package io.steward.api.ogc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.0 document of the OGC API (the landing page's {@code service-desc}): every route with its own
 * operation id, its parameters, its responses with their 1.0 schemas ({@code /ogcapi/schemas-1.0.json}) and the
 * exception schema, and the security schemes (basic auth, {@code Authentication-Token}; none when anonymous access
 * is on).
 * {@link #ROUTES} is the route inventory; a test compares it with the server's routes.
 */
final class OpenApiDocument {
    /**
     * method, path, its operation id, summary, success codes with the schema each answers (null: no JSON body or
     * one of several forms), error codes.
     */
    record Route(String method, String path, String operationId, String summary, Map<Integer, String> success,
                 List<Integer> errors) {
    }

    private static final Map<Integer, String> NO_BODY = Map.of(204, "");

    static final List<Route> ROUTES = List.of(
            new Route("get", "/", "getLandingPage", "Landing page", Map.of(200, "landingPage"), List.of(401, 403)),
            new Route("get", "/conformance", "getConformanceClasses", "Conformance classes",
                    Map.of(200, "confClasses"), List.of(401, 403)),
            new Route("get", "/api", "getAPIDefinition", "This API definition", Map.of(200, ""), List.of(401, 403)),
            new Route("get", "/processes", "getProcesses", "List processes", Map.of(200, "processList"),
                    List.of(400, 401, 403)),
            new Route("post", "/processes", "deploy", "Deploy a process (application/ogcapppkg+json)",
                    Map.of(201, "processSummary"), List.of(400, 401, 403, 409, 415)),
            new Route("get", "/processes/{processID}", "getProcessDescription", "Describe a process",
                    Map.of(200, "process"), List.of(401, 403, 404)),
            new Route("put", "/processes/{processID}", "replace", "Replace a deployed process", NO_BODY,
                    List.of(400, 401, 403, 404, 415)),
            new Route("delete", "/processes/{processID}", "undeploy", "Undeploy a process", NO_BODY,
                    List.of(401, 403, 404)),
            new Route("get", "/processes/{processID}/package", "getPackage", "The package a process was deployed from",
                    Map.of(200, "ogcapppkg"), List.of(401, 403, 404)),
            new Route("post", "/processes/{processID}/execution", "execute", "Execute a process",
                    successes(200, "results", 201, "statusInfo", 204, ""), List.of(400, 401, 403, 404, 415, 500)),
            new Route("get", "/jobs", "getJobs", "List jobs", Map.of(200, "jobList"), List.of(400, 401, 403)),
            new Route("get", "/jobs/{jobID}", "getStatus", "A job's status", Map.of(200, "statusInfo"),
                    List.of(401, 403, 404)),
            new Route("delete", "/jobs/{jobID}", "dismiss", "Dismiss a job", Map.of(200, "statusInfo"),
                    List.of(401, 403, 404)),
            new Route("get", "/jobs/{jobID}/results", "getResult", "A job's results",
                    successes(200, "results", 204, ""), List.of(401, 403, 404, 500)),
            new Route("get", "/jobs/{jobID}/results/{outputID}", "getResultOutput", "One output of a job, raw",
                    Map.of(200, ""), List.of(400, 401, 403, 404)));

    /** The 1.0 schemas the responses refer to ({@code components/schemas}). */
    private static final Map<String, Object> SCHEMAS = schemas();

    private OpenApiDocument() {
    }

    private static Map<Integer, String> successes(Object... codesAndSchemas) {
        Map<Integer, String> map = new java.util.TreeMap<>();
        for (int i = 0; i < codesAndSchemas.length; i += 2) {
            map.put((Integer) codesAndSchemas[i], (String) codesAndSchemas[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemas() {
        try (java.io.InputStream in = OpenApiDocument.class.getResourceAsStream("/ogcapi/schemas-1.0.json")) {
            return io.micronaut.json.JsonMapper.createDefault().readValue(in.readAllBytes(), Map.class);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("The OGC 1.0 schemas resource cannot be read", e);
        }
    }

    /**
     * The document for links under {@code root}; with {@code anonymous} (anonymous access on) its {@code security}
     * includes {@code {}}: no credentials is an accepted way in.
     */
    static Map<String, Object> of(String root, boolean anonymous) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Steward OGC API - Processes", "version", "1.0.0",
                "description", "OGC API - Processes - Part 1: Core 1.0 over Steward's workflow engine"));
        doc.put("servers", List.of(Map.of("url", root)));
        List<Map<String, Object>> security = new java.util.ArrayList<>(List.of(Map.of("basicAuth", List.of()),
                Map.of("token", List.of())));
        if (anonymous) {
            security.add(Map.of());
        }
        doc.put("security", security);
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
                "schemas", SCHEMAS,
                "responses", Map.of("exception", Map.of("description", "An exception (RFC 7807)",
                        "content", Map.of("application/json", Map.of("schema",
                                Map.of("$ref", "#/components/schemas/exception")))))));
        return doc;
    }

    private static Map<String, Object> operation(Route route) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", route.summary());
        op.put("operationId", route.operationId());
        List<Object> parameters = new java.util.ArrayList<>();
        parameters.add(Map.of("$ref", "#/components/parameters/tenant"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(route.path());
        while (m.find()) {
            parameters.add(Map.of("name", m.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string")));
        }
        if (route.method().equals("get") && (route.path().equals("/processes") || route.path().equals("/jobs"))) {
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
                    Map.of("schema", ref("execute")))));
            op.put("callbacks", Map.of("jobCompleted", Map.of("{$request.body#/subscriber/successUri}",
                    Map.of("post", Map.of("requestBody", Map.of("content", Map.of("application/json",
                            Map.of("schema", ref("results")))),
                            "responses", Map.of("200", Map.of("description", "received")))))));
        }
        if (route.method().equals("post") && route.path().equals("/processes")
                || route.method().equals("put")) {
            op.put("requestBody", Map.of("required", true, "content", Map.of("application/ogcapppkg+json",
                    Map.of("schema", ref("ogcapppkg")))));
        }
        op.put("parameters", parameters);
        Map<String, Object> responses = new LinkedHashMap<>();
        new java.util.TreeMap<>(route.success()).forEach((code, schema) -> responses.put(String.valueOf(code),
                schema.isEmpty() ? Map.of("description", "success")
                        : Map.of("description", "success", "content", Map.of("application/json",
                        Map.of("schema", ref(schema))))));
        route.errors().forEach(code -> responses.put(String.valueOf(code),
                Map.of("$ref", "#/components/responses/exception")));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> ref(String schema) {
        return Map.of("$ref", "#/components/schemas/" + schema);
    }

    private static Map<String, Object> query(String name, Map<String, Object> schema) {
        return Map.of("name", name, "in", "query", "required", false, "schema", schema);
    }
}
