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
import io.steward.api.cloudify.query.Searches;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.FilterWire;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.engine.label.Filters;
import io.steward.engine.label.LabelledKind;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.Visibility;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.List;
import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/** Saved filters ({@code /filters/deployments}, {@code /filters/blueprints}): {@code cfy … filters create|get|…}. */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class FiltersController {
    private final Filters filters;

    FiltersController(Filters filters) {
        this.filters = filters;
    }

    /** {@code deployments} or {@code blueprints}; anything else names no resource. */
    static LabelledKind kind(String kind) {
        return switch (kind) {
            case "deployments" -> LabelledKind.DEPLOYMENT;
            case "blueprints" -> LabelledKind.BLUEPRINT;
            // NUL is refused as bad input wherever text goes (Sql does so for stored text).
            default -> throw kind.indexOf('\0') >= 0
                    ? new InvalidInputException("Text values must not contain NUL characters")
                    : new NotFoundException("Resource", kind);
        };
    }

    @Operation(operationId = "createFilter")
    @Put(uris = {V3 + "/filters/{kind}/{id}", V31 + "/filters/{kind}/{id}"})
    Map<String, Object> create(String kind, String id, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        List<io.steward.tenancy.store.FilterRule> rules = FilterWire.parse(json.fields().get("filter_rules"));
        if (rules == null) {
            throw new InvalidInputException("Missing filter_rules in json request body");
        }
        return FilterWire.filter(filters.create(kind(kind), id, rules,
                Visibility.of(json.optionalString("visibility"))));
    }

    @Operation(operationId = "listFilters")
    @Get(uris = {V3 + "/filters/{kind}", V31 + "/filters/{kind}"})
    Map<String, Object> list(String kind, HttpRequest<?> request) {
        LabelledKind labelled = kind(kind);
        ListParams params = ListParams.parse(request.getParameters(), FilterWire.FIELDS, Searches.on("id"));
        return ListEnvelope.of(filters.list(labelled, params.query()), params, FilterWire::filter);
    }

    @Operation(operationId = "getFilter")
    @Get(uris = {V3 + "/filters/{kind}/{id}", V31 + "/filters/{kind}/{id}"})
    Map<String, Object> get(String kind, String id, HttpRequest<?> request) {
        return ListParams.Include.of(request.getParameters(), FilterWire.FIELDS)
                .apply(FilterWire.filter(filters.get(kind(kind), id)));
    }

    @Operation(operationId = "updateFilter")
    @Patch(uris = {V3 + "/filters/{kind}/{id}", V31 + "/filters/{kind}/{id}"})
    Map<String, Object> update(String kind, String id, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        String visibility = json.optionalString("visibility");
        List<String> unknown = json.fields().keySet().stream()
                .filter(k -> !k.equals("filter_rules") && !k.equals("visibility")).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("A filter's filter_rules and visibility can be changed, not " + unknown);
        }
        if (json.fields().isEmpty()) {
            throw new InvalidInputException(Problem.ILLEGAL_ACTION, "Update a filter request must include at least"
                    + " one parameter to update");
        }
        return FilterWire.filter(filters.update(kind(kind), id, FilterWire.parse(json.fields().get("filter_rules")),
                visibility == null ? null : Visibility.of(visibility)));
    }

    @Operation(operationId = "deleteFilter")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Delete(uris = {V3 + "/filters/{kind}/{id}", V31 + "/filters/{kind}/{id}"})
    HttpResponse<?> delete(String kind, String id) {
        filters.delete(kind(kind), id);
        return HttpResponse.noContent();
    }
}
