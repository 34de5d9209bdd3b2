package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.ExpirationDates;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.api.cloudify.wire.TenancyWire;
import io.steward.tenancy.token.TokenService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.time.Clock;
import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/** API tokens: create (the value is shown once), list, revoke. */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class TokensController {
    private final TokenService tokens;

    private final Clock clock;

    TokensController(TokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Operation(operationId = "createToken")
    @RequestBody(content = @Content(schema = @Schema(implementation = CloudifySchemas.CreateTokenCommand.class)))
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Token.class)))
    @Post(uris = {V3 + "/tokens", V31 + "/tokens"})
    Map<String, Object> create(@Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        String expiration = json.optionalString("expiration_date");
        return TenancyWire.token(tokens.create(json.optionalString("description"),
                expiration == null || expiration.isBlank() ? null
                        : ExpirationDates.parse("expiration_date", expiration, clock.instant())));
    }

    /** The secret is never shown again: the value is masked. */
    @Operation(operationId = "getToken")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Token.class)))
    @Get(uris = {V3 + "/tokens/{id}", V31 + "/tokens/{id}"})
    Map<String, Object> get(String id, HttpRequest<?> request) {
        return ListParams.Include.of(request.getParameters(), TenancyWire.TOKEN_FIELDS)
                .apply(TenancyWire.token(tokens.get(id)));
    }

    @Operation(operationId = "listTokens")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.TokenList.class)))
    @Get(uris = {V3 + "/tokens", V31 + "/tokens"})
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), TenancyWire.TOKEN_FIELDS);
        return ListEnvelope.of(tokens.list(params.query()), params, TenancyWire::token);
    }

    @Operation(operationId = "revokeToken")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Delete(uris = {V3 + "/tokens/{id}", V31 + "/tokens/{id}"})
    HttpResponse<?> revoke(String id) {
        tokens.revoke(id);
        return HttpResponse.noContent();
    }
}
