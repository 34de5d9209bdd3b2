package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.query.Searches;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.api.cloudify.wire.ScheduleWire;
import io.steward.engine.execution.ExecutionQueries;
import io.steward.engine.schedule.Schedule;
import io.steward.engine.schedule.Schedules;
import io.steward.tenancy.error.StewardException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V31;

/** Cloudify's {@code /execution-schedules}: create, update (enable, disable), get, list, delete. */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class ExecutionSchedulesController {
    private final Schedules schedules;
    private final ExecutionQueries executions;

    ExecutionSchedulesController(Schedules schedules, ExecutionQueries executions) {
        this.schedules = schedules;
        this.executions = executions;
    }

    @Operation(operationId = "listExecutionSchedules")
    @Get(uris = {V31 + "/execution-schedules"})
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), ScheduleWire.FIELDS, Searches.on("id"));
        return ListEnvelope.of(schedules.list(params.query()), params, this::render);
    }

    @Operation(operationId = "createExecutionSchedule")
    @Put(uris = {V31 + "/execution-schedules/{id}"})
    @Status(HttpStatus.CREATED)
    Map<String, Object> create(String id, @Nullable @QueryValue("deployment_id") String deploymentId,
                               @Nullable @Body Map<String, Object> body) {
        return render(schedules.create(deploymentId, id, ScheduleWire.command(JsonBody.of(body))));
    }

    /** Cloudify answers an update with 201, and its client insists on it. */
    @Operation(operationId = "updateExecutionSchedule")
    @Patch(uris = {V31 + "/execution-schedules/{id}"})
    @Status(HttpStatus.CREATED)
    Map<String, Object> update(String id, @Nullable @QueryValue("deployment_id") String deploymentId,
                               @Nullable @Body Map<String, Object> body) {
        return render(schedules.update(deploymentId, id, ScheduleWire.command(JsonBody.of(body))));
    }

    @Operation(operationId = "getExecutionSchedule")
    @Get(uris = {V31 + "/execution-schedules/{id}"})
    Map<String, Object> get(String id, @Nullable @QueryValue("deployment_id") String deploymentId) {
        return render(schedules.get(deploymentId, id));
    }

    @Operation(operationId = "deleteExecutionSchedule")
    @Delete(uris = {V31 + "/execution-schedules/{id}"})
    @Status(HttpStatus.NO_CONTENT)
    void delete(String id, @Nullable @QueryValue("deployment_id") String deploymentId) {
        schedules.delete(deploymentId, id);
    }

    private Map<String, Object> render(Schedule schedule) {
        return ScheduleWire.render(schedule, schedules.upcoming(schedule), latestStatus(schedule));
    }

    /** The status of the execution it started last; null when none, or when that execution was deleted. */
    private String latestStatus(Schedule schedule) {
        if (schedule.latestExecution() == null) {
            return null;
        }
        try {
            return executions.get(schedule.latestExecution()).status().wire();
        } catch (StewardException gone) {
            return null;
        }
    }
}
