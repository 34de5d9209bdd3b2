package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.GroupWire;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.engine.group.ExecutionGroup;
import io.steward.engine.group.ExecutionGroupStart;
import io.steward.engine.group.ExecutionGroups;
import io.steward.tenancy.error.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static io.steward.api.cloudify.ApiPaths.V31;

/** Execution groups: {@code cfy executions groups start|get|list|cancel|set-target-group} and set_concurrency. */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class ExecutionGroupsController {
    private final ExecutionGroups groups;

    ExecutionGroupsController(ExecutionGroups groups) {
        this.groups = groups;
    }

    @Operation(operationId = "listExecutionGroups")
    @Get(uris = {V31 + "/execution-groups"})
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), GroupWire.EXECUTION_GROUP_FIELDS,
                Set.of("_get_data"));
        boolean withData = ListParams.QueryBooleans.parse(request.getParameters(), "_get_data", false);
        return ListEnvelope.of(groups.list(params.query(), withData), params,
                g -> GroupWire.executionGroup(g, withData));
    }

    @Operation(operationId = "getExecutionGroup")
    @Get(uris = {V31 + "/execution-groups/{id}"})
    Map<String, Object> get(String id, HttpRequest<?> request) {
        return include(request, groups.get(id));
    }

    @Operation(operationId = "startExecutionGroup")
    @Post(uris = {V31 + "/execution-groups"})
    Map<String, Object> start(HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        Map<String, Object> defaults = json.optionalObject("default_parameters");
        Map<String, Object> perDeployment = json.optionalObject("parameters");
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        if (perDeployment != null) {
            JsonBody perDeploymentBody = JsonBody.of(perDeployment);
            for (String deployment : perDeployment.keySet()) {
                Map<String, Object> own = perDeploymentBody.optionalObject(deployment);
                parameters.put(deployment, own == null ? Map.of() : own);
            }
        }
        Integer concurrency = json.optionalInteger("concurrency");
        var started = groups.start(new ExecutionGroupStart(json.requiredString("deployment_group_id"),
                json.requiredString("workflow_id"), json.bool("force", false),
                defaults == null ? Map.of() : defaults, parameters,
                concurrency == null ? ExecutionGroupStart.DEFAULT_CONCURRENCY : concurrency,
                json.bool("fail_fast", false)));
        return include(request, started);
    }

    @Operation(operationId = "actOnExecutionGroup")
    @Post(uris = {V31 + "/execution-groups/{id}"})
    Map<String, Object> act(String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        String action = JsonBody.of(body).optionalString("action");
        if (action == null) {
            throw new InvalidInputException("Missing action in json request body");
        }
        return include(request, groups.act(id, ExecutionGroups.Action.of(action)));
    }

    @Operation(operationId = "updateExecutionGroup")
    @Patch(uris = {V31 + "/execution-groups/{id}"})
    Map<String, Object> update(String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        String success = json.optionalString("success_group_id");
        String failure = json.optionalString("failure_group_id");
        Integer concurrency = json.optionalInteger("concurrency");
        if (success == null && failure == null && concurrency == null) {
            throw new InvalidInputException("Expected success_group_id, failure_group_id or concurrency in json"
                    + " request body");
        }
        ExecutionGroup group = null;
        if (concurrency != null) {
            group = groups.setConcurrency(id, concurrency);
        }
        if (success != null || failure != null) {
            group = groups.setTargets(id, success, failure);
        }
        return include(request, group);
    }

    private static Map<String, Object> include(HttpRequest<?> request, ExecutionGroup group) {
        return ListParams.Include.of(request.getParameters(), GroupWire.EXECUTION_GROUP_FIELDS)
                .apply(GroupWire.executionGroup(group, true));
    }
}
