package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.query.Searches;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.api.cloudify.wire.SecretWire;
import io.steward.engine.secret.ExportPassphrase;
import io.steward.engine.secret.Secret;
import io.steward.engine.secret.SecretService.NewSecret;
import io.steward.engine.secret.SecretService.SecretChanges;
import io.steward.engine.secret.SecretService;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.scope.Visibility;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/**
 * Secrets ({@code cfy secrets}). Write answers carry no value (Cloudify's carry its ciphertext, which no client
 * reads); only {@code GET /secrets/{key}} shows the clear value, to those who may see it.
 */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class SecretsController {
    /** What Steward does not offer: external secret providers and JSON-schema secrets; refused, never ignored. */
    private static final List<String> UNSUPPORTED = List.of("schema", "provider_name", "provider_options");

    /** An export file of a whole manager fits; a larger body is no export. */
    private static final int MAX_IMPORTED = 10_000;
    private static final int MAX_PASSPHRASE = 1_024;

    private final SecretService secrets;
    private final java.time.Clock clock;

    SecretsController(SecretService secrets, java.time.Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Operation(operationId = "createSecret")
    @RequestBody(content = @Content(schema = @Schema(implementation = CloudifySchemas.SecretCommand.class)))
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Secret.class)))
    @Put(uris = {V3 + "/secrets/{key}", V31 + "/secrets/{key}"})
    Map<String, Object> create(String key, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        JsonBody fields = checked(body);
        Secret secret = secrets.create(new NewSecret(key, valueOf(fields), fields.bool("update_if_exists", false),
                fields.bool("is_hidden_value", false), visibility(fields)));
        return include(request, SecretWire.render(secret, ""));
    }

    @Operation(operationId = "getSecret")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Secret.class)))
    @Get(uris = {V3 + "/secrets/{key}", V31 + "/secrets/{key}"})
    Map<String, Object> get(String key, HttpRequest<?> request) {
        boolean skipValue = ListParams.QueryBooleans.parse(request.getParameters(), "_skip_value", false);
        Secret secret = secrets.get(key, skipValue);
        return include(request, SecretWire.render(secret, secret.value()));
    }

    @Operation(operationId = "listSecrets")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.SecretList.class)))
    @Get(uris = {V3 + "/secrets", V31 + "/secrets"})
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), SecretWire.LIST_FIELDS, Searches.on("key"));
        return ListEnvelope.of(secrets.list(params.query()), params, SecretWire::listItem);
    }

    @Operation(operationId = "updateSecret")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Secret.class)))
    @Patch(uris = {V3 + "/secrets/{key}", V31 + "/secrets/{key}"})
    Map<String, Object> update(String key, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        JsonBody fields = checked(body);
        if (fields.fields().get("creator") != null) {
            throw new InvalidInputException("Changing the owner of a secret is not supported");
        }
        Object hidden = fields.fields().get("is_hidden_value");
        Secret secret = secrets.update(key, new SecretChanges(valueOf(fields), visibility(fields),
                hidden == null ? null : fields.bool("is_hidden_value", false)));
        return include(request, SecretWire.render(secret, ""));
    }

    @Operation(operationId = "setSecretVisibility")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Secret.class)))
    @Patch(uris = {V3 + "/secrets/{key}/set-visibility", V31 + "/secrets/{key}/set-visibility"})
    Map<String, Object> setVisibility(String key, @Nullable @Body Map<String, Object> body) {
        String visibility = JsonBody.of(body).optionalString("visibility");
        if (visibility == null) {
            throw new InvalidInputException("Missing visibility in json request body");
        }
        return SecretWire.render(secrets.setVisibility(key, Visibility.of(visibility)), "");
    }

    @Operation(operationId = "deleteSecret")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Delete(uris = {V3 + "/secrets/{key}", V31 + "/secrets/{key}"})
    HttpResponse<?> delete(String key) {
        secrets.delete(key);
        return HttpResponse.noContent();
    }

    /**
     * {@code cfy secrets export}: the visible secrets, hidden ones the caller may not read left out; values in clear
     * ({@code --non-encrypted}) or encrypted with {@code _passphrase} as Cloudify encrypts them, so that either
     * manager imports the file. {@code _search} narrows by key; {@code visibility} to one visibility.
     */
    @Operation(operationId = "exportSecrets")
    @Get(uris = {V3 + "/secrets/share/export", V31 + "/secrets/share/export"})
    List<Map<String, Object>> export(HttpRequest<?> request) {
        var parameters = request.getParameters();
        if (ListParams.QueryBooleans.parse(parameters, "_all_tenants", false)) {
            throw new InvalidInputException("_all_tenants is not supported: Steward exports the request's tenant"
                    + " (and the global secrets it sees); export each tenant with its Tenant header");
        }
        String passphrase = parameters.get("_passphrase");
        if (passphrase != null && passphrase.length() > MAX_PASSPHRASE) {
            throw new InvalidInputException("_passphrase must be at most " + MAX_PASSPHRASE + " characters");
        }
        ExportPassphrase key = passphrase == null || passphrase.isEmpty() ? null : ExportPassphrase.of(passphrase);
        boolean metadata = ListParams.QueryBooleans.parse(parameters, "_include_metadata", false);
        String visibility = parameters.get("visibility");
        Visibility only = visibility == null ? null : Visibility.of(visibility);
        String search = parameters.get("_search");
        Instant now = clock.instant();
        return secrets.export().stream().filter(s -> only == null || s.visibility() == only)
                .filter(s -> search == null || s.key().toLowerCase(Locale.ROOT)
                        .contains(search.toLowerCase(Locale.ROOT)))
                .map(s -> SecretWire.exported(s, metadata, key == null ? null : key.encrypt(s.value(), now)))
                .toList();
    }

    /** {@code cfy secrets import -i file [-p PASS | --non-encrypted] [--override-collisions] [--tenant-map f]}. */
    @Post(uris = {V3 + "/secrets/share/import", V31 + "/secrets/share/import"})
    Map<String, Object> importSecrets(@Nullable @Body Map<String, Object> body) {
        JsonBody fields = JsonBody.of(body);
        if (!(fields.fields().get("secrets_list") instanceof List<?> entries)
                || !entries.stream().allMatch(e -> e instanceof Map<?, ?>)) {
            throw new InvalidInputException("secrets_list must be a list of exported secrets (JSON objects)");
        }
        if (entries.size() > MAX_IMPORTED) {
            throw new InvalidInputException("secrets_list has " + entries.size() + " secrets, at most "
                    + MAX_IMPORTED + " are imported at once");
        }
        Object map = fields.fields().get("tenant_map");
        Map<String, String> tenantMap = new java.util.HashMap<>();
        if (map != null) {
            if (!(map instanceof Map<?, ?> pairs)) {
                throw new InvalidInputException("tenant_map must map origin tenants to destination tenants");
            }
            for (var pair : pairs.entrySet()) {
                if (!(pair.getValue() instanceof String destination)) {
                    throw new InvalidInputException("tenant_map must map origin tenants to destination tenants");
                }
                tenantMap.put(String.valueOf(pair.getKey()), destination);
            }
        }
        Object passphrase = fields.fields().get("passphrase");
        if (passphrase != null && !(passphrase instanceof String text && text.length() <= MAX_PASSPHRASE)) {
            throw new InvalidInputException("passphrase must be a string of at most " + MAX_PASSPHRASE
                    + " characters");
        }
        SecretService.ImportResult result = secrets.importSecrets(entries, tenantMap, (String) passphrase,
                fields.bool("override_collisions", false));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("colliding_secrets", result.collidingSecrets());
        out.put("secrets_errors", result.secretsErrors());
        return out;
    }

    private static JsonBody checked(Map<String, Object> body) {
        JsonBody fields = JsonBody.of(body);
        for (String name : UNSUPPORTED) {
            if (fields.fields().get(name) != null) {
                throw new InvalidInputException("`" + name + "` is not supported: Steward stores secret values "
                        + "itself, as plain text");
            }
        }
        return fields;
    }

    private static String valueOf(JsonBody fields) {
        return fields.optionalString("value");
    }

    private static Visibility visibility(JsonBody fields) {
        String visibility = fields.optionalString("visibility");
        return visibility == null ? null : Visibility.of(visibility);
    }

    private static Map<String, Object> include(HttpRequest<?> request, Map<String, Object> rendered) {
        return ListParams.Include.of(request.getParameters(), SecretWire.FIELDS).apply(rendered);
    }
}
