package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.query.Searches;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.BlueprintWire;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.engine.blueprint.Blueprint;
import io.steward.engine.blueprint.BlueprintService;
import io.steward.engine.execution.Execution;
import io.steward.engine.label.Filters;
import io.steward.engine.label.Label;
import io.steward.engine.label.LabelledKind;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.scope.Visibility;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/**
 * Blueprints. Upload takes Cloudify's multipart form ({@code params} + {@code blueprint_archive}), a raw tar.gz or
 * zip body, or, for curl users, a plain YAML body ({@code Content-Type: application/yaml}).
 */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class BlueprintsController {
    private final BlueprintService blueprints;
    private final BlueprintUploads uploads;
    private final Filters filters;

    BlueprintsController(BlueprintService blueprints, BlueprintUploads uploads, Filters filters) {
        this.blueprints = blueprints;
        this.uploads = uploads;
        this.filters = filters;
    }

    @Operation(operationId = "uploadBlueprint")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Blueprint.class)))
    @Put(uris = {V3 + "/blueprints/{id}", V31 + "/blueprints/{id}"})
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Status(HttpStatus.CREATED)
    Map<String, Object> uploadForm(String id, HttpRequest<?> request, @Nullable @Part("params") String params,
                                   @Nullable @Part("blueprint_archive") CompletedFileUpload archive) {
        var upload = uploads.fromForm(params, bytesOf(archive));
        return include(request, rendered(blueprints.upload(id, upload.archive(), upload.mainFileName(),
                upload.visibility(), upload.asynchronous(), upload.labels())));
    }

    /** The client's {@code validate}: the upload's form, parsed and judged without storing the blueprint. */
    @Operation(operationId = "validateBlueprint")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Blueprint.class)))
    @Put(uris = {V3 + "/blueprints/{id}/validate", V31 + "/blueprints/{id}/validate"})
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Status(HttpStatus.CREATED)
    Map<String, Object> validate(String id, @Nullable @Part("params") String params,
                                 @Nullable @Part("blueprint_archive") CompletedFileUpload archive) {
        var upload = uploads.fromForm(params, bytesOf(archive));
        var validation = blueprints.validate(id, upload.archive(), upload.mainFileName(), upload.visibility());
        return BlueprintWire.render(validation.blueprint(), validation.execution());
    }

    /** {@code cfy blueprints download}: the stored archive, named as the client saves it. */
    @Operation(operationId = "downloadBlueprintArchive")
    @Get(uris = {V3 + "/blueprints/{id}/archive", V31 + "/blueprints/{id}/archive"})
    HttpResponse<byte[]> archive(String id) {
        return HttpResponse.ok(blueprints.archiveBytes(id)).contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + id + ".tar.gz\"");
    }

    @Operation(operationId = "setBlueprintVisibility")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Blueprint.class)))
    @Patch(uris = {V3 + "/blueprints/{id}/set-visibility", V31 + "/blueprints/{id}/set-visibility"})
    Map<String, Object> setVisibility(String id, @Nullable @Body Map<String, Object> body) {
        JsonBody fields = JsonBody.of(body);
        String visibility = fields.optionalString("visibility");
        if (visibility == null) {
            throw new InvalidInputException("Missing visibility in json request body");
        }
        return rendered(blueprints.setVisibility(id, Visibility.of(visibility)));
    }

    @Operation(operationId = "updateBlueprint")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Blueprint.class)))
    @Patch(uris = {V3 + "/blueprints/{id}", V31 + "/blueprints/{id}"})
    Map<String, Object> update(String id, @Nullable @Body Map<String, Object> body) {
        return rendered(BlueprintUpdates.apply(blueprints, id, body));
    }

    private static byte[] bytesOf(CompletedFileUpload archive) {
        try {
            return archive == null ? null : archive.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the uploaded archive", e);
        }
    }

    @Operation(operationId = "uploadBlueprint")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Blueprint.class)))
    @Put(uris = {V3 + "/blueprints/{id}", V31 + "/blueprints/{id}"})
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain",
            MediaType.APPLICATION_OCTET_STREAM, "application/gzip", "application/x-gzip", "application/x-tar",
            "application/zip"})
    @Status(HttpStatus.CREATED)
    Map<String, Object> uploadBody(String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        var params = request.getParameters();
        var upload = uploads.fromBody(body, params.get("application_file_name"), params.get("labels"));
        return include(request, rendered(blueprints.upload(id, upload.archive(), upload.mainFileName(),
                Visibility.of(params.get("visibility")), ListParams.QueryBooleans.parse(params, "async_upload",
                        false), upload.labels())));
    }

    @Operation(operationId = "listBlueprints")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.BlueprintList.class)))
    @Get(uris = {V3 + "/blueprints", V31 + "/blueprints"})
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), BlueprintWire.FIELDS, Set.of("_filter_id"),
                Searches.on("id"));
        var found = blueprints.search(SearchesController.savedRules(filters, LabelledKind.BLUEPRINT, request),
                params.query());
        return SearchesController.filtered(envelope(blueprints, found.page(), params), found);
    }

    /** A page of blueprints rendered with their upload executions and labels: one read each for the page. */
    static Map<String, Object> envelope(BlueprintService blueprints, Page<Blueprint> page, ListParams params) {
        List<String> ids = page.items().stream().map(Blueprint::id).toList();
        Map<String, Execution> uploads = blueprints.uploadExecutions(ids);
        Map<String, List<Label>> labels = blueprints.labelsOf(ids);
        return ListEnvelope.of(page, params, b -> BlueprintWire.render(b, uploads.get(b.id()),
                labels.getOrDefault(b.id(), List.of())));
    }

    @Operation(operationId = "getBlueprint")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Blueprint.class)))
    @Get(uris = {V3 + "/blueprints/{id}", V31 + "/blueprints/{id}"})
    Map<String, Object> get(String id, HttpRequest<?> request) {
        return include(request, rendered(blueprints.get(id)));
    }

    @Operation(operationId = "deleteBlueprint")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Delete(uris = {V3 + "/blueprints/{id}", V31 + "/blueprints/{id}"})
    HttpResponse<?> delete(String id) {
        blueprints.delete(id);
        return HttpResponse.noContent();
    }

    private Map<String, Object> rendered(Blueprint blueprint) {
        return BlueprintWire.render(blueprint, blueprints.uploadExecution(blueprint).orElse(null),
                blueprints.labelsOf(List.of(blueprint.id())).getOrDefault(blueprint.id(), List.of()));
    }

    private static Map<String, Object> include(HttpRequest<?> request, Map<String, Object> rendered) {
        return ListParams.Include.of(request.getParameters(), BlueprintWire.FIELDS).apply(rendered);
    }
}
