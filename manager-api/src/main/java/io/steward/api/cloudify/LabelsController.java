package io.steward.api.cloudify;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.engine.label.LabelRules;
import io.steward.engine.label.LabelledKind;
import io.steward.engine.label.Labels;
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

/**
 * The distinct label keys of deployments or blueprints ({@code /labels/deployments}, {@code /labels/blueprints}) and
 * the values of one key: the client's {@code deployments_labels.list_keys()}, {@code list_key_values(key)} and
 * {@code get_reserved_labels_keys()} ({@code _reserved=true}).
 */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class LabelsController {
    private static final List<String> LIST_PARAMS = List.of("_search", "_size", "_offset", "_get_all_results",
            "_reserved");

    private final Labels labels;

    LabelsController(Labels labels) {
        this.labels = labels;
    }

    @Operation(operationId = "listLabelKeys")
    @Get(uris = {V3 + "/labels/{kind}", V31 + "/labels/{kind}"})
    Map<String, Object> keys(String kind, HttpRequest<?> request) {
        LabelledKind labelled = kind(kind);
        if (ListParams.QueryBooleans.parse(request.getParameters(), "_reserved", false)) {
            return envelope(LabelRules.ALLOWED_RESERVED, request);
        }
        return envelope(labels.keys(labelled, search(request)), request);
    }

    @Operation(operationId = "listLabelValues")
    @Get(uris = {V3 + "/labels/{kind}/{key}", V31 + "/labels/{kind}/{key}"})
    Map<String, Object> values(String kind, String key, HttpRequest<?> request) {
        return envelope(labels.values(kind(kind), key, search(request)), request);
    }

    private static LabelledKind kind(String kind) {
        return switch (kind) {
            case "deployments" -> LabelledKind.DEPLOYMENT;
            case "blueprints" -> LabelledKind.BLUEPRINT;
            // NUL is refused as bad input wherever text goes (Sql does so for stored text).
            default -> throw kind.indexOf('\0') >= 0
                    ? new io.steward.tenancy.error.InvalidInputException("Text values must not contain NUL characters")
                    : new io.steward.tenancy.error.NotFoundException("Labels of", kind);
        };
    }

    private static String search(HttpRequest<?> request) {
        return request.getParameters().get("_search");
    }

    /** Cloudify's list body over a list of strings, paged by {@code _size} and {@code _offset}. */
    private static Map<String, Object> envelope(List<String> all, HttpRequest<?> request) {
        for (String name : request.getParameters().names()) {
            if (!LIST_PARAMS.contains(name)) {
                throw new io.steward.tenancy.error.InvalidInputException("Unknown parameter `" + name
                        + "`; allowed are " + LIST_PARAMS);
            }
        }
        var params = ListParams.parse(request.getParameters(), List.of(), java.util.Set.of("_reserved"));
        var query = params.query();
        int from = query.allResults() ? 0 : Math.min(query.offset(), all.size());
        int to = query.allResults() ? all.size() : Math.min(all.size(), from + query.size());
        Page<String> page = new Page<>(all.subList(from, to), all.size());
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("total", page.total());
        pagination.put("size", query.size());
        pagination.put("offset", query.offset());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("pagination", pagination);
        metadata.put("filtered", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("metadata", metadata);
        return body;
    }
}
