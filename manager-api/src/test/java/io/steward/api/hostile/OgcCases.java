package io.steward.api.hostile;

import io.steward.api.hostile.BodyCases.Codes;
import io.steward.api.hostile.Field.Kind;
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
 * OGC API – Processes routes and the exact RFC 7807 {@code type} of each refusal (18-062r2 §7.6, Part 2 §6): a
 * wrong body value is {@code invalid-parameter-value}, a wrong query value {@code invalid-query-parameter-value},
 * missing targets {@code no-such-process}/{@code no-such-job}, a refused media type Part 2's
 * {@code unsupported-media-type}.
 */
final class OgcCases {
    static final String P1 = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";
    static final String P2 = "http://www.opengis.net/def/exceptions/ogcapi-processes-2/1.0/";
    static final Expected INVALID = Expected.error(400, P1 + "invalid-parameter-value");
    static final Expected INVALID_QUERY = Expected.error(400, P1 + "invalid-query-parameter-value");
    static final Expected NO_SUCH_PROCESS = Expected.error(404, P1 + "no-such-process");
    static final Expected NO_SUCH_JOB = Expected.error(404, P1 + "no-such-job");
    static final Expected NOT_ALLOWED = Expected.error(405, P1 + "method-not-allowed");
    static final Expected UNSUPPORTED = Expected.error(415, P2 + "unsupported-media-type");
    static final Expected TOO_LARGE = Expected.error(413, P1 + "payload-too-large");
    static final String PACKAGE = "application/ogcapppkg+json";
    private static final String ROOT = "/ogcapi";
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final CaseTable table;
    private final HostileFixture fixture;

    private OgcCases(CaseTable table, HostileFixture fixture) {
        this.table = table;
        this.fixture = fixture;
    }

    static void addTo(CaseTable table, HostileFixture fixture) {
        OgcCases cases = new OgcCases(table, fixture);
        cases.landing();
        cases.processes();
        cases.execution();
        cases.jobs();
    }

    private void route(String method, String template) {
        table.route(method, ROOT + template, Caller.MANAGER);
    }

    private void landing() {
        for (String path : List.of("", "/conformance", "/api")) {
            route("GET", path);
            HostileValues.INJECTIONS.forEach((name, value) -> table.add("query " + name, "GET",
                    ROOT + path + "?f=" + encode(value), Expected.ok()));
            wrongMethods(ROOT + path, "GET");
        }
        route("GET", "");
        table.add("unknown route", "GET", ROOT + "/nothing-here", Expected.error(404, P1 + "not-found"));
        table.add("raw traversal", "GET", ROOT + "/../../../etc/passwd", Expected.error(404, P1 + "not-found"));
        table.add("uri over the request line limit", "GET", ROOT + "/jobs/" + "u".repeat(10_000),
                Expected.error(414, P1 + "invalid-parameter-value"));
        HostileValues.malformedPathSegments().forEach((name, segment) -> table.add("malformed uri " + name, "GET",
                ROOT + "/jobs/" + segment, INVALID));
        Map<String, String> tenants = new LinkedHashMap<>(HostileValues.ids());
        // Header values are visible ASCII: the client refuses to send a NUL or a bidi override.
        tenants.remove("nul");
        tenants.remove("bidi override");
        tenants.put("another tenant's name", "default_tenant");
        tenants.forEach((name, tenant) -> table.addWithHeaders("tenant header " + name, "GET", ROOT + "/jobs",
                Map.of("Tenant", tenant), Expected.error(403, P1 + "forbidden")));
    }

    private void processes() {
        String list = ROOT + "/processes";
        route("GET", "/processes");
        paging(list);
        wrongMethods(list, "GET", "POST");

        route("POST", "/processes");
        Map<String, Object> pkg = processPackage(table.fresh("proc"));
        HostileValues.ids().forEach((name, id) -> table.add("process id " + name, "POST", list, PACKAGE,
                json(processPackage(id)), INVALID.mentioning("process id")));
        table.add("existing process", "POST", list, PACKAGE, json(processPackage(fixture.process())),
                Expected.error(409, P2 + "duplicated-process"));
        BodyCases.fields(table, "POST", () -> list, PACKAGE, pkg, List.of(
                Field.of("processDescription", Kind.OBJECT).required(INVALID.mentioning("processDescription")),
                Field.of("executionUnit", Kind.OBJECT).required(INVALID.mentioning("executionUnit"))), codes());
        Map<String, Object> unit = new LinkedHashMap<>(unit());
        unit.put("type", "' OR 1=1 --");
        // Like a CWL package: a kind of process Steward cannot run, refused as Part 2 refuses its media type.
        table.add("execution unit of an unknown type", "POST", list, PACKAGE,
                json(BodyCases.with(pkg, "executionUnit", unit)), UNSUPPORTED);
        for (String type : List.of("application/cwl+yaml", "application/cwl")) {
            // An ogcapppkg sent as CWL is CWL without a class where cwltool runs; elsewhere CWL is refused.
            table.add("content type " + type, "POST", list, type, json(pkg),
                    io.steward.ogc.process.ProcessPackage.cwlRunnable() ? INVALID.mentioning("class") : UNSUPPORTED);
        }
        BodyCases.shapes(table, "POST", () -> list, true, codes());

        String echo = list + "/echo";
        route("GET", "/processes/{processId}");
        pathIds(NO_SUCH_PROCESS, (name, segment, answer) ->
                table.add("id " + name, "GET", list + "/" + segment, answer));
        wrongMethods(list + "/no-such-process", "GET", "PUT", "DELETE");

        route("PUT", "/processes/{processId}");
        pathIds(NO_SUCH_PROCESS, (name, segment, answer) ->
                table.add("id " + name, "PUT", list + "/" + segment, PACKAGE,
                json(processPackage(fixture.process())), answer));
        table.add("a built-in process", "PUT", echo, PACKAGE, json(processPackage("echo")),
                Expected.error(403, P2 + "immutable-process"));
        String mine = list + "/" + fixture.process();
        table.add("another process id in the body", "PUT", mine, PACKAGE, json(processPackage("other-id")),
                INVALID.mentioning("other-id"));
        BodyCases.fields(table, "PUT", () -> mine, PACKAGE, processPackage(fixture.process()), List.of(
                Field.of("processDescription", Kind.OBJECT).required(INVALID.mentioning("processDescription")),
                Field.of("executionUnit", Kind.OBJECT).required(INVALID.mentioning("executionUnit"))), codes());
        BodyCases.shapes(table, "PUT", () -> mine, true, codes());

        route("DELETE", "/processes/{processId}");
        pathIds(NO_SUCH_PROCESS, (name, segment, answer) ->
                table.add("id " + name, "DELETE", list + "/" + segment, answer));
        table.add("a built-in process", "DELETE", echo, Expected.error(403, P2 + "immutable-process"));

        route("GET", "/processes/{processId}/package");
        pathIds(NO_SUCH_PROCESS, (name, segment, answer) ->
                table.add("id " + name, "GET", list + "/" + segment + "/package",
                answer));
        wrongMethods(list + "/no-such-process/package", "GET");
    }

    private void execution() {
        String echo = ROOT + "/processes/echo/execution";
        route("POST", "/processes/{processId}/execution");
        Map<String, Object> base = Map.of("inputs", Map.of("a", "x"));
        pathIds(NO_SUCH_PROCESS, (name, segment, answer) ->
                table.add("id " + name, "POST", ROOT + "/processes/" + segment + "/execution",
                JSON, json(base), answer));
        BodyCases.fields(table, "POST", () -> echo, JSON, base, List.of(
                Field.of("inputs", Kind.OBJECT),
                Field.of("outputs", Kind.OBJECT),
                Field.of("response", Kind.CHOICE),
                Field.of("subscriber", Kind.OBJECT)), codes());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("a a number", Map.of("a", 7));
        inputs.put("a a list", Map.of("a", List.of("x")));
        inputs.put("a by reference to a file", Map.of("a", Map.of("href", "file:///etc/passwd")));
        inputs.put("a by reference to cloud metadata", Map.of("a", Map.of("href", "http://169.254.169.254/latest/")));
        inputs.put("a by reference to loopback", Map.of("a", Map.of("href", "http://[::1]:22/")));
        inputs.put("a by reference not a string", Map.of("a", Map.of("href", List.of("http://x/"))));
        inputs.put("a by reference not a uri", Map.of("a", Map.of("href", "http://exa mple/ ::")));
        inputs.put("c a bounding box of two numbers", Map.of("a", "x", "c", Map.of("bbox", List.of(1, 2))));
        inputs.put("e neither a string nor an integer", Map.of("a", "x", "e", 1.5));
        inputs.put("pause over its maximum", Map.of("a", "x", "pause", 100_000));
        inputs.put("pause negative", Map.of("a", "x", "pause", -1));
        inputs.put("b not integers", Map.of("a", "x", "b", List.of("' OR 1=1 --")));
        inputs.put("c not a bounding box", Map.of("a", "x", "c", Map.of("bbox", "everywhere")));
        inputs.put("undeclared input", Map.of("a", "x", "${jndi:ldap://127.0.0.1:1/x}", 1));
        inputs.put("a missing", Map.of());
        inputs.forEach((name, value) -> table.add("inputs " + name, "POST", echo, JSON,
                json(Map.of("inputs", value)), INVALID));
        table.add("unknown member", "POST", echo, JSON, json(Map.of("inputs", Map.of("a", "x"), "evil", 1)),
                INVALID.mentioning("evil"));
        table.add("output transmission mode unknown", "POST", echo, JSON, json(Map.of("inputs", Map.of("a", "x"),
                "outputs", Map.of("a", Map.of("transmissionMode", "carrier-pigeon")))),
                INVALID.mentioning("transmissionMode"));
        table.add("output a string", "POST", echo, JSON, json(Map.of("inputs", Map.of("a", "x"),
                "outputs", Map.of("a", "x"))), INVALID.mentioning("outputs.a"));
        for (String uri : List.of("file:///etc/passwd", "javascript:alert(1)", "ldap://127.0.0.1:1/x", "not a uri ::",
                "gopher://127.0.0.1:1/")) {
            table.add("subscriber " + uri, "POST", echo, JSON, json(Map.of("inputs", Map.of("a", "x"),
                    "subscriber", Map.of("successUri", uri))), INVALID.mentioning("successUri"));
        }
        BodyCases.shapes(table, "POST", () -> echo, true, codes());
    }

    private void jobs() {
        String list = ROOT + "/jobs";
        route("GET", "/jobs");
        paging(list);
        Map<String, String> values = new LinkedHashMap<>(HostileValues.INJECTIONS);
        values.put("nul", HostileValues.NUL);
        values.forEach((name, value) -> {
            table.add("type " + name, "GET", list + "?type=" + encode(value), INVALID_QUERY.mentioning("type"));
            table.add("status " + name, "GET", list + "?status=" + encode(value), INVALID_QUERY.mentioning("status"));
            table.add("processID " + name, "GET", list + "?processID=" + encode(value),
                    name.equals("nul") ? INVALID : Expected.emptyList());
            table.add("datetime " + name, "GET", list + "?datetime=" + encode(value),
                    INVALID_QUERY.mentioning("datetime"));
            table.add("minDuration " + name, "GET", list + "?minDuration=" + encode(value),
                    INVALID_QUERY.mentioning("minDuration"));
            table.add("maxDuration " + name, "GET", list + "?maxDuration=" + encode(value),
                    INVALID_QUERY.mentioning("maxDuration"));
        });
        for (String datetime : List.of("2026-13-45T00:00:00Z", "a/b/c", "2026-02-01T00:00:00Z/2026-01-01T00:00:00Z",
                "2026-01-01", "../..x")) {
            table.add("datetime " + datetime, "GET", list + "?datetime=" + encode(datetime),
                    INVALID_QUERY.mentioning("datetime"));
        }
        table.add("minDuration negative", "GET", list + "?minDuration=-1", INVALID_QUERY.mentioning("minDuration"));
        table.add("maxDuration beyond long", "GET", list + "?maxDuration=99999999999999999999999",
                INVALID_QUERY.mentioning("maxDuration"));
        wrongMethods(list, "GET");

        String job = list + "/" + fixture.job();
        route("GET", "/jobs/{jobId}");
        pathIds(NO_SUCH_JOB, (name, segment, answer) -> table.add("id " + name, "GET", list + "/" + segment, answer));
        wrongMethods(list + "/no-such-job", "GET", "DELETE");

        route("DELETE", "/jobs/{jobId}");
        pathIds(NO_SUCH_JOB, (name, segment, answer) ->
                table.add("id " + name, "DELETE", list + "/" + segment, answer));

        route("GET", "/jobs/{jobId}/results");
        pathIds(NO_SUCH_JOB, (name, segment, answer) ->
                table.add("id " + name, "GET", list + "/" + segment + "/results", answer));
        wrongMethods(list + "/no-such-job/results", "GET");

        route("GET", "/jobs/{jobId}/results/{outputId}");
        pathIds(NO_SUCH_JOB, (name, segment, answer) ->
                table.add("job id " + name, "GET", list + "/" + segment + "/results/a",
                answer));
        // Outputs are looked up in the job's results, not in the database: a NUL there is one more unknown name.
        HostileValues.pathSegments().forEach((name, segment) -> table.add("output id " + name, "GET",
                job + "/results/" + segment, Expected.error(400, P1 + "no-such-output")));
        wrongMethods(job + "/results/a", "GET");
    }

    private void paging(String path) {
        for (String value : List.of("0", "-1", "10001", "abc", "1.5", "99999999999", "' OR 1=1 --")) {
            table.add("limit " + value, "GET", path + "?limit=" + encode(value), INVALID_QUERY.mentioning("limit"));
        }
        for (String value : List.of("-1", "abc", "99999999999", "' OR 1=1 --")) {
            table.add("offset " + value, "GET", path + "?offset=" + encode(value),
                    INVALID_QUERY.mentioning("offset"));
        }
    }

    private static Codes codes() {
        return new Codes(INVALID, NO_SUCH_PROCESS, UNSUPPORTED, TOO_LARGE);
    }

    /** A valid Part 2 package of a command process that upper-cases its input. */
    static Map<String, Object> processPackage(String id) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("id", id);
        process.put("title", "Hostile-suite process");
        process.put("version", "1.0.0");
        process.put("jobControlOptions", List.of("sync-execute", "async-execute", "dismiss"));
        process.put("inputs", Map.of("word", Map.of("schema", Map.of("type", "string"))));
        process.put("outputs", Map.of("upper", Map.of("schema", Map.of("type", "string"))));
        return Map.of("processDescription", Map.of("process", process), "executionUnit", unit());
    }

    private static Map<String, Object> unit() {
        return Map.of("type", "command",
                "command", List.of("sh", "-c", "printf '{\"upper\":\"%s\"}' \"$WORD\""),
                "env", Map.of("WORD", "{inputs.word}"),
                "outputs", Map.of("stdout", "json"));
    }

    /**
     * Every path segment of {@link HostileValues#pathSegments} as the id of the route, answered {@code answer}; a
     * NUL is refused as bad input before any lookup, whatever the route.
     */
    private void pathIds(Expected answer, IdCase add) {
        HostileValues.pathSegments().forEach((name, segment) ->
                add.add(name, segment, name.equals("nul") ? INVALID : answer));
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
