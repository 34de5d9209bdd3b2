package io.steward.api.cloudify.schema;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The shapes of Cloudify's bodies, for the OpenAPI document only: the controllers render {@code Map}s (so that
 * {@code _include} can project any field), and these records give micronaut-openapi something to describe.
 * Components are named as Cloudify's fields are (snake_case), so the document shows them as they are sent.
 * {@code OpenApiDocumentApiTest} holds each record to the field list of the wire class that really renders it, so
 * the two cannot drift apart. Longer than usual: it is one table.
 */
public final class CloudifySchemas {
    private CloudifySchemas() {
    }

    private static final String TIME = "date-time";

    @Schema(name = "Error", description = "Cloudify's error body, for every 4xx and 5xx of the manager API")
    public record Error(@Schema(description = "what went wrong, and what the caller can do") String message,
                        @Schema(example = "not_found_error") String error_code,
                        @Schema(nullable = true, description = "always null: no stack trace leaves the server")
                        String server_traceback) {
    }

    @Schema(name = "Pagination")
    public record Pagination(long total, int size, int offset) {
    }

    @Schema(name = "ListMetadata")
    public record ListMetadata(Pagination pagination,
                               @Schema(nullable = true, description = "how many the filter rules left out")
                               Integer filtered) {
    }

    @Schema(name = "Blueprint")
    public record Blueprint(String id, @Schema(nullable = true) String description, String main_file_name,
                            Map<String, Object> plan, @Schema(nullable = true) Object plan_p,
                            @Schema(example = "uploaded") String state, @Schema(nullable = true) String error,
                            @Schema(nullable = true) String error_traceback, List<Label> labels,
                            @Schema(nullable = true) Execution upload_execution, Map<String, Object> requirements,
                            boolean is_hidden, @Schema(format = TIME) String created_at,
                            @Schema(format = TIME) String updated_at, String tenant_name, String created_by,
                            @Schema(allowableValues = {"private", "tenant", "global"}) String visibility,
                            boolean private_resource, String resource_availability) {
    }

    @Schema(name = "BlueprintList")
    public record BlueprintList(List<Blueprint> items, ListMetadata metadata) {
    }

    @Schema(name = "Label")
    public record Label(String key, String value, @Schema(format = TIME) String created_at, String created_by) {
    }

    @Schema(name = "Deployment")
    public record Deployment(String id, String display_name, String blueprint_id,
                             @Schema(nullable = true) String description, Map<String, Object> inputs,
                             Map<String, Object> outputs, Map<String, Object> capabilities,
                             List<Map<String, Object>> workflows, List<Label> labels,
                             @Schema(nullable = true) String installation_status,
                             @Schema(nullable = true) String deployment_status,
                             @Schema(nullable = true) String latest_execution,
                             @Schema(nullable = true) String latest_execution_status,
                             @Schema(nullable = true) String latest_execution_workflow_id,
                             @Schema(nullable = true) Integer latest_execution_total_operations,
                             @Schema(nullable = true) Integer latest_execution_finished_operations,
                             int unavailable_instances, int drifted_instances, String environment_type,
                             int sub_environments_count,
                             @Schema(nullable = true, allowableValues = {"good", "in_progress", "requires_attention"})
                             String sub_environments_status,
                             int sub_services_count,
                             @Schema(nullable = true, allowableValues = {"good", "in_progress", "requires_attention"})
                             String sub_services_status,
                             Map<String, Object> policy_triggers, Map<String, Object> policy_types,
                             Map<String, Object> groups, Map<String, Object> scaling_groups,
                             @Schema(nullable = true) String site_name,
                             @Schema(format = TIME) String created_at, @Schema(format = TIME) String updated_at,
                             String tenant_name, String created_by,
                             @Schema(allowableValues = {"private", "tenant", "global"}) String visibility,
                             boolean private_resource, String resource_availability) {
    }

    @Schema(name = "DeploymentList")
    public record DeploymentList(List<Deployment> items, ListMetadata metadata) {
    }

    @Schema(name = "NodeInstance")
    public record NodeInstance(String id, String node_id, String deployment_id,
                               @Schema(example = "started") String state, Map<String, Object> runtime_properties,
                               List<Map<String, Object>> relationships, @Schema(nullable = true) String host_id,
                               int version, int index, List<Map<String, Object>> scaling_groups,
                               Map<String, Object> system_properties, boolean has_configuration_drift,
                               boolean is_status_check_ok, @Schema(format = TIME) String created_at, String tenant_name,
                               String created_by,
                               @Schema(allowableValues = {"private", "tenant", "global"}) String visibility,
                               boolean private_resource, String resource_availability) {
    }

    @Schema(name = "NodeInstanceList")
    public record NodeInstanceList(List<NodeInstance> items, ListMetadata metadata) {
    }

    @Schema(name = "Execution")
    public record Execution(String id, String workflow_id, @Schema(nullable = true) String deployment_id,
                            @Schema(nullable = true) String blueprint_id,
                            @Schema(nullable = true) String deployment_display_name,
                            @Schema(allowableValues = {"pending", "started", "cancelling", "force_cancelling",
                                    "kill_cancelling", "cancelled", "terminated", "failed", "queued", "scheduled"})
                            String status,
                            String status_display, Map<String, Object> parameters,
                            @Schema(nullable = true, description = "always null") Object parameters_p,
                            @Schema(nullable = true) String error, @Schema(format = TIME) String created_at,
                            @Schema(nullable = true, format = TIME) String started_at,
                            @Schema(nullable = true, format = TIME) String ended_at,
                            @Schema(nullable = true, format = TIME) String scheduled_for, boolean is_system_workflow,
                            boolean is_dry_run, boolean resume, boolean allow_custom_parameters, int total_operations,
                            int finished_operations,
                            @Schema(allowableValues = {"private", "tenant", "global"}) String visibility,
                            String resource_availability, boolean private_resource, String tenant_name,
                            String created_by) {
    }

    @Schema(name = "ExecutionList")
    public record ExecutionList(List<Execution> items, ListMetadata metadata) {
    }

    @Schema(name = "Event", description = "An event (type cloudify_event, with event_type) or a log (type "
            + "cloudify_log, with logger and level)")
    public record Event(@Schema(description = "the id Last-Event-ID resumes after")
                        long _storage_id,
                        @Schema(format = TIME) String timestamp, @Schema(format = TIME) String reported_timestamp,
                        @Schema(allowableValues = {"cloudify_event", "cloudify_log"}) String type, String message,
                        @Schema(nullable = true) String event_type, @Schema(nullable = true) String logger,
                        @Schema(nullable = true) String level, @Schema(nullable = true) String blueprint_id,
                        @Schema(nullable = true) String deployment_id,
                        @Schema(nullable = true) String deployment_display_name, String execution_id,
                        @Schema(nullable = true) String execution_group_id, @Schema(nullable = true) String workflow_id,
                        @Schema(nullable = true) String operation, @Schema(nullable = true) String node_instance_id,
                        @Schema(nullable = true) String node_name, @Schema(nullable = true) String source_id,
                        @Schema(nullable = true) String target_id,
                        @Schema(nullable = true) List<Map<String, Object>> error_causes,
                        @Schema(nullable = true) String manager_name, @Schema(nullable = true) String agent_name) {
    }

    @Schema(name = "EventList")
    public record EventList(List<Event> items, ListMetadata metadata) {
    }

    @Schema(name = "Tenant")
    public record Tenant(String id, String name, int users, int groups, @Schema(format = TIME) String created_at) {
    }

    @Schema(name = "TenantList")
    public record TenantList(List<Tenant> items, ListMetadata metadata) {
    }

    @Schema(name = "User")
    public record User(String id, String username,
                       @Schema(allowableValues = {"sys_admin", "default"}) String role, boolean active,
                       boolean is_locked, boolean show_getting_started, @Schema(format = TIME) String created_at,
                       @Schema(nullable = true, format = TIME) String last_login_at,
                       @Schema(description = "tenant name → {tenant-role, roles}") Map<String, Object> tenants,
                       Map<String, Object> tenant_roles, List<String> groups, Map<String, Object> group_system_roles,
                       @Schema(nullable = true) String first_name, @Schema(nullable = true) String last_name) {
    }

    @Schema(name = "UserList")
    public record UserList(List<User> items, ListMetadata metadata) {
    }

    @Schema(name = "Token")
    public record Token(String id,
                        @Schema(description = "ctok-…: in full only in the answer to its creation, masked after")
                        String value,
                        String username, String role, @Schema(nullable = true, format = TIME) String expiration_date,
                        @Schema(nullable = true, format = TIME) String last_used,
                        @Schema(nullable = true) String description) {
    }

    @Schema(name = "TokenList")
    public record TokenList(List<Token> items, ListMetadata metadata) {
    }

    @Schema(name = "Secret")
    public record Secret(String key, @Schema(description = "\"\" when hidden from the caller") String value,
                         @Schema(nullable = true) Map<String, Object> schema, boolean is_hidden_value,
                         @Schema(nullable = true) String provider_name,
                         @Schema(nullable = true) Map<String, Object> provider_options,
                         @Schema(format = TIME) String created_at, @Schema(format = TIME) String updated_at,
                         String tenant_name, String created_by,
                         @Schema(allowableValues = {"private", "tenant", "global"}) String visibility,
                         boolean private_resource, String resource_availability) {
    }

    @Schema(name = "SecretListItem", description = "A secret as lists show it: never its value")
    public record SecretListItem(String key, @Schema(format = TIME) String created_at,
                                 @Schema(format = TIME) String updated_at,
                                 @Schema(allowableValues = {"private", "tenant", "global"}) String visibility,
                                 String resource_availability, String tenant_name, String created_by,
                                 boolean is_hidden_value, @Schema(nullable = true) String provider_name) {
    }

    @Schema(name = "SecretList")
    public record SecretList(List<SecretListItem> items, ListMetadata metadata) {
    }

    // Request bodies. Cloudify's client sends flags as booleans or as "true"/"false" strings; both are accepted.

    @Schema(name = "StartExecutionCommand")
    public record StartExecutionCommand(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String deployment_id,
                                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "install")
                                        String workflow_id,
                                        Map<String, Object> parameters, boolean allow_custom_parameters,
                                        boolean force, boolean dry_run,
                                        @Schema(description = "queue behind the deployment's running execution")
                                        boolean queue,
                                        @Schema(nullable = true, format = TIME) String scheduled_time,
                                        @Schema(nullable = true) Integer wait_after_fail) {
    }

    @Schema(name = "ExecutionActionCommand")
    public record ExecutionActionCommand(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            allowableValues = {"cancel", "force-cancel", "kill", "resume", "force-resume", "requeue"}) String action) {
    }

    @Schema(name = "ExecutionStatusCommand")
    public record ExecutionStatusCommand(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String status,
                                         @Schema(nullable = true) String error) {
    }

    @Schema(name = "CreateDeploymentCommand")
    public record CreateDeploymentCommand(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String blueprint_id,
                                          Map<String, Object> inputs,
                                          @Schema(allowableValues = {"private", "tenant", "global"})
                                          String visibility,
                                          @Schema(nullable = true) String display_name, List<Label> labels) {
    }

    @Schema(name = "NodeInstanceUpdateCommand")
    public record NodeInstanceUpdateCommand(@Schema(nullable = true) Integer version,
                                            Map<String, Object> runtime_properties, String state, boolean force) {
    }

    @Schema(name = "CreateUserCommand")
    public record CreateUserCommand(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String username,
                                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "password")
                                    String password,
                                    @Schema(allowableValues = {"sys_admin", "default"}) String role) {
    }

    @Schema(name = "TenantMembershipCommand")
    public record TenantMembershipCommand(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String username,
                                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String tenant_name,
                                          @Schema(allowableValues = {"manager", "user", "operations", "viewer"})
                                          String role) {
    }

    @Schema(name = "CreateTokenCommand")
    public record CreateTokenCommand(@Schema(nullable = true) String description,
                                     @Schema(nullable = true, description = "an ISO date-time, +1h, +2 weeks, "
                                             + "YYYY-MM-DD HH:MM or HH:MM (UTC)") String expiration_date) {
    }

    @Schema(name = "SecretCommand")
    public record SecretCommand(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String value,
                                @Schema(allowableValues = {"private", "tenant", "global"}) String visibility,
                                boolean is_hidden_value, boolean update_if_exists) {
    }
}
