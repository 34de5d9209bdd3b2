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
 * The manager API's routes and the exact answer to each hostile request, from Cloudify's rules
 * ({@code /work/shared/api/cloudify-rest-v3.md} §1c): a wrong value is 400 {@code bad_parameters_error} naming the
 * field, an unknown {@code _include} key 400 {@code no_such_include_field_error}, a missing target 404
 * {@code not_found_error}, a body that is not JSON 415 {@code unsupported_content_type_error}.
 */
final class CloudifyCases {
    static final Expected BAD = Expected.error(400, "bad_parameters_error");
    static final Expected NOT_FOUND = Expected.error(404, "not_found_error");
    static final Expected CONFLICT = Expected.error(409, "conflict_error");
    static final Expected FORBIDDEN = Expected.error(403, "forbidden_error");
    static final Expected NOT_ALLOWED = Expected.error(405, "method_not_allowed_error");
    static final Expected INVALID_BLUEPRINT = Expected.error(400, "invalid_blueprint_error");
    static final Codes CODES = new Codes(BAD, NOT_FOUND, Expected.error(415, "unsupported_content_type_error"),
            Expected.error(413, "payload_too_large_error"));
    /** The secret the fixture's manager made (see AbstractHostileInputApiTest). */
    static final String FIXTURE_SECRET = "fixture-secret";
    /** The site the fixture's manager made, at 1,2. */
    static final String FIXTURE_SITE = "fixture-site";
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final CaseTable table;
    private final HostileFixture fixture;
    private final String prefix;

    private CloudifyCases(CaseTable table, HostileFixture fixture, String prefix) {
        this.table = table;
        this.fixture = fixture;
        this.prefix = prefix;
    }

    /** The cases of every route under {@code prefix} ({@code /api/v3} or {@code /api/v3.1}). */
    static void addTo(CaseTable table, HostileFixture fixture, String prefix) {
        CloudifyCases cases = new CloudifyCases(table, fixture, prefix);
        cases.blueprints();
        cases.deployments();
        cases.executions();
        cases.groups();
        cases.events();
        cases.tenants();
        cases.tokens();
        cases.secrets();
        cases.users();
        cases.config();
        cases.manager();
        cases.summaries();
        cases.operations();
        cases.schedules();
        cases.sites();
        cases.unknownRoutes();
    }

    private CaseTable route(String method, String template) {
        return route(method, template, Caller.MANAGER);
    }

    private CaseTable route(String method, String template, Caller caller) {
        return table.route(method, prefix + template, caller);
    }

    private void blueprints() {
        String list = prefix + "/blueprints";
        route("GET", "/blueprints");
        QueryCases.cloudifyList(table, list, "id", true);
        wrongMethods(list, "GET");
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("_filter_id " + name, "GET",
                list + "?_filter_id=" + encode(value), NOT_FOUND));

        route("PUT", "/blueprints/{id}");
        byte[] yaml = fixture.blueprintYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        table.add("labels without a value", "PUT", list + "/" + table.fresh("bp") + "?labels=novalue",
                "application/yaml", yaml, BAD.mentioning("labels"));
        table.add("labels reserved key", "PUT", list + "/" + table.fresh("bp") + "?labels=" + encode("csys-x=v"),
                "application/yaml", yaml, BAD.mentioning("csys-"));
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("label key " + name, "PUT",
                list + "/" + table.fresh("bp") + "?labels=" + encode(value.replace("=", "") + "=v"),
                "application/yaml", yaml, BAD));
        pathIds(BAD.mentioning("blueprint_id"), (name, segment, answer) ->
                table.add("id " + name, "PUT", list + "/" + segment, "application/yaml", yaml,
                answer));
        table.add("existing id", "PUT", list + "/" + fixture.blueprint(), "application/yaml", yaml, CONFLICT);
        String fresh = list + "/" + table.fresh("bp");
        table.add("empty body", "PUT", fresh, "application/yaml", "", BAD);
        BlueprintCases.yamlBodies(table, list, fixture.blueprintYaml());
        BlueprintCases.archives(table, list, fixture.blueprintYaml());
        for (String type : List.of("text/csv", "application/json", "application/xml", "image/png",
                "application/x-www-form-urlencoded")) {
            table.add("content type " + type, "PUT", list + "/" + table.fresh("bp"), type, yaml,
                    CODES.unsupportedType());
        }
        table.add("oversized body", "PUT", list + "/" + table.fresh("bp"), "application/yaml",
                new byte[BodyCases.OVERSIZED_BODY], CODES.tooLarge());
        for (Map.Entry<String, String> bad : Map.of("everyone", "everyone", "sql quote", "' OR 1=1 --", "empty", "")
                .entrySet()) {
            table.add("visibility " + bad.getKey(), "PUT", list + "/" + table.fresh("bp") + "?visibility="
                    + encode(bad.getValue()), "application/yaml", yaml, BAD.mentioning("visibility"));
        }
        HostileValues.TRAVERSALS.forEach((name, value) -> table.add("application_file_name " + name, "PUT",
                list + "/" + table.fresh("bp") + "?application_file_name=" + encode(value), "application/yaml", yaml,
                INVALID_BLUEPRINT));
        wrongMethods(list + "/no-such-blueprint", "GET", "PUT", "PATCH", "DELETE");

        route("GET", "/blueprints/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "GET", list + "/" + segment, answer));
        QueryCases.cloudifyInclude(table, list + "/" + fixture.blueprint());
        rawTraversal("GET", list);

        route("DELETE", "/blueprints/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "DELETE", list + "/" + segment, answer));
        table.add("blueprint in use", "DELETE", list + "/" + fixture.blueprint(),
                Expected.error(400, "dependent_exists_error"));
        rawTraversal("DELETE", list);
        blueprintActions(list, yaml);
    }

    /** Validate, archive download, set-visibility and update of a blueprint. */
    private void blueprintActions(String list, byte[] yaml) {
        route("PUT", "/blueprints/{id}/validate");
        byte[] archive = io.steward.api.support.Archives.create().file("bp/blueprint.yaml", fixture.blueprintYaml())
                .tarGz();
        String params = "{\"visibility\":\"tenant\",\"application_file_name\":\"blueprint.yaml\"}";
        pathIds(BAD.mentioning("blueprint_id"), (name, segment, answer) -> table.add("id " + name, "PUT",
                list + "/" + segment + "/validate", io.steward.api.support.Multipart.CONTENT_TYPE,
                io.steward.api.support.Multipart.blueprintUpload(params, archive), answer));
        table.add("existing id", "PUT", list + "/" + fixture.blueprint() + "/validate",
                io.steward.api.support.Multipart.CONTENT_TYPE,
                io.steward.api.support.Multipart.blueprintUpload(params, archive), CONFLICT);
        Map<String, Expected> badParams = new LinkedHashMap<>();
        badParams.put("not json", BAD.mentioning("params"));
        badParams.put("{\"visibility\": \"everyone\"}", BAD.mentioning("visibility"));
        badParams.put("{\"blueprint_archive_url\": \"http://127.0.0.1:1/evil.tar.gz\"}",
                BAD.mentioning("blueprint_archive_url"));
        badParams.put("{\"application_file_name\": \"%zz\"}", BAD.mentioning("application_file_name"));
        badParams.forEach((json, expected) -> table.add("params " + json, "PUT",
                list + "/" + table.fresh("bp") + "/validate", io.steward.api.support.Multipart.CONTENT_TYPE,
                io.steward.api.support.Multipart.blueprintUpload(json, archive), expected));
        table.add("without an archive", "PUT", list + "/" + table.fresh("bp") + "/validate",
                io.steward.api.support.Multipart.CONTENT_TYPE,
                io.steward.api.support.Multipart.blueprintUpload(params, new byte[0]),
                BAD.mentioning("blueprint_archive"));
        table.add("garbage archive", "PUT", list + "/" + table.fresh("bp") + "/validate",
                io.steward.api.support.Multipart.CONTENT_TYPE, io.steward.api.support.Multipart.blueprintUpload(
                        params, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0}), INVALID_BLUEPRINT);
        table.add("tar entry with dot dot", "PUT", list + "/" + table.fresh("bp") + "/validate",
                io.steward.api.support.Multipart.CONTENT_TYPE, io.steward.api.support.Multipart.blueprintUpload(
                        params, io.steward.api.support.Archives.create().file("bp/blueprint.yaml",
                                fixture.blueprintYaml()).file("bp/../../evil.sh", "x").tarGz()),
                INVALID_BLUEPRINT);
        table.add("a yaml body", "PUT", list + "/" + table.fresh("bp") + "/validate", "application/yaml", yaml,
                CODES.unsupportedType());
        wrongMethods(list + "/no-such-blueprint/validate", "PUT");

        route("GET", "/blueprints/{id}/archive");
        pathIds(NOT_FOUND, (name, segment, answer) ->
                table.add("id " + name, "GET", list + "/" + segment + "/archive", answer));
        table.add("raw traversal", "GET", list + "/../../../etc/passwd/archive", NOT_FOUND);
        wrongMethods(list + "/no-such-blueprint/archive", "GET");

        route("PATCH", "/blueprints/{id}/set-visibility");
        String setVisibility = list + "/" + fixture.blueprint() + "/set-visibility";
        Map<String, Object> tenantWide = Map.of("visibility", "tenant");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "PATCH",
                list + "/" + segment + "/set-visibility", JSON, json(tenantWide), answer));
        BodyCases.fields(table, "PATCH", () -> setVisibility, JSON, tenantWide, List.of(
                Field.of("visibility", Kind.CHOICE).required(BAD.mentioning("visibility"))), CODES);
        table.add("visibility private", "PATCH", setVisibility, JSON, json(Map.of("visibility", "private")),
                BAD.mentioning("private"));
        BodyCases.shapes(table, "PATCH", () -> setVisibility, true, CODES);
        wrongMethods(list + "/no-such-blueprint/set-visibility", "PATCH");

        route("PATCH", "/blueprints/{id}");
        String update = list + "/" + fixture.blueprint();
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "PATCH", list + "/" + segment, JSON,
                json(Map.of("description", "d")), answer));
        BodyCases.fields(table, "PATCH", () -> update, JSON, Map.of("description", "d"), List.of(
                Field.of("description", Kind.TEXT).unboundedText()), CODES);
        Expected illegal = Expected.error(400, "illegal_action_error");
        table.add("empty object", "PATCH", update, JSON, "{}", illegal);
        for (String key : List.of("state", "plan", "labels", "creator", "' OR 1=1 --", "__proto__")) {
            table.add("key " + key, "PATCH", update, JSON, json(Map.of(key, "x")), BAD.mentioning(key));
        }
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("label key " + name, "PATCH", update, JSON,
                json(Map.of("labels", List.of(Map.of(value, "v")))), BAD));
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("label value " + name, "PATCH", update,
                JSON, json(Map.of("labels", List.of(Map.of("k", value)))),
                value.contains("\"") || value.chars().anyMatch(Character::isISOControl) ? BAD : Expected.ok()));
        table.add("labels a map", "PATCH", update, JSON, json(Map.of("labels", Map.of("k", "v"))),
                BAD.mentioning("labels"));
        BodyCases.shapes(table, "PATCH", () -> update, false, CODES);
        table.add("json null", "PATCH", update, JSON, "null", illegal);
        rawTraversal("PATCH", list);
    }

    private void deployments() {
        String list = prefix + "/deployments";
        route("GET", "/deployments");
        QueryCases.cloudifyList(table, list, "id", true);
        wrongMethods(list, "GET");

        route("PUT", "/deployments/{id}");
        Map<String, Object> base = Map.of("blueprint_id", fixture.blueprint());
        pathIds(BAD.mentioning("deployment_id"), (name, segment, answer) ->
                table.add("id " + name, "PUT", list + "/" + segment, JSON, json(base),
                answer));
        table.add("existing id", "PUT", list + "/" + fixture.deployment(), JSON, json(base), CONFLICT);
        BodyCases.fields(table, "PUT", () -> list + "/" + table.fresh("dep"), JSON, base, List.of(
                Field.of("blueprint_id", Kind.REFERENCE).required(BAD.mentioning("blueprint_id")),
                Field.of("inputs", Kind.OBJECT),
                Field.of("visibility", Kind.CHOICE),
                Field.of("display_name", Kind.TEXT)), CODES);
        table.add("undeclared input", "PUT", list + "/" + table.fresh("dep"), JSON,
                json(Map.of("blueprint_id", fixture.blueprint(), "inputs", Map.of("' OR 1=1 --", 1))),
                Expected.error(400, "unknown_deployment_input_error"));
        table.add("visibility everyone", "PUT", list + "/" + table.fresh("dep"), JSON,
                json(Map.of("blueprint_id", fixture.blueprint(), "visibility", "everyone")),
                BAD.mentioning("visibility"));
        BodyCases.shapes(table, "PUT", () -> list + "/" + table.fresh("dep"), true, CODES);
        wrongMethods(list + "/no-such-deployment", "GET", "PUT", "PATCH", "DELETE");
        table.add("labels a map", "PUT", list + "/" + table.fresh("dep"), JSON,
                json(Map.of("blueprint_id", fixture.blueprint(), "labels", Map.of("k", "v"))), BAD.mentioning("labels"));
        table.add("reserved label key", "PUT", list + "/" + table.fresh("dep"), JSON,
                json(Map.of("blueprint_id", fixture.blueprint(), "labels", List.of(Map.of("csys-x", "v")))),
                BAD.mentioning("csys-"));
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("label key " + name, "PUT",
                list + "/" + table.fresh("dep"), JSON, json(Map.of("blueprint_id", fixture.blueprint(),
                        "labels", List.of(Map.of(value, "v")))), BAD));

        route("PATCH", "/deployments/{id}");
        Map<String, Object> relabel = Map.of("labels", List.of(Map.of("hostile", "case")));
        pathIds(NOT_FOUND, (name, segment, answer) ->
                table.add("id " + name, "PATCH", list + "/" + segment, JSON, json(relabel), answer));
        String deployment = list + "/" + fixture.deployment();
        BodyCases.fields(table, "PATCH", () -> deployment, JSON, relabel, List.of(
                Field.of("labels", Kind.LIST),
                Field.of("display_name", Kind.TEXT)), CODES);
        table.add("empty object is no update", "PATCH", deployment, JSON, "{}",
                Expected.error(400, "illegal_action_error"));
        table.add("blueprint_id", "PATCH", deployment, JSON, json(Map.of("blueprint_id", "x")),
                BAD.mentioning("blueprint_id"));
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("label value " + name, "PATCH", deployment,
                JSON, json(Map.of("labels", List.of(Map.of("k", value)))),
                value.contains("\"") || value.chars().anyMatch(Character::isISOControl) ? BAD : Expected.ok()));
        BodyCases.shapes(table, "PATCH", () -> deployment, false, CODES);

        route("GET", "/deployments/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "GET", list + "/" + segment, answer));
        QueryCases.cloudifyInclude(table, list + "/" + fixture.deployment());
        rawTraversal("GET", list);

        for (String part : List.of("outputs", "capabilities")) {
            route("GET", "/deployments/{id}/" + part);
            pathIds(NOT_FOUND, (name, segment, answer) ->
                    table.add("id " + name, "GET", list + "/" + segment + "/" + part, answer));
            wrongMethods(list + "/" + fixture.deployment() + "/" + part, "GET");
        }

        route("PATCH", "/deployments/{id}/set-visibility");
        Map<String, Object> widen = Map.of("visibility", "tenant");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("set-visibility id " + name, "PATCH",
                list + "/" + segment + "/set-visibility", JSON, json(widen), answer));
        String setVisibility = list + "/" + fixture.deployment() + "/set-visibility";
        BodyCases.fields(table, "PATCH", () -> setVisibility, JSON, widen, List.of(
                Field.of("visibility", Kind.CHOICE).required(BAD.mentioning("visibility"))), CODES);
        table.add("set-visibility private", "PATCH", setVisibility, JSON, json(Map.of("visibility", "private")),
                BAD.mentioning("private"));
        BodyCases.shapes(table, "PATCH", () -> setVisibility, true, CODES);
        wrongMethods(setVisibility, "PATCH");

        String evaluate = prefix + "/evaluate/functions";
        route("POST", "/evaluate/functions");
        BodyCases.fields(table, "POST", () -> evaluate, JSON, Map.of("deployment_id", fixture.deployment(),
                "context", Map.of(), "payload", Map.of("a", 1)), List.of(
                Field.of("deployment_id", Kind.REFERENCE).required(BAD.mentioning("deployment_id")),
                Field.of("context", Kind.OBJECT),
                Field.of("payload", Kind.OBJECT).required(BAD.mentioning("payload"))), CODES);
        table.add("malformed function", "POST", evaluate, JSON, json(Map.of("deployment_id", fixture.deployment(),
                "payload", Map.of("a", Map.of("get_attribute", "' OR 1=1 --")))),
                Expected.error(400, "functions_evaluation_error"));
        table.add("SELF without context", "POST", evaluate, JSON, json(Map.of("deployment_id", fixture.deployment(),
                "payload", Map.of("a", Map.of("get_attribute", List.of("SELF", "x"))))),
                Expected.error(400, "functions_evaluation_error"));
        BodyCases.shapes(table, "POST", () -> evaluate, true, CODES);
        wrongMethods(evaluate, "POST");

        route("DELETE", "/deployments/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "DELETE", list + "/" + segment, answer));
        table.add("force sometimes", "DELETE", list + "/" + fixture.deployment() + "?force=sometimes",
                BAD.mentioning("force"));
        table.add("delete_logs sometimes", "DELETE", list + "/" + fixture.deployment() + "?delete_logs=sometimes",
                BAD.mentioning("delete_logs"));
        table.add("recursive injection", "DELETE", list + "/" + fixture.deployment() + "?recursive="
                + encode("' OR 1=1 --"), BAD.mentioning("recursive"));

        for (String kind : List.of("deployments", "blueprints")) {
            String labels = prefix + "/labels/" + kind;
            route("GET", "/labels/{kind}");
            table.add("labels of " + kind, "GET", labels, Expected.ok());
            HostileValues.INJECTIONS.forEach((name, value) -> table.add(kind + " label _search " + name, "GET",
                    labels + "?_search=" + encode(value), Expected.emptyList()));
            table.add(kind + " label keys unknown parameter", "GET", labels + "?colour=red", BAD.mentioning("colour"));
            table.add(kind + " label keys _size negative", "GET", labels + "?_size=-1", BAD.mentioning("_size"));
            table.add(kind + " label keys _reserved sometimes", "GET", labels + "?_reserved=sometimes",
                    BAD.mentioning("_reserved"));
            wrongMethods(labels, "GET");

            route("GET", "/labels/{kind}/{key}");
            pathIds(Expected.emptyList(), (name, segment, answer) ->
                    table.add(kind + " label key " + name, "GET", labels + "/" + segment, answer));
            wrongMethods(labels + "/some-key", "GET");
        }
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("label kind " + name, "GET",
                prefix + "/labels/" + segment, answer));

        filtersAndSearches();

        route("GET", "/nodes");
        QueryCases.cloudifyList(table, prefix + "/nodes", "id", true);
        wrongMethods(prefix + "/nodes", "GET");

        String instances = prefix + "/node-instances";
        route("GET", "/node-instances");
        QueryCases.cloudifyList(table, instances, "id", true);
        wrongMethods(instances, "GET");

        route("GET", "/node-instances/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) ->
                table.add("id " + name, "GET", instances + "/" + segment, answer));
        QueryCases.cloudifyInclude(table, instances + "/" + fixture.nodeInstance());
        rawTraversal("GET", instances);
        wrongMethods(instances + "/no-such-instance", "GET", "PATCH");

        route("PATCH", "/node-instances/{id}");
        // A version far ahead of the stored one: the cases never conflict, whatever ran before them.
        Map<String, Object> update = Map.of("version", 1_000_000);
        pathIds(NOT_FOUND, (name, segment, answer) ->
                table.add("id " + name, "PATCH", instances + "/" + segment, JSON, json(update), answer));
        String instance = instances + "/" + fixture.nodeInstance();
        BodyCases.fields(table, "PATCH", () -> instance, JSON, update, List.of(
                Field.of("version", Kind.INT).required(BAD.mentioning("version")),
                Field.of("runtime_properties", Kind.OBJECT),
                Field.of("state", Kind.TEXT)), CODES);
        table.add("negative version", "PATCH", instance, JSON, json(Map.of("version", -1)), BAD.mentioning("version"));
        table.add("stale version", "PATCH", instance, JSON, json(Map.of("version", 0, "state", "x")), CONFLICT);
        table.add("relationships", "PATCH", instance, JSON, json(Map.of("version", 1_000_000,
                "relationships", List.of())), BAD.mentioning("relationships"));
        table.add("force sometimes", "PATCH", instance + "?force=sometimes", JSON, json(update),
                BAD.mentioning("force"));
        BodyCases.shapes(table, "PATCH", () -> instance, true, CODES);
    }

    private void filtersAndSearches() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("key", "env");
        rule.put("values", List.of("prod"));
        rule.put("operator", "any_of");
        rule.put("type", "label");
        Expected invalidRule = Expected.error(400, "invalid_filter_rule");
        List<Object> wrongRules = List.of("env=prod", List.of("env"), List.of(BodyCases.with(rule, "operator",
                "' OR 1=1 --")), List.of(BodyCases.with(rule, "type", "sql")), List.of(BodyCases.with(rule, "values",
                List.of(7))), List.of(BodyCases.with(rule, "extra", 1)), List.of(BodyCases.with(rule, "key", 7)),
                List.of(BodyCases.with(rule, "key", HostileValues.NUL)), List.of(BodyCases.with(BodyCases.with(rule,
                "type", "attribute"), "key", "' OR 1=1 --")));
        for (String kind : List.of("deployments", "blueprints")) {
            String filters = prefix + "/filters/" + kind;
            route("GET", "/filters/{kind}");
            QueryCases.cloudifyList(table, filters, "id", true);
            wrongMethods(filters, "GET");

            route("PUT", "/filters/{kind}/{id}");
            Map<String, Object> create = Map.of("filter_rules", List.of(rule));
            pathIds(BAD, (name, segment, answer) -> table.add(kind + " filter id " + name, "PUT",
                    filters + "/" + segment, JSON, json(create), answer));
            BodyCases.fields(table, "PUT", () -> filters + "/" + table.fresh("f"), JSON, create, List.of(
                    Field.of("filter_rules", Kind.LIST).required(BAD.mentioning("filter_rules"))),
                    new Codes(invalidRule, CODES.notFound(), CODES.unsupportedType(), CODES.tooLarge()));
            BodyCases.fields(table, "PUT", () -> filters + "/" + table.fresh("f"), JSON, create, List.of(
                    Field.of("visibility", Kind.CHOICE)), CODES);
            wrongRules.forEach(wrong -> table.add(kind + " filter rule " + wrong, "PUT",
                    filters + "/" + table.fresh("f"), JSON, json(Map.of("filter_rules", wrong)), invalidRule));
            table.add(kind + " reserved filter id", "PUT", filters + "/csys-" + table.fresh("f"), JSON, json(create),
                    BAD.mentioning("csys-"));
            BodyCases.shapes(table, "PUT", () -> filters + "/" + table.fresh("f"), true, CODES);

            for (String method : List.of("GET", "PATCH", "DELETE")) {
                route(method, "/filters/{kind}/{id}");
                boolean body = method.equals("PATCH");
                pathIds(NOT_FOUND, (name, segment, answer) -> table.add(kind + " filter " + method + " id " + name,
                        method, filters + "/" + segment, body ? JSON : null, body ? json(create) : null, answer));
            }
            wrongMethods(filters + "/no-such-filter", "GET", "PUT", "PATCH", "DELETE");

            String search = prefix + "/searches/" + kind;
            route("POST", "/searches/" + kind);
            wrongRules.forEach(wrong -> table.add(kind + " search rule " + wrong, "POST", search, JSON,
                    json(Map.of("filter_rules", wrong)), invalidRule));
            HostileValues.INJECTIONS.forEach((name, value) -> table.add(kind + " search value " + name, "POST",
                    search, JSON, json(Map.of("filter_rules", List.of(BodyCases.with(BodyCases.with(rule, "type",
                            "attribute"), "values", List.of(value))).stream().map(r -> BodyCases.with(r, "key", "id"))
                            .toList())), Expected.emptyList()));
            table.add(kind + " search unknown _filter_id", "POST", search + "?_filter_id=no-such", JSON, "{}",
                    NOT_FOUND);
            table.add(kind + " search _sort injection", "POST", search + "?_sort=" + encode("id; DROP TABLE x"), JSON,
                    "{}", BAD.mentioning("_sort"));
            table.add(kind + " search constraints", "POST", search, JSON, json(Map.of("constraints", Map.of())), BAD);
            wrongMethods(search, "POST");
        }
        String instanceSearch = prefix + "/searches/node-instances";
        route("POST", "/searches/node-instances");
        wrongRules.forEach(wrong -> table.add("node-instances search rule " + wrong, "POST", instanceSearch, JSON,
                json(Map.of("filter_rules", wrong)), invalidRule));
        table.add("node-instances search label rule", "POST", instanceSearch, JSON,
                json(Map.of("filter_rules", List.of(rule))), invalidRule);
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("node-instances search id " + name, "POST",
                instanceSearch, JSON, json(Map.of("filter_rules", List.of(BodyCases.with(BodyCases.with(BodyCases.with(
                        rule, "type", "attribute"), "key", "id"), "values", List.of(value))))), Expected.emptyList()));
        wrongMethods(instanceSearch, "POST");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("filter kind " + name, "GET",
                prefix + "/filters/" + segment, answer));
    }

    private void executions() {
        String list = prefix + "/executions";
        route("GET", "/executions");
        QueryCases.cloudifyList(table, list, "id", true);
        table.add("_include_system_workflows sometimes", "GET", list + "?_include_system_workflows=sometimes",
                BAD.mentioning("_include_system_workflows"));
        table.add("boolean filter not a boolean", "GET", list + "?is_dry_run=maybe", BAD.mentioning("is_dry_run"));
        table.add("number filter not a number", "GET", list + "?total_operations=many",
                BAD.mentioning("total_operations"));
        table.add("time filter not a time", "GET", list + "?created_at=noon", BAD.mentioning("created_at"));
        table.add("status filter injection", "GET", list + "?status=" + encode("' OR 1=1 --"), Expected.emptyList());
        wrongMethods(list, prefix.endsWith("3.1") ? new String[] {"GET", "POST", "DELETE"}
                : new String[] {"GET", "POST"});

        route("POST", "/executions");
        Map<String, Object> start = Map.of("deployment_id", fixture.deployment(), "workflow_id", "one_task");
        Expected noWorkflow = Expected.error(400, "nonexistent_workflow_error");
        BodyCases.fields(table, "POST", () -> list, JSON, start, List.of(
                Field.of("deployment_id", Kind.REFERENCE).required(BAD.mentioning("deployment_id"))
                        .whenEmpty(BAD.mentioning("deployment_id")),
                Field.of("workflow_id", Kind.REFERENCE).required(BAD.mentioning("workflow_id"))
                        .whenUnknown(noWorkflow),
                Field.of("parameters", Kind.OBJECT),
                Field.of("allow_custom_parameters", Kind.BOOL),
                Field.of("force", Kind.BOOL),
                Field.of("dry_run", Kind.BOOL),
                Field.of("queue", Kind.BOOL),
                Field.of("scheduled_time", Kind.DATE_TIME),
                Field.of("wait_after_fail", Kind.INT),
                Field.of("force_status", Kind.TEXT)), CODES);
        table.add("undeclared parameter", "POST", list, JSON, json(BodyCases.with(start, "parameters",
                Map.of("${jndi:ldap://127.0.0.1:1/x}", 1))), Expected.error(400, "illegal_execution_parameters_error"));
        table.add("scheduled in the past", "POST", list, JSON, json(BodyCases.with(start, "scheduled_time",
                "2001-01-01T00:00:00Z")), BAD.mentioning("scheduled_time"));
        table.add("negative wait_after_fail", "POST", list, JSON, json(BodyCases.with(start, "wait_after_fail", -1)),
                BAD.mentioning("wait_after_fail"));
        table.add("force_status given", "POST", list, JSON, json(BodyCases.with(start, "force_status", "terminated")),
                BAD.mentioning("force_status"));
        BodyCases.shapes(table, "POST", () -> list, true, CODES);

        route("GET", "/executions/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "GET", list + "/" + segment, answer));
        QueryCases.cloudifyInclude(table, list + "/" + fixture.execution());
        rawTraversal("GET", list);
        wrongMethods(list + "/no-such-execution", "GET", "POST", "PATCH");

        String ended = list + "/" + fixture.execution();
        route("POST", "/executions/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "POST", list + "/" + segment, JSON,
                json(Map.of("action", "cancel")), answer));
        BodyCases.fields(table, "POST", () -> ended, JSON, Map.of("action", "cancel"), List.of(
                Field.of("action", Kind.CHOICE).required(BAD.mentioning("action"))), CODES);
        table.add("unknown action", "POST", ended, JSON, json(Map.of("action", "explode")), BAD.mentioning("action"));
        table.add("cancel an ended execution", "POST", ended, JSON, json(Map.of("action", "cancel")),
                Expected.error(400, "illegal_action_error"));
        BodyCases.shapes(table, "POST", () -> ended, true, CODES);

        route("PATCH", "/executions/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "PATCH", list + "/" + segment, JSON,
                json(Map.of("status", "failed")), answer));
        BodyCases.fields(table, "PATCH", () -> ended, JSON, Map.of("status", "terminated"), List.of(
                Field.of("status", Kind.CHOICE).required(BAD.mentioning("status")),
                Field.of("error", Kind.TEXT).unboundedText()), CODES);
        table.add("unknown status", "PATCH", ended, JSON, json(Map.of("status", "exploded")),
                BAD.mentioning("status"));
        table.add("restart an ended execution", "PATCH", ended, JSON, json(Map.of("status", "started")),
                Expected.error(400, "invalid_exception_status_update"));
        BodyCases.shapes(table, "PATCH", () -> ended, true, CODES);

        if (prefix.endsWith("3.1")) {
            route("DELETE", "/executions");
            Map<String, Object> keep = Map.of("keep_last", 100);
            BodyCases.fields(table, "DELETE", () -> list, JSON, keep, List.of(Field.of("keep_last", Kind.INT)),
                    CODES);
            BodyCases.fields(table, "DELETE", () -> list, JSON, Map.of("to_datetime", "2000-01-01T00:00:00Z"),
                    List.of(Field.of("to_datetime", Kind.DATE_TIME)), CODES);
            table.add("negative keep_last", "DELETE", list, JSON, json(Map.of("keep_last", -3)),
                    BAD.mentioning("keep_last"));
            table.add("both limits", "DELETE", list, JSON, json(Map.of("keep_last", 1,
                    "to_datetime", "2020-01-01T00:00:00Z")), BAD.mentioning("keep_last"));
            table.add("unknown filter", "DELETE", list + "?" + encode("' OR 1=1 --") + "=1", JSON, json(keep), BAD);
            table.add("_sort injection", "DELETE", list + "?_sort=" + encode("id; DROP TABLE executions"), JSON,
                    json(keep), BAD.mentioning("_sort"));
            BodyCases.shapes(table, "DELETE", () -> list, true, CODES);

            route("GET", "/executions/{id}/should-start");
            pathIds(NOT_FOUND, (name, segment, answer) ->
                    table.add("id " + name, "GET", list + "/" + segment + "/should-start",
                    answer));
            wrongMethods(list + "/no-such-execution/should-start", "GET");
        } else {
            route("GET", "/executions");
            table.add("delete is v3.1 only", "DELETE", list, JSON, json(Map.of("keep_last", 0)), NOT_ALLOWED);
        }
    }

    /** Deployment groups and execution groups (v3.1 only, as in Cloudify). */
    /** {@code /sites} and {@code /deployments/{id}/set-site} (v3.1 only, as in Cloudify). */
    private void sites() {
        String sites = prefix + "/sites";
        String setSite = prefix + "/deployments/" + fixture.deployment() + "/set-site";
        if (!prefix.endsWith("3.1")) {
            table.add("sites are v3.1 only", "GET", sites, NOT_FOUND);
            table.add("set-site is v3.1 only", "POST", setSite, JSON, json(Map.of("detach_site", true)), NOT_FOUND);
            return;
        }
        route("GET", "/sites");
        QueryCases.cloudifyList(table, sites, "name", true);
        table.add("sites filter on location", "GET", sites + "?location=1,2", BAD.mentioning("location"));
        wrongMethods(sites, "GET");

        route("PUT", "/sites/{name}");
        Map<String, Object> create = Map.of("visibility", "tenant", "location", "32.07,34.78");
        pathIds(BAD.mentioning("name"), (name, segment, answer) ->
                table.add("site name " + name, "PUT", sites + "/" + segment, JSON, json(create), answer));
        BodyCases.fields(table, "PUT", () -> sites + "/" + table.fresh("site"), JSON, create, List.of(
                Field.of("visibility", Kind.CHOICE), Field.of("location", Kind.TEXT)), CODES);
        for (String location : List.of("91,0", "0,181", "-90.1,0", "nan,0", "inf,1", "1e3,0", "32.07", "a,b",
                "1,2,3", "0x10,0", ",", "' OR 1=1 --,0", "1;DROP TABLE sites,0")) {
            table.add("site location " + location, "PUT", sites + "/" + table.fresh("site"), JSON,
                    json(Map.of("location", location)), BAD.mentioning("location"));
        }
        table.add("site created_by", "PUT", sites + "/" + table.fresh("site"), JSON,
                json(Map.of("created_by", "admin")), BAD.mentioning("created_by"));
        table.add("existing site", "PUT", sites + "/" + FIXTURE_SITE, JSON, json(create), CONFLICT);
        BodyCases.shapes(table, "PUT", () -> sites + "/" + table.fresh("site"), false, CODES);

        route("GET", "/sites/{name}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("site get " + name, "GET", sites + "/" + segment,
                answer));
        QueryCases.cloudifyInclude(table, sites + "/" + FIXTURE_SITE);
        rawTraversal("GET", sites);
        wrongMethods(sites + "/no-such-site", "GET", "PUT", "POST", "DELETE");

        route("POST", "/sites/{name}");
        String update = sites + "/" + FIXTURE_SITE;
        Map<String, Object> relocate = Map.of("location", "1,2");
        pathIds(BAD.mentioning("name"), (name, segment, answer) -> table.add("site update " + name, "POST",
                sites + "/" + segment, JSON, json(relocate), answer));
        table.add("site update unknown", "POST", sites + "/no-such-site", JSON, json(relocate), NOT_FOUND);
        BodyCases.fields(table, "POST", () -> update, JSON, relocate, List.of(Field.of("location", Kind.TEXT),
                Field.of("visibility", Kind.CHOICE), Field.of("new_name", Kind.NEW_NAME).whenEmpty(Expected.ok())),
                CODES);
        table.add("site narrowed", "POST", update, JSON, json(Map.of("visibility", "private")),
                Expected.error(400, "illegal_action_error"));
        table.add("site bad location", "POST", update, JSON, json(Map.of("location", "1")),
                BAD.mentioning("location"));
        table.add("site unknown key", "POST", update, JSON, json(Map.of("' OR 1=1 --", 1)), BAD);
        BodyCases.shapes(table, "POST", () -> update, false, CODES);

        route("DELETE", "/sites/{name}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("site delete " + name, "DELETE",
                sites + "/" + segment, answer));

        route("POST", "/deployments/{id}/set-site");
        Map<String, Object> detach = Map.of("detach_site", true);
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("set-site id " + name, "POST",
                prefix + "/deployments/" + segment + "/set-site", JSON, json(detach), answer));
        BodyCases.fields(table, "POST", () -> setSite, JSON, Map.of("site_name", FIXTURE_SITE), List.of(
                Field.of("site_name", Kind.NEW_NAME)), CODES);
        table.add("set-site unknown site", "POST", setSite, JSON, json(Map.of("site_name", "no-such-site")),
                NOT_FOUND);
        BodyCases.fields(table, "POST", () -> setSite, JSON, detach, List.of(Field.of("detach_site", Kind.BOOL)),
                CODES);
        table.add("set-site neither", "POST", setSite, JSON, "{}", BAD.mentioning("detach_site"));
        table.add("set-site both", "POST", setSite, JSON, json(Map.of("site_name", FIXTURE_SITE, "detach_site",
                true)), BAD.mentioning("detach_site"));
        table.add("set-site null name", "POST", setSite, JSON, "{\"site_name\": null}", BAD.mentioning("site_name"));
        BodyCases.shapes(table, "POST", () -> setSite, false, CODES);
        wrongMethods(setSite, "POST");

        String deployments = prefix + "/deployments";
        table.add("deployment in unknown site", "PUT", deployments + "/" + table.fresh("dep"), JSON,
                json(Map.of("blueprint_id", fixture.blueprint(), "site_name", "no-such-site")), NOT_FOUND);
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("deployment site_name " + name, "PUT",
                deployments + "/" + table.fresh("dep"), JSON, json(Map.of("blueprint_id", fixture.blueprint(),
                        "site_name", value)), BAD.mentioning("site_name")));
        table.add("deployments by site injection", "GET", deployments + "?site_name=" + encode("' OR 1=1 --"),
                Expected.emptyList());
    }

    private void groups() {
        String groups = prefix + "/deployment-groups";
        String executionGroups = prefix + "/execution-groups";
        if (!prefix.endsWith("3.1")) {
            table.add("deployment groups are v3.1 only", "GET", groups, NOT_FOUND);
            table.add("execution groups are v3.1 only", "GET", executionGroups, NOT_FOUND);
            return;
        }
        route("GET", "/deployment-groups");
        QueryCases.cloudifyList(table, groups, "id", true);
        wrongMethods(groups, "GET");

        route("PUT", "/deployment-groups/{id}");
        Map<String, Object> members = Map.of("deployment_ids", List.of(fixture.deployment()));
        pathIds(BAD.mentioning("group_id"), (name, segment, answer) ->
                table.add("id " + name, "PUT", groups + "/" + segment, JSON, json(members), answer));
        BodyCases.fields(table, "PUT", () -> groups + "/" + table.fresh("group"), JSON, members, List.of(
                Field.of("description", Kind.TEXT).unboundedText(),
                Field.of("visibility", Kind.CHOICE),
                Field.of("blueprint_id", Kind.TEXT),
                Field.of("default_inputs", Kind.OBJECT)), CODES);
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("member " + name, "PUT",
                groups + "/" + table.fresh("group"), JSON, json(Map.of("deployment_ids", List.of(value))),
                NOT_FOUND));
        table.add("members not a list", "PUT", groups + "/" + table.fresh("group"), JSON,
                json(Map.of("deployment_ids", "all")), BAD.mentioning("deployment_ids"));
        table.add("members not strings", "PUT", groups + "/" + table.fresh("group"), JSON,
                json(Map.of("deployment_ids", List.of(1, true))), BAD.mentioning("deployment_ids"));
        HostileValues.INJECTIONS.forEach((name, value) -> {
            table.add("filter_id " + name, "PUT", groups + "/" + table.fresh("group"), JSON,
                    json(Map.of("filter_id", value)), NOT_FOUND);
            table.add("deployments_from_group " + name, "PUT", groups + "/" + table.fresh("group"), JSON,
                    json(Map.of("deployments_from_group", value)), NOT_FOUND);
        });
        table.add("filter_rules not a list", "PUT", groups + "/" + table.fresh("group"), JSON,
                json(Map.of("filter_rules", "all")), Expected.error(400, "invalid_filter_rule"));
        table.add("filter_rules of a wrong shape", "PUT", groups + "/" + table.fresh("group"), JSON,
                json(Map.of("filter_rules", List.of(Map.of("key", "' OR 1=1 --")))),
                Expected.error(400, "invalid_filter_rule"));
        table.add("filter_id not a string", "PUT", groups + "/" + table.fresh("group"), JSON,
                json(Map.of("filter_id", List.of(1))), BAD.mentioning("filter_id"));
        table.add("new deployments", "PUT", groups + "/" + table.fresh("group"), JSON,
                json(Map.of("new_deployments", List.of(Map.of()))), BAD.mentioning("new_deployments"));
        table.add("group labels", "PUT", groups + "/" + table.fresh("group"), JSON,
                json(Map.of("labels", List.of(Map.of("a", "b")))), BAD.mentioning("labels"));
        table.add("unknown key", "PUT", groups + "/" + table.fresh("group"), JSON,
                json(Map.of("' OR 1=1 --", 1)), BAD);
        BodyCases.shapes(table, "PUT", () -> groups + "/" + table.fresh("group"), false, CODES);
        wrongMethods(groups + "/no-such-group", "GET", "PUT", "PATCH", "DELETE");

        route("GET", "/deployment-groups/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "GET", groups + "/" + segment, answer));
        rawTraversal("GET", groups);

        route("PATCH", "/deployment-groups/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "PATCH", groups + "/" + segment, JSON,
                json(Map.of("add", members)), answer));
        table.add("neither add nor remove", "PATCH", groups + "/no-such-group", JSON, json(Map.of("other", 1)),
                BAD.mentioning("add"));
        table.add("add not an object", "PATCH", groups + "/no-such-group", JSON, json(Map.of("add", List.of())),
                BAD.mentioning("add"));
        table.add("add by an unknown filter", "PATCH", groups + "/no-such-group", JSON,
                json(Map.of("add", Map.of("filter_id", "' OR 1=1 --"))), NOT_FOUND);
        table.add("remove by bad rules", "PATCH", groups + "/no-such-group", JSON,
                json(Map.of("remove", Map.of("filter_rules", List.of(1)))), Expected.error(400,
                        "invalid_filter_rule"));
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("add member " + name, "PATCH",
                groups + "/no-such-group", JSON, json(Map.of("add", Map.of("deployment_ids", List.of(value)))),
                NOT_FOUND));
        BodyCases.shapes(table, "PATCH", () -> groups + "/no-such-group", true, CODES);

        route("DELETE", "/deployment-groups/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "DELETE", groups + "/" + segment,
                answer));
        table.add("delete_deployments sometimes", "DELETE", groups + "/no-such-group?delete_deployments=sometimes",
                BAD.mentioning("delete_deployments"));

        route("GET", "/execution-groups");
        QueryCases.cloudifyList(table, executionGroups, "workflow_id", true);
        table.add("_get_data sometimes", "GET", executionGroups + "?_get_data=sometimes",
                BAD.mentioning("_get_data"));
        wrongMethods(executionGroups, "GET", "POST");

        route("POST", "/execution-groups");
        Map<String, Object> start = Map.of("deployment_group_id", "no-such-group", "workflow_id", "install");
        BodyCases.fields(table, "POST", () -> executionGroups, JSON, start, List.of(
                Field.of("deployment_group_id", Kind.REFERENCE).required(BAD.mentioning("deployment_group_id")),
                Field.of("force", Kind.BOOL),
                Field.of("fail_fast", Kind.BOOL),
                Field.of("default_parameters", Kind.OBJECT),
                Field.of("parameters", Kind.OBJECT),
                Field.of("concurrency", Kind.INT)), CODES);
        table.add("workflow_id missing", "POST", executionGroups, JSON,
                json(Map.of("deployment_group_id", "no-such-group")), BAD.mentioning("workflow_id"));
        table.add("negative concurrency", "POST", executionGroups, JSON, json(BodyCases.with(start, "concurrency",
                -1)), BAD.mentioning("concurrency"));
        table.add("parameters of a deployment not an object", "POST", executionGroups, JSON,
                json(BodyCases.with(start, "parameters", Map.of("d", "x"))), BAD.mentioning("d"));
        BodyCases.shapes(table, "POST", () -> executionGroups, true, CODES);

        route("GET", "/execution-groups/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "GET", executionGroups + "/" + segment,
                answer));
        rawTraversal("GET", executionGroups);
        wrongMethods(executionGroups + "/no-such-group", "GET", "POST", "PATCH");

        route("POST", "/execution-groups/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "POST", executionGroups + "/" + segment,
                JSON, json(Map.of("action", "cancel")), answer));
        table.add("unknown action", "POST", executionGroups + "/no-such-group", JSON,
                json(Map.of("action", "' OR 1=1 --")), BAD.mentioning("action"));
        table.add("action missing", "POST", executionGroups + "/no-such-group", JSON, json(Map.of()),
                BAD.mentioning("action"));
        table.add("resume on a missing group", "POST", executionGroups + "/no-such-group", JSON,
                json(Map.of("action", "resume")), NOT_FOUND);
        table.add("force-resume on a missing group", "POST", executionGroups + "/no-such-group", JSON,
                json(Map.of("action", "force-resume")), NOT_FOUND);
        // Not an action of Cloudify's client (resume(force=True) sends force-resume).
        table.add("failed-resume action", "POST", executionGroups + "/no-such-group", JSON,
                json(Map.of("action", "failed-resume")), BAD.mentioning("action"));
        table.add("action in upper case", "POST", executionGroups + "/no-such-group", JSON,
                json(Map.of("action", "RESUME")), BAD.mentioning("action"));
        BodyCases.shapes(table, "POST", () -> executionGroups + "/no-such-group", true, CODES);

        route("PATCH", "/execution-groups/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "PATCH",
                executionGroups + "/" + segment, JSON, json(Map.of("concurrency", 1)), answer));
        table.add("success group a number", "PATCH", executionGroups + "/no-such-group", JSON,
                json(Map.of("success_group_id", 7)), BAD.mentioning("success_group_id"));
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("failure group " + name, "PATCH",
                executionGroups + "/no-such-group", JSON, json(Map.of("failure_group_id", value)), NOT_FOUND));
        table.add("concurrency a word", "PATCH", executionGroups + "/no-such-group", JSON,
                json(Map.of("concurrency", "many")), BAD.mentioning("concurrency"));
        table.add("negative concurrency", "PATCH", executionGroups + "/no-such-group", JSON,
                json(Map.of("concurrency", -1)), BAD.mentioning("concurrency"));
        BodyCases.shapes(table, "PATCH", () -> executionGroups + "/no-such-group", true, CODES);
    }

    private void events() {
        String list = prefix + "/events";
        route("GET", "/events");
        QueryCases.cloudifyList(table, list, "execution_id", true);
        Map<String, String> hostile = new LinkedHashMap<>(HostileValues.INJECTIONS);
        hostile.put("like wildcards", "%_%");
        hostile.forEach((name, value) -> table.add("message filter " + name, "GET",
                list + "?message=" + encode(value), Expected.emptyList()));
        for (String range : List.of("@timestamp,yesterday,", "id,1,2", "@timestamp", "@timestamp,,,",
                "@timestamp,' OR 1=1 --,")) {
            table.add("_range " + range, "GET", list + "?_range=" + encode(range), BAD.mentioning("_range"));
        }
        wrongMethods(list, "GET", "POST", "DELETE");

        route("POST", "/events");
        Map<String, Object> event = Map.of("event_type", "hostile_event", "message", Map.of("text", "m"),
                "context", Map.of());
        Map<String, Object> base = Map.of("execution_id", fixture.execution(), "events", List.of(event));
        BodyCases.fields(table, "POST", () -> list, JSON, base, List.of(
                Field.of("execution_id", Kind.REFERENCE).required(BAD.mentioning("execution_id")),
                Field.of("events", Kind.LIST),
                Field.of("logs", Kind.LIST)), CODES);
        Map<String, Object> wrongEvents = new LinkedHashMap<>();
        wrongEvents.put("event_type a number", BodyCases.with(event, "event_type", 7));
        wrongEvents.put("event_type missing", Map.of("message", Map.of("text", "m")));
        wrongEvents.put("message a number", BodyCases.with(event, "message", 7));
        wrongEvents.put("message text a list", BodyCases.with(event, "message", Map.of("text", List.of())));
        wrongEvents.put("context a string", BodyCases.with(event, "context", "x"));
        wrongEvents.put("context node_id a number", BodyCases.with(event, "context", Map.of("node_id", 7)));
        wrongEvents.put("reported_timestamp noon", BodyCases.with(event, "reported_timestamp", "noon"));
        wrongEvents.put("event_type huge", BodyCases.with(event, "event_type", HostileValues.HUGE));
        wrongEvents.put("event_type nul", BodyCases.with(event, "event_type", HostileValues.NUL));
        wrongEvents.forEach((name, wrong) -> table.add("event " + name, "POST", list, JSON,
                json(Map.of("execution_id", fixture.execution(), "events", List.of(wrong))), BAD));
        table.add("a valid event then a wrong one", "POST", list, JSON, json(Map.of("execution_id",
                fixture.execution(), "events", List.of(event, BodyCases.with(event, "message", 7)))), BAD);
        table.add("log level a number", "POST", list, JSON, json(Map.of("execution_id", fixture.execution(),
                "logs", List.of(Map.of("level", 7, "message", Map.of("text", "m"))))), BAD.mentioning("level"));
        BodyCases.shapes(table, "POST", () -> list, true, CODES);

        route("DELETE", "/events");
        table.add("without deployment_id", "DELETE", list, BAD.mentioning("deployment_id"));

        eventStream(list + "/stream");
    }

    /** The refusals of the event stream; the stream itself is tested where an execution's end can be awaited. */
    private void eventStream(String stream) {
        route("GET", "/events/stream");
        table.add("neither execution_id nor deployment_id", "GET", stream, BAD.mentioning("execution_id"));
        table.add("both execution_id and deployment_id", "GET", stream + "?execution_id=" + fixture.execution()
                + "&deployment_id=" + fixture.deployment(), BAD.mentioning("deployment_id"));
        table.add("execution_id twice", "GET", stream + "?execution_id=" + fixture.execution() + "&execution_id="
                + fixture.execution(), BAD.mentioning("execution_id"));
        table.add("unknown parameter", "GET", stream + "?node_id=x", BAD.mentioning("node_id"));
        HostileValues.ids().forEach((name, id) -> {
            // A NUL is refused as input everywhere; an id over the column is refused naming the field.
            Expected nowhere = name.equals("nul") ? BAD : NOT_FOUND;
            table.add("execution_id " + name, "GET", stream + "?execution_id=" + encode(id),
                    name.equals("huge") ? BAD.mentioning("execution_id") : nowhere);
            table.add("deployment_id " + name, "GET", stream + "?deployment_id=" + encode(id), nowhere);
        });
        Map<String, String> lastIds = new LinkedHashMap<>(HostileValues.INJECTIONS);
        lastIds.put("negative", "-1");
        lastIds.put("past long", "99999999999999999999");
        lastIds.forEach((name, value) -> table.addWithHeaders("Last-Event-ID " + name, "GET",
                stream + "?execution_id=" + fixture.execution(), Map.of("Last-Event-ID", value),
                BAD.mentioning("Last-Event-ID")));
        wrongMethods(stream, "GET");
    }

    private void tenants() {
        String list = prefix + "/tenants";
        route("GET", "/tenants", Caller.ADMIN);
        QueryCases.cloudifyList(table, list, "name", true);
        wrongMethods(list, "GET");

        route("POST", "/tenants/{name}", Caller.ADMIN);
        // A name over the column size is refused by its length, naming the field as the length tables do.
        pathIds(BAD.mentioning("tenant name"), (name, segment, answer) ->
                table.add("name " + name, "POST", list + "/" + segment, JSON, "{}",
                name.equals("huge") ? BAD.mentioning("`tenant_name` is too long") : answer));
        table.add("existing tenant", "POST", list + "/" + fixture.tenant(), JSON, "{}", CONFLICT);

        route("GET", "/tenants/{name}", Caller.ADMIN);
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("name " + name, "GET", list + "/" + segment, answer));
        QueryCases.cloudifyInclude(table, list + "/" + fixture.tenant());
        rawTraversal("GET", list);
        wrongMethods(list + "/no-such-tenant", "GET", "POST", "DELETE");

        route("DELETE", "/tenants/{name}", Caller.ADMIN);
        pathIds(NOT_FOUND, (name, segment, answer) ->
                table.add("name " + name, "DELETE", list + "/" + segment, answer));

        Map<String, Object> member = Map.of("username", fixture.manager(), "tenant_name", fixture.tenant(),
                "role", "manager");
        List<Field> memberFields = List.of(
                Field.of("username", Kind.REFERENCE).required(BAD.mentioning("username")),
                Field.of("tenant_name", Kind.REFERENCE).required(BAD.mentioning("tenant_name")));
        route("PUT", "/tenants/users", Caller.ADMIN);
        BodyCases.fields(table, "PUT", () -> list + "/users", JSON, member, concat(memberFields,
                Field.of("role", Kind.CHOICE)), CODES);
        BodyCases.shapes(table, "PUT", () -> list + "/users", true, CODES);

        route("PATCH", "/tenants/users", Caller.ADMIN);
        BodyCases.fields(table, "PATCH", () -> list + "/users", JSON, member, concat(memberFields,
                Field.of("role", Kind.CHOICE).required(BAD.mentioning("role"))), CODES);
        BodyCases.shapes(table, "PATCH", () -> list + "/users", true, CODES);

        route("DELETE", "/tenants/users", Caller.ADMIN);
        BodyCases.fields(table, "DELETE", () -> list + "/users", JSON,
                Map.of("username", "no-such-user", "tenant_name", fixture.tenant()), memberFields, CODES);
        BodyCases.shapes(table, "DELETE", () -> list + "/users", true, CODES);
    }

    private void tokens() {
        String list = prefix + "/tokens";
        route("GET", "/tokens");
        QueryCases.cloudifyList(table, list, "id", true);
        wrongMethods(list, "GET", "POST");

        route("POST", "/tokens");
        BodyCases.fields(table, "POST", () -> list, JSON, Map.of("description", "hostile"), List.of(
                Field.of("description", Kind.TEXT),
                Field.of("expiration_date", Kind.DATE_TIME)), CODES);
        // Cloudify's own text, which the CLI prints: it names the date, not the field.
        table.add("expiration in the past", "POST", list, JSON, json(Map.of("expiration_date",
                "2001-01-01T00:00:00Z")), BAD.mentioning("Expiration date was in the past."));
        BodyCases.shapes(table, "POST", () -> list, false, CODES);

        route("DELETE", "/tokens/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "DELETE", list + "/" + segment, answer));
        wrongMethods(list + "/no-such-token", "GET", "DELETE");

        route("GET", "/tokens/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "GET", list + "/" + segment, answer));
        rawTraversal("GET", list);
        for (String form : List.of("+30m", "+1", "1h", "tomorrow", "2999-13-01 00:00", "+99999999999h",
                "+999999999y", "2999-01-01 3:04")) {
            table.add("expiration " + form, "POST", list, JSON, json(Map.of("expiration_date", form)),
                    BAD.mentioning("expiration_date"));
        }
    }

    private void secrets() {
        String list = prefix + "/secrets";
        route("GET", "/secrets");
        QueryCases.cloudifyList(table, list, "key", true);
        wrongMethods(list, "GET");

        route("PUT", "/secrets/{key}");
        Map<String, Object> base = Map.of("value", "v");
        pathIds(BAD.mentioning("key"), (name, segment, answer) ->
                table.add("key " + name, "PUT", list + "/" + segment, JSON, json(base), answer));
        table.add("existing key", "PUT", list + "/" + FIXTURE_SECRET, JSON, json(base), CONFLICT);
        List<Field> createFields = List.of(
                Field.of("value", Kind.SECRET).required(BAD.mentioning("value")),
                Field.of("visibility", Kind.CHOICE),
                Field.of("update_if_exists", Kind.BOOL),
                Field.of("is_hidden_value", Kind.BOOL));
        BodyCases.fields(table, "PUT", () -> list + "/" + table.fresh("sec"), JSON, base, createFields, CODES);
        for (String unsupported : List.of("schema", "provider_name", "provider_options")) {
            table.add(unsupported, "PUT", list + "/" + table.fresh("sec"), JSON,
                    json(Map.of("value", "v", unsupported, Map.of("type", "string"))), BAD.mentioning(unsupported));
        }
        BodyCases.shapes(table, "PUT", () -> list + "/" + table.fresh("sec"), true, CODES);
        wrongMethods(list + "/no-such-secret", "GET", "PUT", "PATCH", "DELETE");

        route("GET", "/secrets/{key}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("key " + name, "GET", list + "/" + segment, answer));
        QueryCases.cloudifyInclude(table, list + "/" + FIXTURE_SECRET);
        table.add("_skip_value sometimes", "GET", list + "/" + FIXTURE_SECRET + "?_skip_value=sometimes",
                BAD.mentioning("_skip_value"));
        rawTraversal("GET", list);

        route("PATCH", "/secrets/{key}");
        String update = list + "/" + FIXTURE_SECRET;
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("key " + name, "PATCH", list + "/" + segment, JSON,
                json(base), answer));
        BodyCases.fields(table, "PATCH", () -> update, JSON, base, List.of(
                Field.of("value", Kind.SECRET), Field.of("is_hidden_value", Kind.BOOL)), CODES);
        table.add("set-owner", "PATCH", update, JSON, json(Map.of("creator", "someone")), BAD.mentioning("owner"));
        table.add("visibility private", "PATCH", update, JSON, json(Map.of("visibility", "private")),
                BAD.mentioning("private"));
        BodyCases.shapes(table, "PATCH", () -> update, false, CODES);
        rawTraversal("PATCH", list);

        route("DELETE", "/secrets/{key}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("key " + name, "DELETE", list + "/" + segment,
                answer));
        rawTraversal("DELETE", list);

        route("PATCH", "/secrets/{key}/set-visibility");
        String setVisibility = update + "/set-visibility";
        Map<String, Object> tenantWide = Map.of("visibility", "tenant");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("key " + name, "PATCH",
                list + "/" + segment + "/set-visibility", JSON, json(tenantWide), answer));
        BodyCases.fields(table, "PATCH", () -> setVisibility, JSON, tenantWide, List.of(
                Field.of("visibility", Kind.CHOICE).required(BAD.mentioning("visibility"))), CODES);
        table.add("visibility private", "PATCH", setVisibility, JSON, json(Map.of("visibility", "private")),
                BAD.mentioning("private"));
        BodyCases.shapes(table, "PATCH", () -> setVisibility, true, CODES);
        wrongMethods(list + "/no-such-secret/set-visibility", "PATCH");

        route("GET", "/secrets/share/export");
        String export = list + "/share/export";
        table.add("of all tenants", "GET", export + "?_all_tenants=true", BAD.mentioning("_all_tenants"));
        table.add("passphrase huge", "GET", export + "?_passphrase=" + "p".repeat(1025), BAD.mentioning("passphrase"));
        table.add("_include_metadata sometimes", "GET", export + "?_include_metadata=sometimes",
                BAD.mentioning("_include_metadata"));
        for (Map.Entry<String, String> bad : Map.of("everyone", "everyone", "sql quote", "' OR 1=1 --")
                .entrySet()) {
            table.add("visibility " + bad.getKey(), "GET", export + "?visibility=" + encode(bad.getValue()),
                    BAD.mentioning("visibility"));
        }
        wrongMethods(export, "GET");

        route("POST", "/secrets/share/import");
        String importing = list + "/share/import";
        Map<String, Object> one = new java.util.LinkedHashMap<>(Map.of("key", "imported", "value", "v",
                "visibility", "tenant", "tenant_name", "no-such-tenant", "is_hidden_value", false,
                "encrypted", false));
        Map<String, Object> importBase = Map.of("secrets_list", List.of(one), "override_collisions", false);
        BodyCases.fields(table, "POST", () -> importing, JSON, importBase, List.of(
                Field.of("secrets_list", Kind.LIST).required(BAD.mentioning("secrets_list")),
                Field.of("tenant_map", Kind.OBJECT),
                Field.of("passphrase", Kind.SECRET),
                Field.of("override_collisions", Kind.BOOL)), CODES);
        table.add("tenant_map to a number", "POST", importing, JSON, json(Map.of("secrets_list", List.of(),
                "tenant_map", Map.of("a", 1))), BAD.mentioning("tenant_map"));
        BodyCases.shapes(table, "POST", () -> importing, true, CODES);
        wrongMethods(importing, "POST");
    }

    private void users() {
        String list = prefix + "/users";
        route("GET", "/users", Caller.ADMIN);
        QueryCases.cloudifyList(table, list, "username", true);
        wrongMethods(list, "GET", "PUT");

        route("PUT", "/users", Caller.ADMIN);
        BodyCases.fields(table, "PUT", () -> list, JSON, Map.of("username", table.fresh("user"),
                "password", "a-long-password-1", "role", "default"), List.of(
                Field.of("username", Kind.NEW_NAME).required(BAD.mentioning("username")),
                Field.of("password", Kind.SECRET).required(BAD.mentioning("password"))
                        .whenEmpty(BAD.mentioning("password")),
                Field.of("role", Kind.CHOICE)), CODES);
        table.add("existing user", "PUT", list, JSON, json(Map.of("username", fixture.manager(),
                "password", "a-long-password-1")), CONFLICT);
        BodyCases.shapes(table, "PUT", () -> list, true, CODES);

        route("GET", "/users/{username}", Caller.ADMIN);
        pathIds(NOT_FOUND, (name, segment, answer) ->
                table.add("username " + name, "GET", list + "/" + segment, answer));
        QueryCases.cloudifyInclude(table, list + "/" + fixture.manager());
        rawTraversal("GET", list);
        wrongMethods(list + "/no-such-user", "GET", "POST", "DELETE");

        route("DELETE", "/users/{username}", Caller.ADMIN);
        pathIds(NOT_FOUND, (name, segment, answer) ->
                table.add("username " + name, "DELETE", list + "/" + segment, answer));

        userSettings(list);
        userActivation(list);

        route("GET", "/user");
        QueryCases.cloudifyInclude(table, prefix + "/user");
        wrongMethods(prefix + "/user", "GET");
    }

    /** Only refusals (and a missing user): a change would alter the users other cases log in as. */
    private void userSettings(String list) {
        route("POST", "/users/{username}", Caller.ADMIN);
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("username " + name, "POST", list + "/" + segment,
                JSON, json(Map.of("role", "default")), answer));
        String nobody = list + "/no-such-user";
        BodyCases.fields(table, "POST", () -> nobody, JSON, Map.of("role", "default"),
                List.of(Field.of("role", Kind.CHOICE)), CODES);
        BodyCases.fields(table, "POST", () -> nobody, JSON, Map.of("password", "a-long-password-1"),
                List.of(Field.of("password", Kind.SECRET).whenEmpty(BAD.mentioning("password"))), CODES);
        String manager = list + "/" + fixture.manager();
        table.add("password too short", "POST", manager, JSON, json(Map.of("password", "abcd")),
                BAD.mentioning("password"));
        table.add("password and role", "POST", manager, JSON, json(Map.of("password", "a-long-password-1",
                "role", "default")), BAD.mentioning("password"));
        BodyCases.shapes(table, "POST", () -> manager, true, CODES);
    }

    private void userActivation(String list) {
        route("POST", "/users/active/{username}", Caller.ADMIN);
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("username " + name, "POST",
                list + "/active/" + segment, JSON, json(Map.of("action", "activate")), answer));
        String nobody = list + "/active/no-such-user";
        BodyCases.fields(table, "POST", () -> nobody, JSON, Map.of("action", "activate"),
                List.of(Field.of("action", Kind.CHOICE).required(BAD.mentioning("action"))), CODES);
        table.add("already active", "POST", list + "/active/" + fixture.manager(), JSON,
                json(Map.of("action", "activate")), CONFLICT);
        BodyCases.shapes(table, "POST", () -> nobody, true, CODES);
        wrongMethods(nobody, "POST");

        route("POST", "/users/unlock/{username}", Caller.ADMIN);
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("username " + name, "POST",
                list + "/unlock/" + segment, JSON, "", answer));
        table.add("not locked", "POST", list + "/unlock/" + fixture.manager(), JSON, "", CONFLICT);
        wrongMethods(list + "/unlock/no-such-user", "POST");
    }

    private void config() {
        route("GET", "/config");
        HostileValues.INJECTIONS.forEach((name, value) -> table.add("scope " + name, "GET",
                prefix + "/config?scope=" + encode(value), Expected.ok()));
        wrongMethods(prefix + "/config", "GET");

        // Settings are a catalog in code, not rows: a name with a NUL is merely one it does not have.
        route("GET", "/config/{name}");
        HostileValues.pathSegments().forEach((name, segment) -> table.add("name " + name, "GET",
                prefix + "/config/" + segment, NOT_FOUND));
        table.add("a scope that is not the setting's", "GET", prefix + "/config/workflow.blueprint_folder_max_files",
                NOT_FOUND);
        wrongMethods(prefix + "/config/blueprint_folder_max_files", "GET", "PUT");

        // Only refusals: an accepted value would change the settings every later request sees.
        route("PUT", "/config/{name}", Caller.ADMIN);
        String setting = prefix + "/config/blueprint_folder_max_files";
        HostileValues.pathSegments().forEach((name, segment) -> table.add("name " + name, "PUT",
                prefix + "/config/" + segment, JSON, json(Map.of("value", 1)), NOT_FOUND));
        table.add("value missing", "PUT", setting, JSON, json(Map.of("force", false)), BAD.mentioning("value"));
        Map<String, Object> wrongValues = new LinkedHashMap<>();
        wrongValues.put("a word", "many");
        wrongValues.put("a fraction", 2.5);
        wrongValues.put("below the minimum", -1);
        wrongValues.put("a list", List.of(1));
        wrongValues.put("an object", Map.of("a", 1));
        wrongValues.put("a bool", true);
        wrongValues.forEach((name, value) -> table.add("value " + name, "PUT", setting, JSON,
                json(Map.of("value", value)), CONFLICT.mentioning("blueprint_folder_max_files")));
        table.add("force a word", "PUT", setting, JSON, json(Map.of("value", 5, "force", "perhaps")),
                BAD.mentioning("force"));
        table.add("a setting that is not editable", "PUT", prefix + "/config/default_page_size", JSON,
                json(Map.of("value", 5)), CONFLICT.mentioning("not editable"));
        BodyCases.shapes(table, "PUT", () -> setting, true, CODES);
        route("PUT", "/config/{name}", Caller.MANAGER);
        table.add("by a tenant manager", "PUT", setting, JSON, json(Map.of("value", 5)), FORBIDDEN);
    }

    /** The manager's own routes: versions, health, cluster and maintenance mode, which only an admin changes. */
    private void manager() {
        if (prefix.equals("/api/v3.1")) {
            table.route("GET", "/api/version", Caller.MANAGER);
            table.add("method POST", "POST", "/api/version", JSON, "{}", NOT_ALLOWED);
            table.add("method DELETE", "DELETE", "/api/version", NOT_ALLOWED);
        }
        for (String path : List.of("/version", "/status", "/ok")) {
            route("GET", path);
            wrongMethods(prefix + path, "GET");
        }
        for (String path : List.of("/status", "/cluster-status")) {
            route("GET", path, path.equals("/status") ? Caller.MANAGER : Caller.ADMIN);
            table.add("summary perhaps", "GET", prefix + path + "?summary=perhaps", BAD.mentioning("summary"));
        }
        for (String path : List.of("/managers", "/brokers", "/db-nodes", "/cluster-status")) {
            route("GET", path, Caller.ADMIN);
            wrongMethods(prefix + path, "GET");
        }
        route("GET", "/managers", Caller.ADMIN);
        QueryCases.cloudifyInclude(table, prefix + "/managers");
        Map<String, String> hostnames = new LinkedHashMap<>(HostileValues.INJECTIONS);
        hostnames.putAll(HostileValues.TRAVERSALS);
        hostnames.forEach((name, value) -> table.add("hostname " + name, "GET",
                prefix + "/managers?hostname=" + encode(value), Expected.emptyList()));

        route("GET", "/maintenance");
        wrongMethods(prefix + "/maintenance", "GET");
        route("POST", "/maintenance/{action}", Caller.ADMIN);
        pathIds(BAD.mentioning("action"), (name, segment, answer) -> table.add("action " + name, "POST",
                prefix + "/maintenance/" + segment, JSON, "{}", answer));
        route("POST", "/maintenance/{action}", Caller.MANAGER);
        for (String action : List.of("activate", "deactivate")) {
            table.add(action + " by a tenant manager", "POST", prefix + "/maintenance/" + action, JSON, "{}",
                    FORBIDDEN);
        }
    }

    private void summaries() {
        if (!prefix.endsWith("3.1")) {
            table.add("summary is v3.1 only", "GET", prefix + "/summary/executions?_target_field=status", NOT_FOUND);
            return;
        }
        route("GET", "/summary/{resource}");
        String executions = prefix + "/summary/executions?_target_field=status";
        QueryCases.fieldNames().forEach((name, value) -> {
            table.add("summary _target_field " + name, "GET", prefix + "/summary/executions?_target_field="
                    + encode(value), BAD.mentioning("Invalid summary field"));
            table.add("summary _sub_field " + name, "GET", executions + "&_sub_field=" + encode(value),
                    BAD.mentioning("Invalid summary field"));
            table.add("summary filter key " + name, "GET", executions + "&" + encode(value) + "=1", BAD);
        });
        Map<String, String> values = new LinkedHashMap<>(HostileValues.INJECTIONS);
        values.putAll(HostileValues.TRAVERSALS);
        values.put("huge", HostileValues.LONG_NAME);
        values.forEach((name, value) -> table.add("summary filter deployment_id " + name, "GET",
                executions + "&deployment_id=" + encode(value), Expected.emptyList()));
        table.add("summary _target_field missing", "GET", prefix + "/summary/executions", BAD);
        table.add("summary of an unknown resource", "GET", prefix + "/summary/secrets?_target_field=key",
                NOT_FOUND);
        table.add("summary index not a number", "GET", prefix + "/summary/node_instances?_target_field=node_id"
                + "&index=x", BAD.mentioning("index"));
        for (String param : new String[] {"_size", "_offset"}) {
            table.add("summary " + param + " -1", "GET", executions + "&" + param + "=-1", BAD.mentioning(param));
        }
        wrongMethods(prefix + "/summary/executions", "GET");
    }

    /** Execution schedules: v3.1 only, as in Cloudify. */
    private void schedules() {
        String list = prefix + "/execution-schedules";
        if (!prefix.endsWith("3.1")) {
            table.add("schedules are v3.1 only", "GET", list, NOT_FOUND);
            return;
        }
        route("GET", "/execution-schedules");
        QueryCases.cloudifyList(table, list, "id", true);
        table.add("boolean filter not a boolean", "GET", list + "?enabled=maybe", BAD.mentioning("enabled"));
        table.add("time filter not a time", "GET", list + "?next_occurrence=noon", BAD.mentioning("next_occurrence"));
        wrongMethods(list, "GET");

        String onDeployment = "?deployment_id=" + fixture.deployment();
        route("PUT", "/execution-schedules/{id}");
        Map<String, Object> create = Map.of("workflow_id", "one_task", "since", "2030-01-02T10:00:00",
                "recurrence", "1 day");
        int[] made = {0};
        BodyCases.fields(table, "PUT", () -> list + "/hostile-" + (made[0]++) + onDeployment, JSON, create, List.of(
                Field.of("workflow_id", Kind.REFERENCE).required(BAD.mentioning("workflow_id"))
                        .whenUnknown(Expected.error(400, "nonexistent_workflow_error")),
                Field.of("since", Kind.DATE_TIME).required(BAD.mentioning("since")),
                Field.of("until", Kind.DATE_TIME),
                Field.of("count", Kind.INT),
                Field.of("slip", Kind.INT),
                Field.of("stop_on_fail", Kind.BOOL),
                Field.of("enabled", Kind.BOOL),
                Field.of("parameters", Kind.OBJECT),
                Field.of("execution_arguments", Kind.OBJECT)), CODES);
        table.add("recurrence not a recurrence", "PUT", list + "/hostile-r" + onDeployment, JSON,
                json(BodyCases.with(create, "recurrence", "'; DROP TABLE execution_schedules; --")),
                BAD.mentioning("recurrence"));
        table.add("rrule injection", "PUT", list + "/hostile-rr" + onDeployment, JSON,
                json(Map.of("workflow_id", "one_task", "since", "2030-01-02T10:00:00",
                        "rrule", "FREQ=DAILY;' OR 1=1 --")), BAD.mentioning("rrule"));
        table.add("until before since", "PUT", list + "/hostile-u" + onDeployment, JSON,
                json(BodyCases.with(create, "until", "2001-01-01T00:00:00")), BAD.mentioning("until"));
        table.add("unknown deployment", "PUT", list + "/hostile-d?deployment_id=no-such-deployment", JSON,
                json(create), NOT_FOUND);
        table.add("no deployment_id", "PUT", list + "/hostile-n", JSON, json(create), BAD.mentioning("deployment_id"));
        BodyCases.shapes(table, "PUT", () -> list + "/hostile-s" + onDeployment, true, CODES);

        for (String method : List.of("GET", "DELETE")) {
            route(method, "/execution-schedules/{id}");
            pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, method, list + "/" + segment
                    + onDeployment, answer));
            table.add("no deployment_id", method, list + "/s", BAD.mentioning("deployment_id"));
            table.add("raw traversal", method, list + "/../../../etc/passwd", NOT_FOUND);
            table.add("raw traversal to another route", method, list + "/..%2F..%2Fusers" + onDeployment,
                    NOT_FOUND);
        }
        route("PATCH", "/execution-schedules/{id}");
        pathIds(NOT_FOUND, (name, segment, answer) -> table.add("id " + name, "PATCH", list + "/" + segment
                + onDeployment, JSON, json(Map.of("enabled", false)), answer));
        wrongMethods(list + "/no-such-schedule", "GET", "PUT", "PATCH", "DELETE");
    }

    private void operations() {
        String graphs = prefix + "/tasks_graphs";
        String list = prefix + "/operations";
        if (!prefix.endsWith("3.1")) {
            table.add("tasks graphs are v3.1 only", "GET", graphs + "?execution_id=" + fixture.execution(),
                    NOT_FOUND);
            table.add("operations are v3.1 only", "GET", list + "?execution_id=" + fixture.execution(), NOT_FOUND);
            return;
        }
        Map<String, String> values = new LinkedHashMap<>(HostileValues.INJECTIONS);
        values.putAll(HostileValues.TRAVERSALS);
        String ended = "?execution_id=" + fixture.execution();

        route("GET", "/tasks_graphs");
        values.forEach((name, value) -> {
            table.add("tasks graphs of execution " + name, "GET", graphs + "?execution_id=" + encode(value),
                    NOT_FOUND);
            table.add("tasks graphs named " + name, "GET", graphs + ended + "&name=" + encode(value),
                    Expected.emptyList());
        });
        table.add("tasks graphs without execution_id", "GET", graphs, BAD.mentioning("execution_id"));
        wrongMethods(graphs, "GET");

        route("GET", "/operations");
        values.forEach((name, value) -> {
            table.add("operations of execution " + name, "GET", list + "?execution_id=" + encode(value), NOT_FOUND);
            table.add("operations of graph " + name, "GET", list + "?graph_id=" + encode(value), NOT_FOUND);
            table.add("operations in state " + name, "GET", list + ended + "&state=" + encode(value),
                    Expected.emptyList());
        });
        table.add("operations without execution_id or graph_id", "GET", list, BAD.mentioning("execution_id"));
        table.add("operations with execution_id and graph_id", "GET", list + ended + "&graph_id="
                + fixture.execution(), BAD.mentioning("graph_id"));
        table.add("operations skip_internal maybe", "GET", list + ended + "&skip_internal=maybe",
                BAD.mentioning("skip_internal"));
        QueryCases.fieldNames().forEach((name, value) -> table.add("operations filter key " + name, "GET",
                list + ended + "&" + encode(value) + "=1", BAD));
        table.add("operations _size -1", "GET", list + ended + "&_size=-1", BAD.mentioning("_size"));
        wrongMethods(list, "GET");

        route("GET", "/operations/{id}");
        values.forEach((name, value) -> table.add("operation " + name, "GET", list + "/" + fixture.execution()
                + "." + encode(value), NOT_FOUND));
        table.add("operation without an execution", "GET", list + "/nothing", NOT_FOUND);
        wrongMethods(list + "/" + fixture.execution() + ".x", "GET");
    }

    private void unknownRoutes() {
        route("GET", "/executions/{id}");
        table.add("unknown resource", "GET", prefix + "/nothing-here", NOT_FOUND);
        table.add("too deep", "GET", prefix + "/executions/a/b/c", NOT_FOUND);
        table.add("unknown version", "GET", "/api/v9/executions", NOT_FOUND);
        table.add("uri over the request line limit", "GET", prefix + "/executions/" + "u".repeat(10_000),
                Expected.error(414, "uri_too_long_error"));
        HostileValues.malformedPathSegments().forEach((name, segment) -> table.add("malformed uri " + name, "GET",
                prefix + "/executions/" + segment, BAD));
        Map<String, String> tenants = new LinkedHashMap<>(HostileValues.ids());
        // Header values are visible ASCII: the client refuses to send a NUL or a bidi override.
        tenants.remove("nul");
        tenants.remove("bidi override");
        tenants.put("another tenant's name", "default_tenant");
        tenants.forEach((name, tenant) -> table.addWithHeaders("tenant header " + name, "GET", prefix + "/executions",
                Map.of("Tenant", tenant), Expected.error(403, "forbidden_error")));
    }

    /**
     * Every path segment of {@link HostileValues#pathSegments} as the id of the route, answered {@code answer}; a
     * NUL is refused as bad input before any lookup, whatever the route.
     */
    private void pathIds(Expected answer, IdCase add) {
        HostileValues.pathSegments().forEach((name, segment) ->
                add.add(name, segment, name.equals("nul") ? BAD : answer));
    }

    /** {@code ../} left raw: the path leaves the route, which must not find anything outside the API. */
    private void rawTraversal(String method, String base) {
        table.add("raw traversal", method, base + "/../../../etc/passwd", NOT_FOUND);
        table.add("raw traversal to another route", method, base + "/..%2F..%2Fusers", NOT_FOUND);
    }

    /** Each method the path does not serve answers 405. */
    private void wrongMethods(String path, String... served) {
        Set<String> allowed = Set.of(served);
        for (String method : METHODS) {
            if (!allowed.contains(method)) {
                boolean body = !method.equals("GET") && !method.equals("DELETE");
                table.add("method " + method + " " + path.substring(prefix.length()), method, path,
                        body ? JSON : null, body ? "{}" : null, NOT_ALLOWED);
            }
        }
    }

    private static List<Field> concat(List<Field> fields, Field more) {
        List<Field> all = new java.util.ArrayList<>(fields);
        all.add(more);
        return all;
    }
}
