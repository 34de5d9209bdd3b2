package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.query.Searches;
import io.steward.api.cloudify.wire.DeploymentWire;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.engine.deployment.Deployment;
import io.steward.engine.deployment.DeploymentService;
import io.steward.tenancy.scope.Visibility;

import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/** Deployments ({@code /deployments}), their nodes ({@code /nodes}) and node instances ({@code /node-instances}). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class DeploymentsController {
    private final DeploymentService deployments;

    DeploymentsController(DeploymentService deployments) {
        this.deployments = deployments;
    }

    @Put(uris = {V3 + "/deployments/{id}", V31 + "/deployments/{id}"})
    @Status(HttpStatus.CREATED)
    Map<String, Object> create(String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        Map<String, Object> inputs = json.optionalObject("inputs");
        var created = deployments.create(id, json.optionalString("blueprint_id"), inputs == null ? Map.of() : inputs,
                Visibility.of(json.optionalString("visibility")), json.optionalString("display_name"));
        return ListParams.Include.of(request.getParameters(), DeploymentWire.DEPLOYMENT_FIELDS)
                .apply(rendered(created));
    }

    private Map<String, Object> rendered(Deployment deployment) {
        return DeploymentWire.deployment(deployment, deployments.latestExecution(deployment.id()).orElse(null));
    }

    @Get(uris = {V3 + "/deployments", V31 + "/deployments"})
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), DeploymentWire.DEPLOYMENT_FIELDS,
                Searches.on("id").orName("display_name"));
        // One read per listed deployment for its latest execution (a page is at most the list size).
        return ListEnvelope.of(deployments.list(params.query()), params, this::rendered);
    }

    @Get(uris = {V3 + "/deployments/{id}", V31 + "/deployments/{id}"})
    Map<String, Object> get(String id, HttpRequest<?> request) {
        return ListParams.Include.of(request.getParameters(), DeploymentWire.DEPLOYMENT_FIELDS)
                .apply(rendered(deployments.get(id)));
    }

    @Delete(uris = {V3 + "/deployments/{id}", V31 + "/deployments/{id}"})
    HttpResponse<?> delete(String id, HttpRequest<?> request) {
        var query = request.getParameters();
        deployments.delete(id, ListParams.QueryBooleans.parse(query, "force", false),
                ListParams.QueryBooleans.parse(query, "delete_logs", false),
                ListParams.QueryBooleans.parse(query, "recursive", false));
        return HttpResponse.noContent();
    }

    @Get(uris = {V3 + "/nodes", V31 + "/nodes"})
    Map<String, Object> nodes(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), DeploymentWire.NODE_FIELDS, Searches.on("id"));
        return ListEnvelope.of(deployments.nodes(params.query()), params, DeploymentWire::node);
    }

    @Get(uris = {V3 + "/node-instances", V31 + "/node-instances"})
    Map<String, Object> instances(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), DeploymentWire.INSTANCE_FIELDS);
        return ListEnvelope.of(deployments.instances(params.query()), params, DeploymentWire::instance);
    }

    @Get(uris = {V3 + "/node-instances/{id}", V31 + "/node-instances/{id}"})
    Map<String, Object> instance(String id, HttpRequest<?> request) {
        return ListParams.Include.of(request.getParameters(), DeploymentWire.INSTANCE_FIELDS)
                .apply(DeploymentWire.instance(deployments.instance(id)));
    }
}
