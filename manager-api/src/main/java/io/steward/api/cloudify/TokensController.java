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
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.api.cloudify.wire.TenancyWire;
import io.steward.tenancy.token.TokenService;

import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/** API tokens: create (the value is shown once), list, revoke. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class TokensController {
    private final TokenService tokens;

    TokensController(TokenService tokens) {
        this.tokens = tokens;
    }

    @Post(uris = {V3 + "/tokens", V31 + "/tokens"})
    Map<String, Object> create(@Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        return TenancyWire.token(tokens.create(json.optionalString("description"),
                json.optionalDateTime("expiration_date")));
    }

    @Get(uris = {V3 + "/tokens", V31 + "/tokens"})
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), TenancyWire.TOKEN_FIELDS);
        return ListEnvelope.of(tokens.list(params.query()), params, TenancyWire::token);
    }

    @Delete(uris = {V3 + "/tokens/{id}", V31 + "/tokens/{id}"})
    HttpResponse<?> revoke(String id) {
        tokens.revoke(id);
        return HttpResponse.noContent();
    }
}
