package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.query.Searches;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.api.cloudify.wire.JsonBody;
import io.steward.api.cloudify.wire.ListEnvelope;
import io.steward.api.cloudify.wire.TenancyWire;
import io.steward.tenancy.member.MembershipService;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.tenant.TenantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/** Tenants and their members ({@code /tenants}, {@code /tenants/users}). */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class TenantsController {
    private final TenantService tenants;
    private final MembershipService memberships;

    TenantsController(TenantService tenants, MembershipService memberships) {
        this.tenants = tenants;
        this.memberships = memberships;
    }

    @Operation(operationId = "createTenant")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Tenant.class)))
    @Post(uris = {V3 + "/tenants/{name}", V31 + "/tenants/{name}"})
    @Status(HttpStatus.CREATED)
    Map<String, Object> create(String name, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        return include(request, TenancyWire.tenant(tenants.create(name)));
    }

    @Operation(operationId = "listTenants")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.TenantList.class)))
    @Get(uris = {V3 + "/tenants", V31 + "/tenants"})
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), TenancyWire.TENANT_FIELDS, Searches.on("name"));
        return ListEnvelope.of(tenants.list(params.query()), params, TenancyWire::tenant);
    }

    @Operation(operationId = "getTenant")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Tenant.class)))
    @Get(uris = {V3 + "/tenants/{name}", V31 + "/tenants/{name}"})
    Map<String, Object> get(String name, HttpRequest<?> request) {
        return include(request, TenancyWire.tenant(tenants.get(name)));
    }

    @Operation(operationId = "deleteTenant")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Delete(uris = {V3 + "/tenants/{name}", V31 + "/tenants/{name}"})
    HttpResponse<?> delete(String name) {
        tenants.delete(name);
        return HttpResponse.noContent();
    }

    @Operation(operationId = "addTenantUser")
    @RequestBody(content = @Content(schema = @Schema(implementation = CloudifySchemas.TenantMembershipCommand.class)))
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Tenant.class)))
    @Put(uris = {V3 + "/tenants/users", V31 + "/tenants/users"})
    Map<String, Object> addUser(@Nullable @Body Map<String, Object> body, HttpRequest<?> request) {
        JsonBody json = JsonBody.of(body);
        String tenant = json.requiredString("tenant_name");
        String role = json.optionalString("role");
        memberships.add(json.requiredString("username"), tenant, role == null ? TenantRole.USER : TenantRole.of(role));
        return include(request, TenancyWire.tenant(tenants.get(tenant)));
    }

    @Operation(operationId = "changeTenantUserRole")
    @RequestBody(content = @Content(schema = @Schema(implementation = CloudifySchemas.TenantMembershipCommand.class)))
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.Tenant.class)))
    @Patch(uris = {V3 + "/tenants/users", V31 + "/tenants/users"})
    Map<String, Object> changeRole(@Nullable @Body Map<String, Object> body, HttpRequest<?> request) {
        JsonBody json = JsonBody.of(body);
        String tenant = json.requiredString("tenant_name");
        memberships.changeRole(json.requiredString("username"), tenant, TenantRole.of(json.requiredString("role")));
        return include(request, TenancyWire.tenant(tenants.get(tenant)));
    }

    @Operation(operationId = "removeTenantUser")
    @RequestBody(content = @Content(schema = @Schema(implementation = CloudifySchemas.TenantMembershipCommand.class)))
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Delete(uris = {V3 + "/tenants/users", V31 + "/tenants/users"})
    HttpResponse<?> removeUser(@Nullable @Body Map<String, Object> body) {
        JsonBody json = JsonBody.of(body);
        memberships.remove(json.requiredString("username"), json.requiredString("tenant_name"));
        return HttpResponse.noContent();
    }

    private static Map<String, Object> include(HttpRequest<?> request, Map<String, Object> rendered) {
        return ListParams.Include.of(request.getParameters(), TenancyWire.TENANT_FIELDS).apply(rendered);
    }
}
