package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.EventWire;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.engine.event.EventLog;
import io.steward.engine.execution.ExecutionQueries;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.store.ListQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/** Events and logs: {@code GET /events} with Cloudify's filters and {@code _range}, {@code POST}, {@code DELETE}. */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class EventsController {
    static final int DEFAULT_SIZE = 10_000;

    private final EventLog events;
    private final ExecutionQueries executions;
    private final EventStream stream;

    EventsController(EventLog events, ExecutionQueries executions, EventStream stream) {
        this.events = events;
        this.executions = executions;
        this.stream = stream;
    }

    /** Server-Sent Events of one execution or deployment, resumable with {@code Last-Event-ID} ({@link EventStream}). */
    @Operation(operationId = "streamEvents")
    @ApiResponse(responseCode = "200",
            description = "Server-Sent Events: each `data` is an Event (`id` its _storage_id), then one `end` event",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string")))
    @Get(uris = {V3 + "/events/stream", V31 + "/events/stream"}, produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<Map<String, Object>>> stream(HttpRequest<?> request) {
        EventStream.Target target = stream.target(request.getParameters(), request.getHeaders().get("Last-Event-ID"));
        return stream.stream(target, CallerScope.current());
    }

    @Operation(operationId = "listEvents")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.EventList.class)))
    @Get(uris = {V3 + "/events", V31 + "/events"})
    Map<String, Object> list(HttpRequest<?> request) {
        HttpParameters parameters = request.getParameters();
        EventFilters filters = EventFilters.parse(parameters);
        ListParams paging = ListParams.parse(parameters, EventWire.FIELDS, EventFilters.NAMES);
        ListQuery query = new ListQuery(filters.exact(), paging.query().sort(),
                parameters.get("_size") == null ? DEFAULT_SIZE : paging.query().size(), paging.query().offset(),
                paging.query().allResults());
        var page = events.list(filters.filter(), query);
        List<Map<String, Object>> items = page.items().stream().map(EventWire::render)
                .map(item -> paging.include().apply(item)).toList();
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("total", page.total());
        pagination.put("size", query.size());
        pagination.put("offset", query.offset());
        return Map.of("items", items, "metadata", Map.of("pagination", pagination));
    }

    @Operation(operationId = "createEvents")
    @Post(uris = {V3 + "/events", V31 + "/events"})
    HttpResponse<?> create(@Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        String executionId = json.requiredString("execution_id");
        var execution = executions.referenced(executionId);
        int count = EventPosts.record(events, execution, json);
        return count == 0 ? HttpResponse.noContent() : HttpResponse.created(Map.of());
    }

    @Operation(operationId = "deleteEvents")
    @Delete(uris = {V3 + "/events", V31 + "/events"})
    Map<String, Object> delete(HttpRequest<?> request) {
        String deployment = request.getParameters().get("deployment_id");
        if (deployment == null) {
            throw new InvalidInputException("deployment_id is required to delete events");
        }
        int count = events.deleteForDeployment(deployment, request.getParameters().getAll("type"));
        return Map.of("items", List.of(Map.of("count", count)),
                "metadata", Map.of("pagination", Map.of("total", 1, "size", 1, "offset", 0)));
    }
}
