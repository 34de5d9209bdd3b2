package io.steward.api.cloudify;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.Timestamps;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.MaintenanceMode;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.manager.MaintenanceState.Status;
import io.steward.tenancy.manager.MaintenanceState;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/**
 * {@code GET /maintenance} and {@code POST /maintenance/{activate|deactivate}}: Cloudify's maintenance mode. A
 * request for the state it is already in answers 304, which Cloudify's client turns into {@code NotModifiedError}.
 */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class MaintenanceController {
    private final MaintenanceMode maintenance;

    MaintenanceController(MaintenanceMode maintenance) {
        this.maintenance = maintenance;
    }

    @Operation(operationId = "getMaintenanceMode")
    @Get(uris = {V3 + "/maintenance", V31 + "/maintenance"})
    Map<String, Object> state() {
        return render(maintenance.state());
    }

    @Operation(operationId = "changeMaintenanceMode")
    @Post(uris = {V3 + "/maintenance/{action}", V31 + "/maintenance/{action}"})
    HttpResponse<Map<String, Object>> change(@PathVariable String action) {
        CallerScope.current().require(Permission.MAINTENANCE_MODE_SET);
        Optional<MaintenanceState> changed = switch (action) {
            case "activate" -> maintenance.activate();
            case "deactivate" -> maintenance.deactivate();
            default -> throw new InvalidInputException("Invalid action: " + action
                    + ", Valid action values are: ['activate', 'deactivate']");
        };
        // Deactivating answers the fields maintenance mode had, with the new status (Cloudify's answer).
        return changed.map(state -> HttpResponse.ok(state.status() == Status.DEACTIVATED ? fields(state)
                        : render(state)))
                .orElseGet(HttpResponse::notModified);
    }

    private Map<String, Object> render(MaintenanceState state) {
        if (state.status() == Status.DEACTIVATED) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", state.status().wire());
            body.put("activated_at", "");
            body.put("activation_requested_at", "");
            body.put("remaining_executions", null);
            body.put("requested_by", "");
            return body;
        }
        return fields(state);
    }

    private Map<String, Object> fields(MaintenanceState state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", state.status().wire());
        body.put("activated_at", Timestamps.format(state.activatedAt()));
        body.put("activation_requested_at", Timestamps.format(state.activationRequestedAt()));
        body.put("remaining_executions", state.status() == Status.ACTIVATING ? visibleRemaining() : null);
        body.put("requested_by", state.requestedBy());
        return body;
    }

    /** Administrators see every tenant's remaining executions; anyone else only those of the tenant they call in. */
    private List<Map<String, Object>> visibleRemaining() {
        var caller = CallerScope.current();
        return maintenance.remainingExecutions().stream()
                .filter(e -> caller.isSysAdmin() || e.tenantName().equals(caller.tenant()))
                .map(MaintenanceController::remaining).toList();
    }

    private static Map<String, Object> remaining(Execution execution) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", execution.id());
        item.put("status", execution.status().wire());
        item.put("deployment_id", execution.deploymentId());
        item.put("workflow_id", execution.workflowId());
        return item;
    }
}
