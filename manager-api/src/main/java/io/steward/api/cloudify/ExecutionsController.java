package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.ExecutionWire;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionActions;
import io.steward.engine.execution.ExecutionAdmission;
import io.steward.engine.execution.ExecutionStatus;
import io.steward.engine.execution.ExecutionQueries;
import io.steward.engine.execution.StartExecution;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.store.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.List;
import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/** Executions: list, start, get, actions (cancel, kill, resume, …), status update, delete, should-start. */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class ExecutionsController {
    private final StartExecution starter;
    private final ExecutionActions actions;
    private final ExecutionQueries queries;
    private final ExecutionAdmission admission;

    ExecutionsController(StartExecution starter, ExecutionActions actions, ExecutionQueries queries,
                         ExecutionAdmission admission) {
        this.starter = starter;
        this.actions = actions;
        this.queries = queries;
        this.admission = admission;
    }

    @Operation(operationId = "listExecutions")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.ExecutionList.class)))
    @Get(uris = {V3 + "/executions", V31 + "/executions"})
    Map<String, Object> list(HttpRequest<?> request) {
        // include_system_workflows is the v1 spelling of the flag, not a filter.
        ListParams params = ListParams.parse(request.getParameters(), filterFields(),
                java.util.Set.of("include_system_workflows"));
        boolean system = ListParams.QueryBooleans.parse(request.getParameters(), "_include_system_workflows", false)
                || ListParams.QueryBooleans.parse(request.getParameters(), "include_system_workflows", false);
        List<String> fields = params.include().fields();
        Page<Execution> page = queries.list(params.query(), system, fields);
        if (!fields.isEmpty()) {
            return ListEnvelope.of(page, params, ExecutionWire.renderer(fields));
        }
        // Every field: with why each waiting one waits (a key Cloudify's clients ignore).
        Map<String, ExecutionAdmission.Waiting> waiting = admission.explain(page.items().stream()
                .filter(e -> e.status().isWaiting() || e.status() == ExecutionStatus.PENDING)
                .map(Execution::id).toList());
        return ListEnvelope.of(page, params, e -> ExecutionWire.withWaiting(ExecutionWire.render(e),
                waiting.get(e.id())));
    }

    @Operation(operationId = "startExecution")
    @RequestBody(content = @Content(schema = @Schema(implementation = CloudifySchemas.StartExecutionCommand.class)))
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Execution.class)))
    @Post(uris = {V3 + "/executions", V31 + "/executions"})
    @Status(HttpStatus.CREATED)
    Map<String, Object> start(HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        // The execution as committed, without why it waits: that reading counts the queue ahead of it, a cost
        // that would grow with the queue on every start. Its GET says why.
        var execution = starter.start(ExecutionCommands.start(JsonBody.of(body)));
        return include(request, ExecutionWire.render(execution));
    }

    @Operation(operationId = "getExecution")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Execution.class)))
    @Get(uris = {V3 + "/executions/{id}", V31 + "/executions/{id}"})
    Map<String, Object> get(String id, HttpRequest<?> request) {
        return include(request, rendered(queries.get(id)));
    }

    @Operation(operationId = "actOnExecution")
    @RequestBody(content = @Content(schema = @Schema(implementation = CloudifySchemas.ExecutionActionCommand.class)))
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Execution.class)))
    @Post(uris = {V3 + "/executions/{id}", V31 + "/executions/{id}"})
    Map<String, Object> act(String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        String action = JsonBody.of(body).optionalString("action");
        if (action == null) {
            throw new InvalidInputException("Missing action in json request body");
        }
        return include(request, ExecutionWire.render(actions.act(id, ExecutionActions.Action.of(action))));
    }

    @Operation(operationId = "updateExecutionStatus")
    @RequestBody(content = @Content(schema = @Schema(implementation = CloudifySchemas.ExecutionStatusCommand.class)))
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Execution.class)))
    @Patch(uris = {V3 + "/executions/{id}", V31 + "/executions/{id}"})
    Map<String, Object> update(String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        return include(request, ExecutionWire.render(actions.updateStatus(id, json.requiredString("status"),
                json.optionalString("error"))));
    }

    @Operation(operationId = "deleteExecutions")
    @Delete(uris = {V31 + "/executions"})
    Map<String, Object> delete(HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        ListParams params = ListParams.parse(request.getParameters(), filterFields());
        JsonBody json = JsonBody.of(body);
        int count = queries.deleteEnded(params.query(), json.optionalInteger("keep_last"),
                json.optionalDateTime("to_datetime"));
        return ListEnvelope.of(new Page<>(List.of(Map.<String, Object>of("count", count)), 1), params, m -> m);
    }

    @Operation(operationId = "shouldExecutionStart")
    @Get(uris = {V31 + "/executions/{id}/should-start"})
    boolean shouldStart(String id) {
        return queries.shouldStart(id);
    }

    /** Filters and sort keys are the response fields, as in Cloudify. */
    private static List<String> filterFields() {
        return ExecutionWire.FIELDS;
    }

    /** Every field, with {@code waiting} when it waits. */
    private Map<String, Object> rendered(Execution execution) {
        return ExecutionWire.withWaiting(ExecutionWire.render(execution),
                admission.explain(execution.id()).orElse(null));
    }

    private static Map<String, Object> include(HttpRequest<?> request, Map<String, Object> rendered) {
        return ListParams.Include.of(request.getParameters(), ExecutionWire.INCLUDABLE).apply(rendered);
    }
}
