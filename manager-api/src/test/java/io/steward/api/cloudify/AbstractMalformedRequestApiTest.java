package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Api;
import io.steward.api.support.Archives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.steward.api.cloudify.AbstractBlueprintApiTest.uploadYaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and hostile requests across every endpoint: each answers a 4xx with Cloudify's error body (never a 5xx,
 * never a stack trace) and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractMalformedRequestApiTest extends ApiTestBase {
    private static final String BIG = "x".repeat(70 * 1024 * 1024);
    private Api user;
    private String snapshot;

    record Case(String name, String method, String path, String contentType, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void aTenantWithOneOfEverything() {
        String tenant = newTenant();
        user = newMember(tenant, "manager");
        assertThat(uploadYaml(user, "bp", Archives.resourceText("blueprints/three-tier.yaml")).status()).isEqualTo(201);
        assertThat(user.put("/api/v3.1/deployments/dep", Map.of("blueprint_id", "bp",
                "inputs", Map.of("db_name", "x"))).status()).isEqualTo(201);
        snapshot = state();
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String[][] jsonEndpoints = {
                {"POST", "/api/v3.1/executions"}, {"PUT", "/api/v3.1/deployments/new-dep"},
                {"PUT", "/api/v3.1/users"}, {"PUT", "/api/v3.1/tenants/users"}, {"PATCH", "/api/v3.1/tenants/users"},
                {"POST", "/api/v3.1/tokens"}, {"POST", "/api/v3.1/events"}, {"POST", "/api/v3.1/executions/x"},
                {"PATCH", "/api/v3.1/executions/x"}, {"DELETE", "/api/v3.1/executions"}};
        for (String[] e : jsonEndpoints) {
            String n = e[0] + " " + e[1];
            cases.add(new Case(n + " broken json", e[0], e[1], "application/json", "{\"a\": "));
            cases.add(new Case(n + " json array", e[0], e[1], "application/json", "[1, 2, 3]"));
            cases.add(new Case(n + " json string", e[0], e[1], "application/json", "\"hello\""));
            cases.add(new Case(n + " nested garbage", e[0], e[1], "application/json", "{\"a\": {\"b\": [}}"));
            cases.add(new Case(n + " wrong content type", e[0], e[1], "text/csv", "a,b"));
            if (!e[1].endsWith("/tokens")) {
                // A token request has no required field, so odd text alone is a valid request there.
                cases.add(new Case(n + " odd unicode", e[0], e[1], "application/json",
                        "{\"deployment_id\": \"\\u0000\\ud800\", \"username\": \"\\u202e\", \"action\": \"\\u0000\"}"));
            }
            cases.add(new Case(n + " numbers for strings", e[0], e[1], "application/json",
                    "{\"deployment_id\": 1, \"workflow_id\": 2, \"username\": 3, \"tenant_name\": 4,"
                            + " \"blueprint_id\": 5, \"status\": 6, \"action\": 7, \"execution_id\": 8,"
                            + " \"description\": 9, \"keep_last\": \"many\"}"));
        }
        cases.add(new Case("start: parameters not an object", "POST", "/api/v3.1/executions", "application/json",
                "{\"deployment_id\": \"dep\", \"workflow_id\": \"install\", \"parameters\": [1]}"));
        cases.add(new Case("start: bool not a bool", "POST", "/api/v3.1/executions", "application/json",
                "{\"deployment_id\": \"dep\", \"workflow_id\": \"install\", \"queue\": \"perhaps\"}"));
        cases.add(new Case("start: wait_after_fail text", "POST", "/api/v3.1/executions", "application/json",
                "{\"deployment_id\": \"dep\", \"workflow_id\": \"install\", \"wait_after_fail\": \"soon\"}"));
        cases.add(new Case("start: scheduled_time garbage", "POST", "/api/v3.1/executions", "application/json",
                "{\"deployment_id\": \"dep\", \"workflow_id\": \"install\", \"scheduled_time\": \"tomorrow\"}"));
        cases.add(new Case("start: unknown workflow", "POST", "/api/v3.1/executions", "application/json",
                "{\"deployment_id\": \"dep\", \"workflow_id\": \"../../etc\"}"));
        cases.add(new Case("start: huge parameter name", "POST", "/api/v3.1/executions", "application/json",
                "{\"deployment_id\": \"dep\", \"workflow_id\": \"install\", \"parameters\": {\"" + "p".repeat(5000)
                        + "\": 1}}"));
        cases.add(new Case("deployment: inputs a list", "PUT", "/api/v3.1/deployments/d2", "application/json",
                "{\"blueprint_id\": \"bp\", \"inputs\": [1]}"));
        cases.add(new Case("deployment: bad visibility", "PUT", "/api/v3.1/deployments/d2", "application/json",
                "{\"blueprint_id\": \"bp\", \"inputs\": {\"db_name\": \"x\"}, \"visibility\": \"everyone\"}"));
        cases.add(new Case("deployment: id with slash-dot", "PUT", "/api/v3.1/deployments/..%2F..%2Fx",
                "application/json", "{\"blueprint_id\": \"bp\", \"inputs\": {\"db_name\": \"x\"}}"));
        cases.add(new Case("deployment: id too long", "PUT", "/api/v3.1/deployments/" + "d".repeat(300),
                "application/json", "{\"blueprint_id\": \"bp\", \"inputs\": {\"db_name\": \"x\"}}"));
        cases.add(new Case("deployment: missing blueprint", "PUT", "/api/v3.1/deployments/d3", "application/json",
                "{\"inputs\": {}}"));
        cases.add(new Case("token: expiration garbage", "POST", "/api/v3.1/tokens", "application/json",
                "{\"expiration_date\": \"never\"}"));
        cases.add(new Case("token: expiration in the past", "POST", "/api/v3.1/tokens", "application/json",
                "{\"expiration_date\": \"2001-01-01T00:00:00Z\"}"));
        cases.add(new Case("events: logs not a list", "POST", "/api/v3.1/events", "application/json",
                "{\"execution_id\": \"nope\", \"logs\": 5}"));
        cases.add(new Case("delete executions: both limits", "DELETE", "/api/v3.1/executions", "application/json",
                "{\"keep_last\": 1, \"to_datetime\": \"2020-01-01T00:00:00\"}"));
        cases.add(new Case("delete executions: negative keep", "DELETE", "/api/v3.1/executions", "application/json",
                "{\"keep_last\": -3}"));
        cases.add(new Case("action: unknown", "POST", "/api/v3.1/executions/x", "application/json",
                "{\"action\": \"explode\"}"));
        cases.add(new Case("patch: unknown status", "PATCH", "/api/v3.1/executions/x", "application/json",
                "{\"status\": \"exploded\"}"));
        cases.add(new Case("blueprint: traversal id", "PUT", "/api/v3.1/blueprints/..%2F..%2Fetc", "application/yaml",
                "tosca_definitions_version: cloudify_dsl_1_4\n"));
        cases.add(new Case("blueprint: not yaml", "PUT", "/api/v3.1/blueprints/b2", "application/yaml",
                "{{{{ ::: ]]]"));
        cases.add(new Case("blueprint: yaml bomb", "PUT", "/api/v3.1/blueprints/b3", "application/yaml",
                "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                        + "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"));
        cases.add(new Case("blueprint: script path escapes", "PUT", "/api/v3.1/blueprints/b4", "application/yaml",
                "tosca_definitions_version: cloudify_dsl_1_4\nimports: [cloudify/types/types.yaml]\nnode_templates:\n"
                        + "  n:\n    type: cloudify.nodes.Root\n    interfaces:\n      cloudify.interfaces.lifecycle:\n"
                        + "        create: ../../../../bin/sh\n"));
        cases.add(new Case("blueprint: remote import", "PUT", "/api/v3.1/blueprints/b5", "application/yaml",
                "tosca_definitions_version: cloudify_dsl_1_4\nimports: [http://127.0.0.1:1/evil.yaml]\n"));
        cases.add(new Case("blueprint: huge body", "PUT", "/api/v3.1/blueprints/b6", "application/yaml", BIG));
        for (String list : List.of("blueprints", "deployments", "executions", "node-instances", "nodes", "tenants",
                "events")) {
            String base = "/api/v3.1/" + list;
            cases.add(new Case(list + ": sql in sort", "GET", base + "?_sort=id;DROP%20TABLE%20users", null, null));
            cases.add(new Case(list + ": unknown sort", "GET", base + "?_sort=password_hash", null, null));
            cases.add(new Case(list + ": path in include", "GET", base + "?_include=../../etc", null, null));
            cases.add(new Case(list + ": huge size", "GET", base + "?_size=99999999999999", null, null));
            cases.add(new Case(list + ": negative offset", "GET", base + "?_offset=-1", null, null));
            cases.add(new Case(list + ": unknown filter", "GET", base + "?tenant_id=1%27%20OR%201=1", null, null));
            cases.add(new Case(list + ": bad bool", "GET", base + "?_get_all_results=sometimes", null, null));
        }
        cases.add(new Case("events: bad range", "GET", "/api/v3.1/events?_range=@timestamp,yesterday,", null, null));
        cases.add(new Case("events: range of another field", "GET", "/api/v3.1/events?_range=id,1,2", null, null));
        cases.add(new Case("executions: bad boolean filter", "GET", "/api/v3.1/executions?is_dry_run=maybe", null,
                null));
        cases.add(new Case("executions: bad number filter", "GET", "/api/v3.1/executions?total_operations=many", null,
                null));
        cases.add(new Case("executions: bad time filter", "GET", "/api/v3.1/executions?created_at=noon", null, null));
        cases.add(new Case("unknown route", "GET", "/api/v3.1/nothing-here", null, null));
        cases.add(new Case("unknown version", "GET", "/api/v9/executions", null, null));
        cases.add(new Case("wrong method", "PUT", "/api/v3.1/executions", "application/json", "{}"));
        cases.add(new Case("delete without id", "DELETE", "/api/v3.1/blueprints", null, null));
        cases.add(new Case("missing execution", "GET", "/api/v3.1/executions/%00%00", null, null));
        cases.add(new Case("missing node instance", "GET", "/api/v3.1/node-instances/..%2F..", null, null));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answers_a_4xx_in_cloudifys_format_and_changes_nothing(Case c) {
        var response = user.send(c.method(), c.path(), c.contentType(),
                c.body() == null ? null : c.body().getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(c.name() + " → " + abbreviate(response.body())).isBetween(400, 499);
        if (response.status() != 404 || !c.path().contains("/api/v9")) {
            assertThat(response.json()).as(c.name()).containsKeys("message", "error_code")
                    .containsEntry("server_traceback", null);
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(state()).as("nothing changed after " + c.name()).isEqualTo(snapshot);
    }

    private String state() {
        return List.of("blueprints", "deployments", "executions", "node-instances", "users", "tenants").stream()
                .map(list -> list + "=" + (list.equals("users") || list.equals("tenants") ? admin : user)
                        .get("/api/v3.1/" + list + "?_include=id&_sort=id").body())
                .reduce("", String::concat);
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
