package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.FilterWire;
import io.steward.api.cloudify.wire.GroupWire;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.engine.group.DeploymentGroupChange;
import io.steward.engine.group.DeploymentGroups;
import io.steward.engine.group.GroupMembers;
import io.steward.tenancy.error.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.steward.api.cloudify.ApiPaths.V31;

/** Deployment groups with static members: {@code cfy deployments groups create|extend|shrink|list|get|delete}. */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class DeploymentGroupsController {
    /** Body keys Cloudify accepts that need group labels or deployment creation, which Steward does not do here. */
    private static final List<String> UNSUPPORTED = List.of("labels", "new_deployments");
    private static final Set<String> PUT_KEYS = Set.of("visibility", "description", "blueprint_id",
            "default_inputs", "deployment_ids", "labels", "filter_id", "filter_rules", "new_deployments",
            "deployments_from_group");

    private final DeploymentGroups groups;
    private final GroupMembers members;

    DeploymentGroupsController(DeploymentGroups groups, GroupMembers members) {
        this.groups = groups;
        this.members = members;
    }

    @Operation(operationId = "listDeploymentGroups")
    @Get(uris = {V31 + "/deployment-groups"})
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), GroupWire.DEPLOYMENT_GROUP_FIELDS);
        return ListEnvelope.of(groups.list(params.query()), params, GroupWire::deploymentGroup);
    }

    @Operation(operationId = "getDeploymentGroup")
    @Get(uris = {V31 + "/deployment-groups/{id}"})
    Map<String, Object> get(String id, HttpRequest<?> request) {
        return include(request, GroupWire.deploymentGroup(groups.get(id)));
    }

    @Operation(operationId = "putDeploymentGroup")
    @Put(uris = {V31 + "/deployment-groups/{id}"})
    Map<String, Object> put(String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        for (String key : json.fields().keySet()) {
            if (!PUT_KEYS.contains(key)) {
                throw new InvalidInputException("Unknown field " + key + " in json request body");
            }
        }
        refuseUnsupported(json);
        DeploymentGroupChange change = new DeploymentGroupChange(json.optionalString("description"),
                json.optionalString("visibility"), json.optionalString("blueprint_id"),
                json.optionalObject("default_inputs"), members.resolve(sources(json)));
        return include(request, GroupWire.deploymentGroup(groups.put(id, change)));
    }

    @Operation(operationId = "updateDeploymentGroup")
    @Patch(uris = {V31 + "/deployment-groups/{id}"})
    Map<String, Object> patch(String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        Map<String, Object> add = json.optionalObject("add");
        Map<String, Object> remove = json.optionalObject("remove");
        if (add == null && remove == null) {
            throw new InvalidInputException("Expected add or remove in json request body");
        }
        JsonBody adding = JsonBody.of(add);
        JsonBody removing = JsonBody.of(remove);
        refuseUnsupported(adding);
        refuseUnsupported(removing);
        List<String> added = members.resolve(sources(adding));
        List<String> removed = members.resolve(sources(removing));
        return include(request, GroupWire.deploymentGroup(groups.change(id, added == null ? List.of() : added,
                removed == null ? List.of() : removed)));
    }

    @Operation(operationId = "deleteDeploymentGroup")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Delete(uris = {V31 + "/deployment-groups/{id}"})
    HttpResponse<?> delete(String id, HttpRequest<?> request) {
        if (ListParams.QueryBooleans.parse(request.getParameters(), "delete_deployments", false)) {
            throw new InvalidInputException("delete_deployments is not supported: delete the deployments first");
        }
        groups.delete(id);
        return HttpResponse.noContent();
    }

    /** {@code deployment_ids}, {@code filter_id}, {@code filter_rules}, {@code deployments_from_group}. */
    private static GroupMembers.Sources sources(JsonBody json) {
        Object rules = json.fields().get("filter_rules");
        return new GroupMembers.Sources(json.optionalStrings("deployment_ids"), json.optionalString("filter_id"),
                rules == null ? null : FilterWire.parse(rules), json.optionalString("deployments_from_group"));
    }

    private static void refuseUnsupported(JsonBody json) {
        for (String key : UNSUPPORTED) {
            if (json.fields().get(key) != null) {
                throw new InvalidInputException(key + " is not supported: Steward's deployment groups take"
                        + " existing deployments (deployment_ids, filter_id, filter_rules, deployments_from_group)");
            }
        }
    }

    private static Map<String, Object> include(HttpRequest<?> request, Map<String, Object> rendered) {
        return ListParams.Include.of(request.getParameters(), GroupWire.DEPLOYMENT_GROUP_FIELDS).apply(rendered);
    }
}
