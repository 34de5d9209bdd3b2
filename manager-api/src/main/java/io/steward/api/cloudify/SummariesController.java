package io.steward.api.cloudify;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.SummaryWire;
import io.steward.engine.summary.Summaries;
import io.steward.tenancy.error.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.Map;
import java.util.Set;

import static io.steward.api.cloudify.ApiPaths.V31;

/** {@code GET /summary/{resource}}: counts grouped by {@code _target_field} and optionally {@code _sub_field}. */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class SummariesController {
    private final Summaries summaries;

    SummariesController(Summaries summaries) {
        this.summaries = summaries;
    }

    @Operation(operationId = "summarize")
    @Get(uris = {V31 + "/summary/{resource}"})
    Map<String, Object> summary(String resource, HttpRequest<?> request) {
        if (!Summaries.exists(resource)) {
            throw new NotFoundException("summary", resource);
        }
        ListParams params = ListParams.parse(request.getParameters(), Summaries.filterFields(resource), Set.of());
        String target = request.getParameters().get("_target_field");
        String sub = request.getParameters().get("_sub_field");
        return SummaryWire.render(resource, target, sub,
                summaries.count(resource, target, sub, params.query()), params);
    }
}
