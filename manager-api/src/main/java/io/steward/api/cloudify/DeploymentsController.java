package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.query.Searches;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.DeploymentWire;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.LabelWire;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.engine.deployment.Deployment;
import io.steward.engine.deployment.DeploymentFunctions;
import io.steward.engine.deployment.DeploymentService;
import io.steward.engine.label.Label;
import io.steward.engine.label.LabelledKind;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/** Deployments ({@code /deployments}), their nodes ({@code /nodes}) and node instances ({@code /node-instances}). */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class DeploymentsController {
    private final DeploymentService deployments;
    private final DeploymentFunctions functions;
    private final io.steward.engine.label.Filters filters;

    DeploymentsController(DeploymentService deployments, DeploymentFunctions functions,
                          io.steward.engine.label.Filters filters) {
        this.deployments = deployments;
        this.functions = functions;
        this.filters = filters;
    }

    @Operation(operationId = "createDeployment")
    @RequestBody(content = @Content(schema = @Schema(implementation = CloudifySchemas.CreateDeploymentCommand.class)))
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Deployment.class)))
    @Put(uris = {V3 + "/deployments/{id}", V31 + "/deployments/{id}"})
    @Status(HttpStatus.CREATED)
    Map<String, Object> create(String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        Map<String, Object> inputs = json.optionalObject("inputs");
        List<Label.Wanted> labels = LabelWire.parse(json.fields().get("labels"));
        var created = deployments.create(id, json.optionalString("blueprint_id"), inputs == null ? Map.of() : inputs,
                Visibility.of(json.optionalString("visibility")), json.optionalString("display_name"),
                labels == null ? List.of() : labels, siteName(json));
        return ListParams.Include.of(request.getParameters(), DeploymentWire.DEPLOYMENT_FIELDS)
                .apply(rendered(created));
    }

    /** Cloudify reads {@code site_name} when the key is there: null or {@code ""} is an empty name, not "no site". */
    private static String siteName(JsonBody json) {
        if (json.fields().containsKey("site_name") && json.fields().get("site_name") == null) {
            throw new InvalidInputException("The `site_name` argument is empty");
        }
        return json.optionalString("site_name");
    }

    /** {@code cfy deployments set-site}: {@code {"site_name": s}} or {@code {"detach_site": true}}. */
    @Post(V31 + "/deployments/{id}/set-site")
    Map<String, Object> setSite(String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        return ListParams.Include.of(request.getParameters(), DeploymentWire.DEPLOYMENT_FIELDS)
                .apply(rendered(deployments.setSite(id, siteName(json), json.bool("detach_site", false))));
    }

    private Map<String, Object> rendered(Deployment deployment) {
        return renderedPage(deployments, List.of(deployment)).get(deployment.id());
    }

    /** Each deployment rendered: one read for labels and one for children over the page, one per latest execution. */
    static Map<String, Map<String, Object>> renderedPage(DeploymentService deployments, List<Deployment> page) {
        Map<String, List<Label>> labels = deployments.labelsOf(page.stream().map(Deployment::id).toList());
        Map<String, io.steward.engine.execution.Execution> latest = new java.util.HashMap<>();
        page.forEach(d -> deployments.latestExecution(d.id()).ifPresent(e -> latest.put(d.id(), e)));
        var statuses = deployments.statusesOf(page, latest);
        Map<String, Map<String, Object>> out = new java.util.HashMap<>();
        page.forEach(d -> out.put(d.id(), DeploymentWire.deployment(d, latest.get(d.id()),
                labels.getOrDefault(d.id(), List.of()), statuses.get(d.id()))));
        return out;
    }

    @Operation(operationId = "listDeployments")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.DeploymentList.class)))
    @Get(uris = {V3 + "/deployments", V31 + "/deployments"})
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), DeploymentWire.DEPLOYMENT_FIELDS,
                java.util.Set.of("_filter_id"), Searches.on("id").orName("display_name"));
        var found = deployments.search(SearchesController.savedRules(filters, LabelledKind.DEPLOYMENT, request),
                params.query());
        Page<Deployment> page = found.page();
        Map<String, Map<String, Object>> rendered = renderedPage(deployments, page.items());
        return SearchesController.filtered(ListEnvelope.of(page, params, d -> rendered.get(d.id())), found);
    }

    /**
     * The client's {@code deployments.update_labels} and {@code set_display_name}: the labels given become the whole
     * list. Other attributes belong to deployment updates, ownership and restores, which Steward does not have.
     */
    @Operation(operationId = "updateDeployment")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Deployment.class)))
    @Patch(uris = {V3 + "/deployments/{id}", V31 + "/deployments/{id}"})
    Map<String, Object> update(String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        if (json.fields().isEmpty()) {
            throw new InvalidInputException(Problem.ILLEGAL_ACTION, "Update a deployment request must include at"
                    + " least one parameter to update");
        }
        List<String> unsupported = json.fields().keySet().stream()
                .filter(k -> !k.equals("labels") && !k.equals("display_name")).sorted().toList();
        if (!unsupported.isEmpty()) {
            throw new InvalidInputException("Steward can change only labels and display_name of a deployment, not "
                    + unsupported);
        }
        Deployment updated = deployments.update(id, LabelWire.parse(json.fields().get("labels")),
                json.optionalString("display_name"));
        return ListParams.Include.of(request.getParameters(), DeploymentWire.DEPLOYMENT_FIELDS)
                .apply(rendered(updated));
    }

    @Operation(operationId = "getDeployment")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Deployment.class)))
    @Get(uris = {V3 + "/deployments/{id}", V31 + "/deployments/{id}"})
    Map<String, Object> get(String id, HttpRequest<?> request) {
        return ListParams.Include.of(request.getParameters(), DeploymentWire.DEPLOYMENT_FIELDS)
                .apply(rendered(deployments.get(id)));
    }

    @Operation(operationId = "deleteDeployment")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Delete(uris = {V3 + "/deployments/{id}", V31 + "/deployments/{id}"})
    HttpResponse<?> delete(String id, HttpRequest<?> request) {
        var query = request.getParameters();
        deployments.delete(id, ListParams.QueryBooleans.parse(query, "force", false),
                ListParams.QueryBooleans.parse(query, "delete_logs", false),
                ListParams.QueryBooleans.parse(query, "recursive", false));
        return HttpResponse.noContent();
    }

    @Operation(operationId = "listNodes")
    @Get(uris = {V3 + "/nodes", V31 + "/nodes"})
    Map<String, Object> nodes(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), DeploymentWire.NODE_FIELDS, Searches.on("id"));
        return ListEnvelope.of(deployments.nodes(params.query()), params, DeploymentWire::node);
    }

    @Operation(operationId = "listNodeInstances")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.NodeInstanceList.class)))
    @Get(uris = {V3 + "/node-instances", V31 + "/node-instances"})
    Map<String, Object> instances(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), DeploymentWire.INSTANCE_FIELDS);
        return ListEnvelope.of(deployments.instances(params.query()), params, DeploymentWire::instance);
    }

    @Operation(operationId = "getNodeInstance")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.NodeInstance.class)))
    @Get(uris = {V3 + "/node-instances/{id}", V31 + "/node-instances/{id}"})
    Map<String, Object> instance(String id, HttpRequest<?> request) {
        return ListParams.Include.of(request.getParameters(), DeploymentWire.INSTANCE_FIELDS)
                .apply(DeploymentWire.instance(deployments.instance(id)));
    }

    /** {@code cfy deployments set-visibility}: {@code {"visibility": "tenant"|"global"}}. */
    @Operation(operationId = "setDeploymentVisibility")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Deployment.class)))
    @Patch(uris = {V3 + "/deployments/{id}/set-visibility", V31 + "/deployments/{id}/set-visibility"})
    Map<String, Object> setVisibility(String id, @Nullable @Body Map<String, Object> body) {
        String visibility = JsonBody.of(body).requiredString("visibility");
        return rendered(deployments.setVisibility(id, Visibility.of(visibility)));
    }

    @Operation(operationId = "getDeploymentOutputs")
    @Get(uris = {V3 + "/deployments/{id}/outputs", V31 + "/deployments/{id}/outputs"})
    Map<String, Object> outputs(String id) {
        return keyed("deployment_id", id, "outputs", functions.outputs(id));
    }

    @Operation(operationId = "getDeploymentCapabilities")
    @Get(uris = {V3 + "/deployments/{id}/capabilities", V31 + "/deployments/{id}/capabilities"})
    Map<String, Object> capabilities(String id) {
        return keyed("deployment_id", id, "capabilities", functions.capabilities(id));
    }

    /** The client's {@code evaluate.functions(deployment_id, context, payload)}. */
    @Operation(operationId = "evaluateFunctions")
    @Post(uris = {V3 + "/evaluate/functions", V31 + "/evaluate/functions"})
    Map<String, Object> evaluate(@Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        String deploymentId = json.requiredString("deployment_id");
        Map<String, Object> context = json.optionalObject("context");
        Map<String, Object> payload = json.optionalObject("payload");
        if (payload == null) {
            throw new InvalidInputException("Missing payload in json request body");
        }
        return keyed("deployment_id", deploymentId, "payload",
                functions.evaluate(deploymentId, context == null ? Map.of() : context, payload));
    }

    /**
     * The client's {@code node_instances.update(id, state, runtime_properties, version, force)}: only the keys given
     * change. Relationships and system properties belong to deployment updates and status checks, which Steward
     * does not run, so they are refused rather than dropped.
     */
    @Operation(operationId = "updateNodeInstance")
    @RequestBody(content = @Content(schema = @Schema(implementation = CloudifySchemas.NodeInstanceUpdateCommand.class)))
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.NodeInstance.class)))
    @Patch(uris = {V3 + "/node-instances/{id}", V31 + "/node-instances/{id}"})
    Map<String, Object> updateInstance(String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        Integer version = json.optionalInteger("version");
        if (version == null || version < 0) {
            throw new InvalidInputException("version must be a non-negative integer, got " + json.fields().get("version"));
        }
        for (String unsupported : new String[] {"relationships", "system_properties"}) {
            if (json.fields().get(unsupported) != null) {
                throw new InvalidInputException(unsupported + " cannot be updated: Steward runs no deployment"
                        + " updates or status checks");
            }
        }
        boolean force = ListParams.QueryBooleans.parse(request.getParameters(), "force", false);
        return DeploymentWire.instance(deployments.updateInstance(id, version, json.optionalObject("runtime_properties"),
                json.optionalString("state"), force));
    }

    private static Map<String, Object> keyed(String idKey, String id, String valueKey, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(idKey, id);
        out.put(valueKey, value);
        return out;
    }
}
