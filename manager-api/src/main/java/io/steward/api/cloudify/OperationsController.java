package io.steward.api.cloudify;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.api.cloudify.wire.OperationWire;
import io.steward.engine.execution.ExecutionOperations.Operation;
import io.steward.engine.execution.ExecutionOperations;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.store.Page;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.steward.api.cloudify.ApiPaths.V31;

/** The read side of Cloudify's {@code /tasks_graphs} and {@code /operations}, from Steward's stored task graph. */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class OperationsController {
    private static final List<String> GRAPH_FILTERS = List.of("execution_id", "name");
    private static final List<String> OPERATION_FILTERS = List.of("execution_id", "graph_id", "state",
            "skip_internal");

    private final ExecutionOperations operations;

    OperationsController(ExecutionOperations operations) {
        this.operations = operations;
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "listTasksGraphs")
    @Get(uris = {V31 + "/tasks_graphs"})
    Map<String, Object> graphs(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), GRAPH_FILTERS, Set.copyOf(GRAPH_FILTERS));
        String executionId = request.getParameters().get("execution_id");
        if (executionId == null) {
            throw new InvalidInputException("execution_id is required");
        }
        var execution = operations.graphOf(executionId);
        String name = request.getParameters().get("name");
        List<Map<String, Object>> graphs = name == null || name.equals(execution.workflowId())
                ? List.of(OperationWire.graph(execution)) : List.of();
        return ListEnvelope.of(page(graphs, params), params, g -> g);
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "listOperations")
    @Get(uris = {V31 + "/operations"})
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), OPERATION_FILTERS,
                Set.copyOf(OPERATION_FILTERS));
        String executionId = ExecutionOperations.requireOne(request.getParameters().get("execution_id"),
                request.getParameters().get("graph_id"));
        String state = request.getParameters().get("state");
        boolean skipInternal = ListParams.QueryBooleans.parse(request.getParameters(), "skip_internal", false);
        List<Map<String, Object>> rendered = operations.of(executionId).stream()
                .filter(o -> state == null || state.equals(OperationWire.state(o)))
                .filter(o -> !skipInternal || OperationWire.REMOTE.equals(OperationWire.type(o)))
                .map(OperationWire::operation).toList();
        return ListEnvelope.of(page(rendered, params), params, o -> o);
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "getOperation")
    @Get(uris = {V31 + "/operations/{id}"})
    Map<String, Object> get(String id) {
        Operation operation = operations.get(id);
        return OperationWire.operation(operation);
    }

    /** One page of an execution's graph (bounded by its node instances), as the list conventions ask. */
    private static Page<Map<String, Object>> page(List<Map<String, Object>> all, ListParams params) {
        if (params.query().allResults()) {
            return new Page<>(all, all.size());
        }
        int from = Math.min(all.size(), params.query().offset());
        int to = (int) Math.min(all.size(), (long) from + params.query().size());
        return new Page<>(all.subList(from, to), all.size());
    }
}
