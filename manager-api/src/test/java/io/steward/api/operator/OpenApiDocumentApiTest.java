package io.steward.api.operator;

import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.steward.api.cloudify.wire.BlueprintWire;
import io.steward.api.cloudify.wire.DeploymentWire;
import io.steward.api.cloudify.wire.EventWire;
import io.steward.api.cloudify.wire.ExecutionWire;
import io.steward.api.cloudify.wire.SecretWire;
import io.steward.api.cloudify.wire.TenancyWire;
import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.TestDatabase;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/openapi.json}: micronaut-openapi's document of the Cloudify API, read back with swagger-parser
 * through the real server, held against the router and against what the server really renders; and Swagger UI at
 * {@code /api/docs/} from its webjar.
 */
class OpenApiDocumentApiTest extends ApiTestBase {
    private static final String CLOUDIFY_PACKAGE = "io.steward.api.cloudify";

    private OpenAPI document;

    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }

    @BeforeAll
    void readDocument() {
        Api.Response response = server.api().get("/api/openapi.json");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body(), null, options);
        assertThat(parsed.getMessages()).as("swagger-parser's complaints").isEmpty();
        document = parsed.getOpenAPI();
    }

    @Test
    void the_document_is_openapi_3_served_as_json_without_credentials() {
        Api.Response response = server.api().get("/api/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("content-type").get(0)).startsWith("application/json");
        assertThat(document.getOpenapi()).startsWith("3.");
        assertThat(document.getInfo().getTitle()).contains("Cloudify");
        assertThat(document.getPaths()).isNotEmpty();
    }

    @Test
    void every_route_the_cloudify_controllers_serve_is_documented_under_v3_1_and_nothing_else() {
        Set<String> served = new TreeSet<>();
        server.context().getBean(Router.class).uriRoutes()
                .filter(route -> route.getTargetMethod().getDeclaringType().getPackageName().equals(CLOUDIFY_PACKAGE))
                .map(OpenApiDocumentApiTest::asV31)
                .filter(route -> !route.startsWith("HEAD ") && !route.startsWith("OPTIONS "))
                .forEach(served::add);
        Set<String> documented = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> documented.add(method.name() + " " + path)));
        assertThat(served).as("routes of the Cloudify controllers").hasSizeGreaterThan(90);
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void operation_ids_are_unique_and_none_is_a_generated_duplicate() {
        List<String> ids = new ArrayList<>();
        document.getPaths().values().forEach(item -> item.readOperations().forEach(o -> ids.add(o.getOperationId())));
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
        // micronaut-openapi suffixes _1, _2 … to a repeated id: each operation is named by hand instead.
        assertThat(ids).noneMatch(id -> id.matches(".*_\\d+"));
        assertThat(operation("/api/v3.1/executions/{id}", PathItem.HttpMethod.GET).getOperationId())
                .isEqualTo("getExecution");
    }

    @Test
    void each_key_schema_has_exactly_the_fields_the_server_renders() {
        Map<String, List<String>> rendered = Map.ofEntries(
                Map.entry("Blueprint", BlueprintWire.FIELDS),
                Map.entry("Deployment", DeploymentWire.DEPLOYMENT_FIELDS),
                Map.entry("NodeInstance", DeploymentWire.INSTANCE_FIELDS),
                Map.entry("Execution", ExecutionWire.FIELDS),
                Map.entry("Event", EventWire.FIELDS),
                Map.entry("Tenant", TenancyWire.TENANT_FIELDS),
                Map.entry("User", TenancyWire.USER_FIELDS),
                Map.entry("Token", TenancyWire.TOKEN_FIELDS),
                Map.entry("Secret", SecretWire.FIELDS),
                Map.entry("SecretListItem", SecretWire.LIST_FIELDS),
                Map.entry("Error", List.of("message", "error_code", "server_traceback")));
        rendered.forEach((name, fields) -> assertThat(properties(name)).as(name)
                .containsExactlyInAnyOrderElementsOf(fields));
        for (String list : List.of("Blueprint", "Deployment", "NodeInstance", "Execution", "Event", "Tenant", "User",
                "Token", "Secret")) {
            assertThat(properties(list + "List")).as(list + "List").containsExactlyInAnyOrder("items", "metadata");
        }
    }

    @Test
    void key_operations_answer_their_schemas_and_take_their_commands() {
        Map<String, String> answers = Map.ofEntries(
                Map.entry("GET /api/v3.1/blueprints", "BlueprintList"),
                Map.entry("GET /api/v3.1/blueprints/{id}", "Blueprint"),
                Map.entry("GET /api/v3.1/deployments", "DeploymentList"),
                Map.entry("PUT /api/v3.1/deployments/{id}", "Deployment"),
                Map.entry("GET /api/v3.1/node-instances/{id}", "NodeInstance"),
                Map.entry("GET /api/v3.1/executions", "ExecutionList"),
                Map.entry("POST /api/v3.1/executions", "Execution"),
                Map.entry("GET /api/v3.1/events", "EventList"),
                Map.entry("GET /api/v3.1/tenants/{name}", "Tenant"),
                Map.entry("GET /api/v3.1/users", "UserList"),
                Map.entry("POST /api/v3.1/tokens", "Token"),
                Map.entry("GET /api/v3.1/secrets", "SecretList"));
        answers.forEach((route, schema) -> {
            String[] parts = route.split(" ");
            Operation op = operation(parts[1], PathItem.HttpMethod.valueOf(parts[0]));
            String success = op.getResponses().keySet().stream().filter(code -> code.startsWith("2")).findFirst()
                    .orElseThrow();
            assertThat(op.getResponses().get(success).getContent().get("application/json").getSchema().get$ref())
                    .as(route).endsWith("/" + schema);
            assertThat(op.getResponses().get("4XX").getContent().get("application/json").getSchema().get$ref())
                    .as(route + " errors").endsWith("/Error");
        });
        assertThat(operation("/api/v3.1/executions", PathItem.HttpMethod.POST).getRequestBody().getContent()
                .get("application/json").getSchema().get$ref()).endsWith("/StartExecutionCommand");
        assertThat(properties("StartExecutionCommand")).contains("deployment_id", "workflow_id", "parameters");
    }

    @Test
    void a_real_answer_has_the_fields_of_its_schema() {
        String tenant = newTenant();
        Api.Response got = admin.get("/api/v3.1/tenants/" + tenant);
        assertThat(got.json().keySet()).containsExactlyInAnyOrderElementsOf(properties("Tenant"));
        Api.Response missing = admin.get("/api/v3.1/executions/no-such-execution");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().keySet()).containsExactlyInAnyOrderElementsOf(properties("Error"));
        Api.Response user = admin.get("/api/v3.1/user");
        assertThat(user.json().keySet()).containsExactlyInAnyOrderElementsOf(properties("User"));
    }

    @Test
    void security_schemes_are_basic_bearer_and_the_token_header_each_with_the_tenant_header() {
        Map<String, SecurityScheme> schemes = document.getComponents().getSecuritySchemes();
        assertThat(schemes.get("basicAuth").getScheme()).isEqualTo("basic");
        assertThat(schemes.get("bearerAuth").getScheme()).isEqualTo("bearer");
        assertThat(schemes.get("cloudifyToken").getName()).isEqualTo("Authentication-Token");
        assertThat(schemes.get("tenant").getIn()).isEqualTo(SecurityScheme.In.HEADER);
        assertThat(schemes.get("tenant").getName()).isEqualTo("Tenant");
        assertThat(document.getSecurity()).hasSize(3)
                .allSatisfy(requirement -> assertThat(requirement).containsKey("tenant").hasSize(2));
    }

    @Test
    void swagger_ui_is_served_from_the_jar_with_its_files_and_points_at_the_document() {
        Api.Response page = server.api().get("/api/docs/");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().get("content-type").get(0)).startsWith("text/html");
        assertThat(page.body()).contains("<div id=\"swagger-ui\">").doesNotContain("https://");
        Matcher files = Pattern.compile("(?:src|href)=\"\\./?([^\"]+)\"").matcher(page.body());
        Map<String, String> types = Map.of("js", "text/javascript", "css", "text/css", "png", "image/png");
        List<String> seen = new ArrayList<>();
        while (files.find()) {
            String file = files.group(1);
            Api.BytesResponse asset = server.api().getBytes("/api/docs/" + file);
            assertThat(asset.status()).as(file).isEqualTo(200);
            String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            assertThat(asset.header("content-type")).as(file).startsWith(types.get(extension));
            assertThat(asset.body().length).as(file).isPositive();
            seen.add(file);
        }
        assertThat(seen).contains("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                "swagger-initializer.js");
        String initializer = server.api().get("/api/docs/swagger-initializer.js").body();
        assertThat(initializer).contains("url: \"../openapi.json\"").doesNotContain("petstore");
    }

    @Test
    void the_folder_without_its_slash_redirects_and_other_files_are_not_found() {
        Api.Response folder = server.api().get("/api/docs");
        assertThat(folder.status()).as(folder.body()).isEqualTo(301);
        assertThat(folder.headers().get("location")).containsExactly("/api/docs/");
        Api.Response other = server.api().get("/api/docs/swagger-ui.js");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.errorCode()).isEqualTo("not_found_error");
        assertThat(server.api().get("/api/docs/..%2F..%2F..%2Fapplication.yml").status()).isEqualTo(404);
    }

    private Operation operation(String path, PathItem.HttpMethod method) {
        PathItem item = document.getPaths().get(path);
        assertThat(item).as(path).isNotNull();
        Operation op = item.readOperationsMap().get(method);
        assertThat(op).as(method + " " + path).isNotNull();
        return op;
    }

    @SuppressWarnings("rawtypes")
    private Set<String> properties(String schema) {
        Schema found = document.getComponents().getSchemas().get(schema);
        assertThat(found).as("schema " + schema).isNotNull();
        assertThat(found.getProperties()).as("properties of " + schema).isNotEmpty();
        @SuppressWarnings("unchecked")
        Set<String> names = found.getProperties().keySet();
        return names;
    }

    /** {@code /api/v3} and {@code /api/version} serve the {@code /api/v3.1} operations: the document has those. */
    private static String asV31(UriRouteInfo<?, ?> route) {
        String path = route.getUriMatchTemplate().toString();
        if (path.startsWith("/api/v3/")) {
            path = "/api/v3.1/" + path.substring("/api/v3/".length());
        } else if (path.equals("/api/version")) {
            path = "/api/v3.1/version";
        }
        return route.getHttpMethod().name() + " " + path;
    }
}
