package io.steward.api.hostile;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import io.steward.api.hostile.HostileCase.Caller;
import io.steward.api.hostile.HostileCase.Expected;
import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The hostile-input suite ({@link HostileInputCases}): each hostile request to every route of both APIs gets its
 * exact status and error code in the API's error format (never a stack trace), and afterwards nothing the tenant can
 * observe has changed and the server still runs an execution to its end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractHostileInputApiTest extends ApiTestBase {
    /** Small, so that "over the limit" bodies stay cheap to send; the limit's handling is the same at any size. */
    static final String MAX_REQUEST = "1MB";
    /** Netty's default limit of the request line, in bytes. */
    private static final int URI_LINE_LIMIT = 4096;

    private Api manager;
    private HostileFixture fixture;
    private Map<String, Object> before;
    private List<HostileCase> cases;

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("micronaut.server.max-request-size", MAX_REQUEST,
                "micronaut.server.multipart.max-file-size", MAX_REQUEST);
    }

    @BeforeAll
    void aTenantWithOneOfEverything() {
        String tenant = newTenant();
        String username = unique("hostile-manager");
        assertThat(admin.put("/api/v3.1/users", Map.of("username", username, "password", "pw-" + username,
                "role", "default")).status()).isEqualTo(201);
        assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant,
                "role", "manager")).status()).isEqualTo(200);
        manager = server.api().basic(username, "pw-" + username).tenant(tenant);
        expect(manager.send("PUT", "/api/v3.1/blueprints/bp", "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8)), 201);
        expect(manager.put("/api/v3.1/deployments/dep", Map.of("blueprint_id", "bp")), 201);
        expect(manager.put("/api/v3.1/secrets/" + CloudifyCases.FIXTURE_SECRET, Map.of("value", "fixture")), 200);
        expect(manager.put("/api/v3.1/sites/" + CloudifyCases.FIXTURE_SITE, Map.of("location", "1,2")), 200);
        String execution = runToTheEnd();
        String instance = (String) manager.get("/api/v3.1/node-instances?deployment_id=dep").items().get(0).get("id");
        String token = (String) expect(manager.post("/api/v3.1/tokens", Map.of("description", "fixture")), 200)
                .json().get("id");
        String process = unique("hostile-proc");
        expect(manager.send("POST", "/ogcapi/processes", OgcCases.PACKAGE,
                CaseTable.json(OgcCases.processPackage(process))), 201);
        Api.Response job = expect(manager.with("Prefer", "respond-async").post("/ogcapi/processes/echo/execution",
                Map.of("inputs", Map.of("a", "x"))), 201);
        String jobId = (String) job.json().get("jobID");
        Await.until("job " + jobId + " successful", Duration.ofSeconds(30),
                () -> manager.get("/ogcapi/jobs/" + jobId).json(), s -> "successful".equals(s.get("status")));
        fixture = new HostileFixture(tenant, username, "bp", ONE_TASK, "dep", execution, instance, token, process,
                jobId);
        before = observableState();
        // Built once: the archive bombs take seconds to compress.
        cases = HostileInputCases.all(fixture);
    }

    @TestFactory
    Stream<DynamicNode> every_hostile_request_gets_its_exact_answer_and_changes_nothing() {
        System.out.println("Hostile-input suite: " + cases.size() + " cases over "
                + HostileInputCases.byRoute(cases).size() + " routes");
        List<DynamicNode> nodes = new ArrayList<>();
        HostileInputCases.byRoute(cases).forEach((route, ofRoute) -> nodes.add(dynamicContainer(route,
                ofRoute.stream().map(c -> dynamicTest(c.toString(), () -> check(c))))));
        nodes.add(dynamicTest("afterwards nothing observable has changed",
                () -> assertThat(observableState()).isEqualTo(before)));
        nodes.add(dynamicTest("afterwards the server still runs an execution to its end", this::runToTheEnd));
        return nodes.stream();
    }

    @Test
    void every_route_the_server_serves_has_hostile_cases() {
        Set<String> served = new TreeSet<>();
        server.context().getBean(Router.class).uriRoutes().forEach(route -> {
            String method = route.getHttpMethod().name();
            // Micronaut adds a HEAD route beside every GET by itself.
            if (!method.equals("HEAD") && !method.equals("OPTIONS")) {
                served.add(normalize(method + " " + route.getUriMatchTemplate()));
            }
        });
        Set<String> covered = new TreeSet<>();
        cases.forEach(c -> covered.add(normalize(c.route())));
        assertThat(covered).as("routes with hostile cases").containsAll(served);
    }

    private void check(HostileCase c) throws Exception {
        Api api = c.caller() == Caller.ADMIN ? admin : manager;
        for (Map.Entry<String, String> header : c.headers().entrySet()) {
            api = api.with(header.getKey(), header.getValue());
        }
        Api.Response response;
        try {
            if (!isUri(c.path())) {
                response = RawRequest.send(serverUri(), c.method(), c.path(), credentials(c), tenant(c), mapper());
            } else if (c.path().length() > URI_LINE_LIMIT) {
                response = sendAlone(c);
            } else {
                response = api.send(c.method(), c.path(), c.contentType(), c.body());
            }
        } catch (UncheckedIOException e) {
            fail(c.name() + ": the connection failed instead of an answer: " + e.getCause());
            return;
        }
        Expected expected = c.expected();
        String shown = abbreviate(response.body());
        assertThat(response.status()).as(c.name() + " → " + shown).isEqualTo(expected.status());
        assertThat(response.body()).as(c.name() + ": no stack trace").doesNotContain("\tat ")
                .doesNotContain("Exception").doesNotContain("io.steward.");
        if (expected.code() != null) {
            Map<String, Object> body = response.json();
            boolean ogc = c.path().startsWith("/ogcapi");
            String message;
            if (ogc) {
                assertThat(response.headers().get("content-type").get(0)).as(c.name()).startsWith("application/");
                assertThat(body).as(c.name() + " → " + shown).containsEntry("type", expected.code())
                        .containsEntry("status", expected.status());
                message = String.valueOf(body.get("detail"));
            } else if (c.path().startsWith("/apex")) {
                assertThat(body).as(c.name() + " → " + shown).containsEntry("status", "error")
                        .containsEntry("error_code", expected.code()).containsKey("request_id");
                message = String.valueOf(body.get("message"));
            } else {
                assertThat(body).as(c.name() + " → " + shown).containsEntry("error_code", expected.code())
                        .containsEntry("server_traceback", null).containsKey("message");
                message = String.valueOf(body.get("message"));
            }
            if (expected.mentions() != null) {
                assertThat(message).as(c.name() + ": the message names the field")
                        .contains(expected.mentions());
            }
        }
        if (expected.empty()) {
            Map<String, Object> body = response.json();
            Object items = body.containsKey("items") ? body.get("items") : body.get("jobs");
            assertThat((List<?>) items).as(c.name() + " → " + shown).isEmpty();
        }
    }

    /**
     * A request the server answers and then closes the connection of (its request line is over the limit): sent
     * on a connection of its own, so that the shared client does not reuse the closed one for the next case.
     */
    private Api.Response sendAlone(HostileCase c) throws java.io.IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serverUri() + c.path()))
                .method(c.method(), HttpRequest.BodyPublishers.noBody())
                .header("Authorization", credentials(c)).header("Tenant", tenant(c)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString());
        return new Api.Response(response.statusCode(), response.body(), response.headers().map(), mapper());
    }

    private String credentials(HostileCase c) {
        String pair = c.caller() == Caller.ADMIN ? "admin:" + StewardServer.ADMIN_PASSWORD
                : fixture.manager() + ":pw-" + fixture.manager();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private String tenant(HostileCase c) {
        return c.caller() == Caller.ADMIN ? "default_tenant" : fixture.tenant();
    }

    private URI serverUri() {
        return server.context().getBean(EmbeddedServer.class).getURI();
    }

    private JsonMapper mapper() {
        return server.context().getBean(JsonMapper.class);
    }

    private static boolean isUri(String path) {
        try {
            URI.create(path);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What the tenant (and the administrator) can see: ids and states of everything, event and token counts. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> observableState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("blueprints", ids(manager, "/api/v3.1/blueprints?_include=id,visibility"));
        state.put("deployments", ids(manager, "/api/v3.1/deployments?_include=id,display_name,visibility"));
        state.put("executions", ids(manager, "/api/v3.1/executions?_include=id,status,error"));
        state.put("node instances", ids(manager, "/api/v3.1/node-instances?_include=id,state,version"));
        state.put("nodes", ids(manager, "/api/v3.1/nodes?_include=id,deployment_id"));
        state.put("events", manager.get("/api/v3.1/events?_size=1").json().get("metadata"));
        state.put("tokens", ids(manager, "/api/v3.1/tokens?_include=id,description,expiration_date"));
        state.put("users", ids(admin, "/api/v3.1/users?_include=id,role,tenants,active"));
        state.put("tenants", ids(admin, "/api/v3.1/tenants?_include=id,users"));
        state.put("processes", manager.get("/ogcapi/processes?limit=10000").json().get("processes"));
        state.put("jobs", ((List<Map<String, Object>>) manager.get("/ogcapi/jobs?limit=10000").json().get("jobs"))
                .stream().map(job -> job.get("jobID") + " " + job.get("status")).toList());
        return state;
    }

    private static List<Map<String, Object>> ids(Api api, String path) {
        return expect(api.get(path), 200).items();
    }

    /** Starts the one-task workflow on the fixture's deployment and waits for it to terminate; returns its id. */
    private String runToTheEnd() {
        String id = (String) expect(manager.post("/api/v3.1/executions", Map.of("deployment_id", "dep",
                "workflow_id", "one_task")), 201).json().get("id");
        Await.until("execution " + id + " terminated", Duration.ofSeconds(30),
                () -> manager.get("/api/v3.1/executions/" + id).json().get("status"), "terminated"::equals);
        return id;
    }

    private static Api.Response expect(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static String normalize(String route) {
        return route.replaceAll("\\{[^}]+}", "{}").toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "…" : body;
    }
}
