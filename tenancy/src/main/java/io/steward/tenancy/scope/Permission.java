package io.steward.tenancy.scope;

import io.steward.tenancy.member.TenantRole;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static io.steward.tenancy.member.TenantRole.MANAGER;
import static io.steward.tenancy.member.TenantRole.OPERATIONS;
import static io.steward.tenancy.member.TenantRole.USER;
import static io.steward.tenancy.member.TenantRole.VIEWER;

/**
 * What a caller may do, and which tenant roles grant it (Cloudify's {@code permissions.py}). {@code sys_admin}
 * holds every permission; permissions with no tenant roles are for {@code sys_admin} alone.
 */
public enum Permission {
    BLUEPRINT_LIST(MANAGER, USER, OPERATIONS, VIEWER),
    BLUEPRINT_UPLOAD(MANAGER, USER),
    BLUEPRINT_DELETE(MANAGER, USER),
    DEPLOYMENT_LIST(MANAGER, USER, OPERATIONS, VIEWER),
    DEPLOYMENT_CREATE(MANAGER, USER, OPERATIONS),
    DEPLOYMENT_DELETE(MANAGER, USER, OPERATIONS),
    /** Change a deployment's labels, display name, site or visibility (Cloudify's {@code deployment_update}). */
    DEPLOYMENT_UPDATE(MANAGER, USER, OPERATIONS),
    /** Create, change and delete saved filters (Cloudify's {@code filter_create}, {@code filter_update}, …). */
    FILTER_MANAGE(MANAGER, USER, OPERATIONS),
    /** Change a node instance's state or runtime properties (Cloudify's {@code node_instance_update}). */
    NODE_INSTANCE_UPDATE(MANAGER, USER, OPERATIONS),
    EXECUTION_LIST(MANAGER, USER, OPERATIONS, VIEWER),
    EXECUTION_START(MANAGER, USER, OPERATIONS),
    EXECUTION_CANCEL(MANAGER, USER, OPERATIONS),
    EXECUTION_STATUS_UPDATE(MANAGER, USER, OPERATIONS),
    EXECUTION_DELETE(MANAGER, USER, OPERATIONS),
    EVENT_LIST(MANAGER, USER, OPERATIONS, VIEWER),
    EVENT_CREATE(MANAGER, USER, OPERATIONS),
    /** Deleting events deletes execution history: the roles of {@link #EXECUTION_DELETE}. */
    EVENT_DELETE(MANAGER, USER, OPERATIONS),
    SECRET_LIST(MANAGER, USER, OPERATIONS, VIEWER),
    /** Read a secret's value: not for viewers, who see that secrets exist but not what they hold. */
    SECRET_GET(MANAGER, USER, OPERATIONS),
    SECRET_CREATE(MANAGER, USER, OPERATIONS),
    SECRET_UPDATE(MANAGER, USER, OPERATIONS),
    SECRET_DELETE(MANAGER, USER, OPERATIONS),
    SITE_LIST(MANAGER, USER, OPERATIONS, VIEWER),
    /** Create, change and delete sites (Cloudify's {@code site_create}, {@code site_update}, {@code site_delete}). */
    SITE_MANAGE(MANAGER, USER),
    /** See other users' private resources. */
    ADMINISTRATORS(MANAGER),
    CREATE_GLOBAL_RESOURCE(),
    TENANT_MANAGE(),
    /** Change a manager setting ({@code PUT /config/{name}}). */
    MANAGER_CONFIG_PUT(),
    /** Activate or deactivate maintenance mode, and pass it with {@code X-BYPASS-MAINTENANCE}. */
    MAINTENANCE_MODE_SET(),
    USER_MANAGE(),
    /** Set another user's password or anyone's role, or end a lockout (Cloudify's {@code user_update}). */
    USER_UPDATE(),
    /** Activate or deactivate a user (Cloudify's {@code user_set_activated}). */
    USER_SET_ACTIVATED();

    private final Set<TenantRole> tenantRoles;

    Permission(TenantRole... roles) {
        this.tenantRoles = roles.length == 0 ? EnumSet.noneOf(TenantRole.class) : EnumSet.of(roles[0], roles);
    }

    boolean grantedTo(TenantRole role) {
        return role != null && tenantRoles.contains(role);
    }

    /** The tenant roles that grant this permission ({@code sys_admin} holds every permission besides). */
    public Set<TenantRole> tenantRoles() {
        return java.util.Collections.unmodifiableSet(tenantRoles);
    }

    /** Cloudify's action name, used in its error messages: {@code execution_start}. */
    public String action() {
        return name().toLowerCase(Locale.ROOT);
    }
}
