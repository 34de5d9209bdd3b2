package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.member.SystemRole;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.scope.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/**
 * {@code GET /config[?scope=s]}, {@code GET /config/{name}}, {@code PUT /config/{name}} in Cloudify's shape: a list of
 * config items. Cloudify's client reads {@code GET /config?scope=rest} before every folder upload.
 */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class ConfigController {
    private static final String AUTHORIZATION = "authorization";

    private final ManagerSettings settings;

    ConfigController(ManagerSettings settings) {
        this.settings = settings;
    }

    @Operation(operationId = "listConfig")
    @Get(uris = {V3 + "/config", V31 + "/config"})
    Map<String, Object> config(@Nullable @QueryValue String scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metadata", Map.of());
        body.put("items", AUTHORIZATION.equals(scope) ? List.of() : settings.items(scope));
        if (scope == null || AUTHORIZATION.equals(scope)) {
            body.put(AUTHORIZATION, authorization());
        }
        if (scope == null || ManagerSettings.REST.equals(scope)) {
            // Not Cloudify's: the client's upload looks these keys up at the top level, so it honours Steward's limits.
            body.putAll(settings.clientLimits());
        }
        return body;
    }

    @Operation(operationId = "getConfigItem")
    @Get(uris = {V3 + "/config/{name}", V31 + "/config/{name}"})
    Map<String, Object> item(@PathVariable String name) {
        return settings.item(name);
    }

    @Operation(operationId = "updateConfigItem")
    @Put(uris = {V3 + "/config/{name}", V31 + "/config/{name}"})
    Map<String, Object> put(@PathVariable String name, @Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        if (body == null || !body.containsKey("value")) {
            throw new InvalidInputException("value is required");
        }
        return settings.put(name, body.get("value"), json.bool("force", false));
    }

    /** Steward's roles and which of them hold each permission (sys_admin holds them all). */
    private static Map<String, Object> authorization() {
        List<Map<String, Object>> roles = new ArrayList<>();
        int id = 1;
        for (SystemRole role : SystemRole.values()) {
            roles.add(role(id++, role.wire(), "system_role"));
        }
        for (TenantRole role : TenantRole.values()) {
            roles.add(role(id++, role.wire(), "tenant_role"));
        }
        Map<String, Object> permissions = new LinkedHashMap<>();
        for (Permission permission : Permission.values()) {
            List<String> holders = new ArrayList<>();
            holders.add(SystemRole.SYS_ADMIN.wire());
            permission.tenantRoles().forEach(r -> holders.add(r.wire()));
            permissions.put(permission.action(), holders);
        }
        return Map.of("roles", roles, "permissions", permissions);
    }

    private static Map<String, Object> role(int id, String name, String type) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("id", id);
        role.put("name", name);
        role.put("type", type);
        role.put("description", null);
        return role;
    }
}
