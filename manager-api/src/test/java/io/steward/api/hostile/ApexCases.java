package io.steward.api.hostile;

import io.steward.api.hostile.HostileCase.Caller;
import io.steward.api.hostile.HostileCase.Expected;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.steward.api.hostile.CaseTable.JSON;
import static io.steward.api.hostile.CaseTable.json;
import static io.steward.api.hostile.HostileValues.encode;

/**
 * APEx Dispatch routes and the exact {@code ErrorResponse.error_code} of each refusal: a body or a path or query
 * value that does not fit the API's models is 422 {@code VALIDATION_ERROR}, an unknown job 404
 * {@code JOB_NOT_FOUND}, and a platform that is not configured (whatever URL the body names) 400
 * {@code APEX_ERROR}, without any request to it.
 */
final class ApexCases {
    static final Expected INVALID = Expected.error(422, "VALIDATION_ERROR");
    static final Expected NOT_FOUND = Expected.error(404, "JOB_NOT_FOUND");
    static final Expected TASK_NOT_FOUND = Expected.error(404, "TASK_NOT_FOUND");
    static final Expected REFUSED = Expected.error(400, "APEX_ERROR");
    static final Expected NOT_ALLOWED = Expected.error(405, "METHOD_NOT_ALLOWED");
    private static final String ROOT = "/apex";
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final CaseTable table;

    private ApexCases(CaseTable table) {
        this.table = table;
    }

    static void addTo(CaseTable table) {
        ApexCases cases = new ApexCases(table);
        cases.unitJobs();
        cases.oneJob();
        cases.upscaleTasks();
        cases.params();
        cases.tiles();
        cases.jobsStatus();
        cases.health();
        cases.sockets();
    }

    private void route(String method, String template) {
        table.route(method, ROOT + template, Caller.MANAGER);
    }

    static Map<String, Object> jobRequest(String endpoint) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("endpoint", endpoint);
        service.put("application", "/processes/echo");
        service.put("namespace", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "hostile");
        body.put("label", "ogc_api_process");
        body.put("service", service);
        body.put("parameters", Map.of("a", "x"));
        body.put("format", "json");
        return body;
    }

    private void unitJobs() {
        for (String path : List.of("/unit_jobs", "/sync_jobs")) {
            route("POST", path);
            jobBodies(ROOT + path);
        }
        wrongMethods(ROOT + "/unit_jobs", "POST");
        wrongMethods(ROOT + "/sync_jobs", "POST");
        table.add("unknown route", "GET", ROOT + "/nothing-here", Expected.error(404, "NOT_FOUND"));
    }

    private void jobBodies(String path) {
        // Platforms come from the configuration only: any URL a body names is refused without a request to it.
        for (String endpoint : List.of("http://169.254.169.254/latest/meta-data", "file:///etc/passwd",
                "gopher://127.0.0.1:1/", "http://127.0.0.1:1", "' OR 1=1 --", "${jndi:ldap://127.0.0.1:1/x}", "")) {
            table.add("endpoint " + endpoint, "POST", path, JSON, json(jobRequest(endpoint)), REFUSED);
        }
        HostileValues.INJECTIONS.forEach((name, value) -> {
            Map<String, Object> body = jobRequest("http://127.0.0.1:1");
            body.put("title", value);
            table.add("title " + name, "POST", path, JSON, json(body), REFUSED);
        });
        for (String field : List.of("title", "label", "service", "parameters", "format")) {
            Map<String, Object> missing = jobRequest("http://127.0.0.1:1");
            missing.remove(field);
            table.add(field + " missing", "POST", path, JSON, json(missing), INVALID);
            Map<String, Object> wrong = jobRequest("http://127.0.0.1:1");
            wrong.put(field, List.of(1, 2));
            table.add(field + " a list", "POST", path, JSON, json(wrong), INVALID);
        }
        for (String value : List.of("wps", "OPENEO", "' OR 1=1 --", "")) {
            Map<String, Object> body = jobRequest("http://127.0.0.1:1");
            body.put("label", value);
            table.add("label " + value, "POST", path, JSON, json(body), INVALID);
            body = jobRequest("http://127.0.0.1:1");
            body.put("format", value);
            table.add("format " + value, "POST", path, JSON, json(body), INVALID);
        }
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("endpoint", 7);
        service.put("namespace", List.of());
        Map<String, Object> body = jobRequest("http://127.0.0.1:1");
        body.put("service", service);
        table.add("service fields wrong", "POST", path, JSON, json(body), INVALID);
        table.add("not JSON", "POST", path, JSON, "{nope", INVALID);
        table.add("a JSON array", "POST", path, JSON, "[]", INVALID);
        table.add("a JSON string", "POST", path, JSON, "\"x\"", INVALID);
        table.add("null", "POST", path, JSON, "null", INVALID);
        table.add("no body", "POST", path, JSON, "", INVALID);
        table.add("deeply nested parameters", "POST", path, JSON, "{\"parameters\":"
                + HostileValues.nestedObjects(2000) + "}", INVALID);
    }

    private void oneJob() {
        Map<String, Expected> ids = new LinkedHashMap<>();
        for (String id : List.of("abc", "1.5", "' OR 1=1 --", "99999999999999999999", "1e3", "0x10", "%00")) {
            ids.put(id, INVALID);
        }
        for (String id : List.of("0", "-1", "987654321", "9223372036854775807")) {
            ids.put(id, NOT_FOUND);
        }
        route("GET", "/unit_jobs/{jobId}");
        ids.forEach((id, answer) -> table.add("id " + id, "GET", ROOT + "/unit_jobs/" + encode(id), answer));
        wrongMethods(ROOT + "/unit_jobs/1", "GET", "DELETE");
        route("DELETE", "/unit_jobs/{jobId}");
        ids.forEach((id, answer) -> table.add("id " + id, "DELETE", ROOT + "/unit_jobs/" + encode(id), answer));
        route("GET", "/unit_jobs/{jobId}/results");
        ids.forEach((id, answer) -> table.add("id " + id, "GET", ROOT + "/unit_jobs/" + encode(id) + "/results",
                answer));
        wrongMethods(ROOT + "/unit_jobs/1/results", "GET");
    }

    private void upscaleTasks() {
        String path = ROOT + "/upscale_tasks";
        route("POST", "/upscale_tasks");
        for (String endpoint : List.of("http://169.254.169.254/latest/meta-data", "file:///etc/passwd",
                "http://127.0.0.1:1", "")) {
            table.add("endpoint " + endpoint, "POST", path, JSON, json(upscaleRequest(endpoint, List.of(1, 2))),
                    REFUSED);
        }
        Map<String, Object> noDimension = jobRequest("http://127.0.0.1:1");
        table.add("dimension missing", "POST", path, JSON, json(noDimension), INVALID);
        for (Object dimension : List.of("bbox", List.of(1), Map.of("name", "bbox"), Map.of("values", List.of(1)),
                Map.of("name", List.of(), "values", List.of(1)), Map.of("name", "bbox", "values", "1,2"),
                Map.of("name", "bbox", "values", List.of()), Map.of("name", "bbox", "values", Map.of()))) {
            Map<String, Object> body = jobRequest("http://127.0.0.1:1");
            body.put("dimension", dimension);
            table.add("dimension " + json(dimension), "POST", path, JSON, json(body), INVALID);
        }
        table.add("1001 values", "POST", path, JSON, json(upscaleRequest("http://127.0.0.1:1",
                java.util.Collections.nCopies(1001, 1))), INVALID);
        table.add("not JSON", "POST", path, JSON, "{nope", INVALID);
        table.add("a JSON array", "POST", path, JSON, "[]", INVALID);
        table.add("no body", "POST", path, JSON, "", INVALID);
        table.add("deeply nested dimension", "POST", path, JSON, "{\"dimension\":"
                + HostileValues.nestedObjects(2000) + "}", INVALID);
        wrongMethods(path, "POST");

        Map<String, Expected> ids = new LinkedHashMap<>();
        for (String id : List.of("abc", "1.5", "' OR 1=1 --", "99999999999999999999", "%00")) {
            ids.put(id, INVALID);
        }
        for (String id : List.of("0", "-1", "987654321", "9223372036854775807")) {
            ids.put(id, TASK_NOT_FOUND);
        }
        route("GET", "/upscale_tasks/{taskId}");
        ids.forEach((id, answer) -> table.add("id " + id, "GET", path + "/" + encode(id), answer));
        route("DELETE", "/upscale_tasks/{taskId}");
        ids.forEach((id, answer) -> table.add("id " + id, "DELETE", path + "/" + encode(id), answer));
        wrongMethods(path + "/1", "GET", "DELETE");
    }

    static Map<String, Object> upscaleRequest(String endpoint, List<?> values) {
        Map<String, Object> body = jobRequest(endpoint);
        body.put("dimension", Map.of("name", "bbox", "values", values));
        return body;
    }

    private void params() {
        String path = ROOT + "/params";
        route("POST", "/params");
        Map<String, Object> base = new LinkedHashMap<>(jobRequest("http://169.254.169.254"));
        base.keySet().retainAll(Set.of("label", "service"));
        table.add("endpoint not configured", "POST", path, JSON, json(base), REFUSED);
        Map<String, Object> noLabel = new LinkedHashMap<>(base);
        noLabel.remove("label");
        table.add("label missing", "POST", path, JSON, json(noLabel), INVALID);
        Map<String, Object> badService = new LinkedHashMap<>(base);
        badService.put("service", "http://127.0.0.1:1");
        table.add("service a string", "POST", path, JSON, json(badService), INVALID);
        table.add("not JSON", "POST", path, JSON, "{nope", INVALID);
        table.add("a JSON array", "POST", path, JSON, "[]", INVALID);
        wrongMethods(path, "POST");
    }

    private void tiles() {
        String path = ROOT + "/tiles";
        route("POST", "/tiles");
        Map<String, Object> square = Map.of("type", "Polygon", "coordinates",
                List.of(List.of(List.of(4.8, 51.1), List.of(5.0, 51.1), List.of(5.0, 51.3), List.of(4.8, 51.3),
                        List.of(4.8, 51.1))));
        table.add("a square on the 20 km grid", "POST", path, JSON,
                json(Map.of("aoi", square, "grid", "20x20km")), new Expected(201, null, null, false));
        table.add("grid unknown", "POST", path, JSON, json(Map.of("aoi", square, "grid", "1x1km")), INVALID);
        table.add("grid missing", "POST", path, JSON, json(Map.of("aoi", square)), INVALID);
        table.add("grid a number", "POST", path, JSON, json(Map.of("aoi", square, "grid", 20)), INVALID);
        table.add("aoi missing", "POST", path, JSON, json(Map.of("grid", "20x20km")), INVALID);
        table.add("aoi a point", "POST", path, JSON, json(Map.of("aoi", Map.of("type", "Point", "coordinates",
                List.of(1, 2)), "grid", "20x20km")), INVALID);
        table.add("aoi a ring not closed", "POST", path, JSON, json(Map.of("aoi", Map.of("type", "Polygon",
                "coordinates", List.of(List.of(List.of(0, 0), List.of(1, 0), List.of(1, 1)))), "grid", "20x20km")),
                INVALID);
        table.add("aoi latitudes out of range", "POST", path, JSON, json(Map.of("aoi", Map.of("type", "Polygon",
                "coordinates", List.of(List.of(List.of(0, 0), List.of(1, 0), List.of(1, 95), List.of(0, 0)))),
                "grid", "20x20km")), INVALID);
        table.add("the whole world on the 20 km grid", "POST", path, JSON, json(Map.of("aoi", Map.of("type",
                "Polygon", "coordinates", List.of(List.of(List.of(-180, -80), List.of(180, -80), List.of(180, 80),
                        List.of(-180, 80), List.of(-180, -80)))), "grid", "20x20km")), INVALID);
        table.add("not JSON", "POST", path, JSON, "{nope", INVALID);
        table.add("a JSON array", "POST", path, JSON, "[]", INVALID);
        wrongMethods(path, "POST");
    }

    private void jobsStatus() {
        String path = ROOT + "/jobs_status";
        route("GET", "/jobs_status");
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("filter " + name, "GET",
                path + "?filter=" + encode(value), INVALID));
        for (String value : List.of("0", "-1", "10001", "abc", "1.5", "99999999999", "' OR 1=1 --")) {
            table.add("limit " + value, "GET", path + "?limit=" + encode(value), INVALID);
        }
        for (String value : List.of("-1", "abc", "99999999999", "' OR 1=1 --")) {
            table.add("offset " + value, "GET", path + "?offset=" + encode(value), INVALID);
        }
        table.add("filter processing", "GET", path + "?filter=processing&limit=5&offset=0", Expected.ok());
        wrongMethods(path, "GET");
    }

    /**
     * The WebSockets, asked as plain HTTP (no upgrade): not a socket, so refused with a 400 (Micronaut finds no
     * session to hand the handler).
     */
    private void sockets() {
        Expected noSocket = Expected.error(400, "APEX_ERROR");
        route("GET", "/ws/jobs_status");
        table.add("no upgrade", "GET", ROOT + "/ws/jobs_status?token=x", noSocket);
        route("GET", "/ws/upscale_tasks/{taskId}");
        table.add("no upgrade", "GET", ROOT + "/ws/upscale_tasks/1?token=x", noSocket);
        table.add("no upgrade, odd id", "GET", ROOT + "/ws/upscale_tasks/%27%20OR%201%3D1%20--", noSocket);
    }

    private void health() {
        String path = ROOT + "/health";
        route("GET", "/health");
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("query " + name, "GET",
                path + "?x=" + encode(value), Expected.ok()));
        wrongMethods(path, "GET");
    }

    private void wrongMethods(String path, String... served) {
        Set<String> allowed = Set.of(served);
        for (String method : METHODS) {
            if (!allowed.contains(method)) {
                boolean body = !method.equals("GET") && !method.equals("DELETE");
                table.add("method " + method + " " + path.substring(ROOT.length()), method, path,
                        body ? JSON : null, body ? "{}" : null, NOT_ALLOWED);
            }
        }
    }
}
