package io.steward.api.cloudify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
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
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.member.SystemRole;
import io.steward.tenancy.member.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/** Users ({@code /users}) and the caller itself ({@code /user}). */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class UsersController {
    private final UserService users;

    UsersController(UserService users) {
        this.users = users;
    }

    @Operation(operationId = "createUser")
    @RequestBody(content = @Content(schema = @Schema(implementation = CloudifySchemas.CreateUserCommand.class)))
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.User.class)))
    @Put(uris = {V3 + "/users", V31 + "/users"})
    @Status(HttpStatus.CREATED)
    Map<String, Object> create(@Nullable @Body Map<String, Object> body, HttpRequest<?> request) {
        JsonBody json = JsonBody.of(body);
        String role = json.optionalString("role");
        var user = users.create(json.requiredString("username"), json.requiredString("password"),
                role == null ? SystemRole.DEFAULT : SystemRole.of(role));
        return include(request, TenancyWire.user(user));
    }

    @Operation(operationId = "listUsers")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.UserList.class)))
    @Get(uris = {V3 + "/users", V31 + "/users"})
    Map<String, Object> list(HttpRequest<?> request) {
        ListParams params = ListParams.parse(request.getParameters(), TenancyWire.USER_FIELDS, Searches.on("username"));
        return ListEnvelope.of(users.list(params.query()), params, TenancyWire::user);
    }

    @Operation(operationId = "getUser")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.User.class)))
    @Get(uris = {V3 + "/users/{username}", V31 + "/users/{username}"})
    Map<String, Object> get(String username, HttpRequest<?> request) {
        return include(request, TenancyWire.user(users.get(username)));
    }

    @Operation(operationId = "getCurrentUser")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.User.class)))
    @Get(uris = {V3 + "/user", V31 + "/user"})
    Map<String, Object> self(HttpRequest<?> request) {
        return include(request, TenancyWire.user(users.self()));
    }

    /**
     * {@code cfy users set-password} and {@code set-role}, and the client's {@code set_show_getting_started}: one
     * setting per request, as Cloudify's server wants.
     */
    @Operation(operationId = "updateUser")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.User.class)))
    @Post(uris = {V3 + "/users/{username}", V31 + "/users/{username}"})
    Map<String, Object> update(String username, @Nullable @Body Map<String, Object> body, HttpRequest<?> request) {
        JsonBody json = JsonBody.of(body);
        String password = json.optionalString("password");
        String role = json.optionalString("role");
        if (password != null && role != null) {
            throw new InvalidInputException("Both `password` and `role` provided");
        }
        if (password == null && role == null) {
            Object show = json.fields().get("show_getting_started");
            if (show instanceof Boolean flag) {
                return include(request, TenancyWire.user(users.setShowGettingStarted(username, flag)));
            }
            if (show != null) {
                throw new InvalidInputException("show_getting_started must be true or false, got " + show);
            }
            throw new InvalidInputException("No valid user settings provided: send `password`, `role` or "
                    + "`show_getting_started`");
        }
        var user = password != null ? users.setPassword(username, password) : users.setRole(username, role);
        return include(request, TenancyWire.user(user));
    }

    @Operation(operationId = "setUserActive")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.User.class)))
    @Post(uris = {V3 + "/users/active/{username}", V31 + "/users/active/{username}"})
    Map<String, Object> setActive(String username, @Nullable @Body Map<String, Object> body, HttpRequest<?> request) {
        String action = JsonBody.of(body).requiredString("action");
        boolean active = switch (action) {
            case "activate" -> true;
            case "deactivate" -> false;
            default -> throw new InvalidInputException("Invalid action `" + action
                    + "`: use `activate` or `deactivate`");
        };
        return include(request, TenancyWire.user(users.setActive(username, active)));
    }

    /** The client sends no body (with {@code Content-type: application/json}). */
    @Operation(operationId = "unlockUser")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = CloudifySchemas.User.class)))
    @Post(uris = {V3 + "/users/unlock/{username}", V31 + "/users/unlock/{username}"})
    Map<String, Object> unlock(String username, HttpRequest<?> request) {
        return include(request, TenancyWire.user(users.unlock(username)));
    }

    @Operation(operationId = "deleteUser")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Delete(uris = {V3 + "/users/{username}", V31 + "/users/{username}"})
    HttpResponse<?> delete(String username) {
        users.delete(username);
        return HttpResponse.noContent();
    }

    private static Map<String, Object> include(HttpRequest<?> request, Map<String, Object> rendered) {
        return ListParams.Include.of(request.getParameters(), TenancyWire.USER_FIELDS).apply(rendered);
    }
}
