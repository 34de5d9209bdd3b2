package io.steward.tenancy.scope;

import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.member.SystemRole;
import io.steward.tenancy.member.TenantRole;

/**
 * Who is calling and in which tenant. {@code tenant} is null when the request named none; {@code tenantRole} is null
 * when the caller is not a member of that tenant (a sys_admin may still act there). {@code bearerToken} is the
 * {@code Authorization: Bearer} value the caller authenticated with (an API token or an identity provider's access
 * token), kept for calls made on the caller's behalf; null otherwise. It never appears in {@link #toString()}.
 */
public record Caller(String username, SystemRole systemRole, String tenant, TenantRole tenantRole,
                     String bearerToken) {

    public Caller(String username, SystemRole systemRole, String tenant, TenantRole tenantRole) {
        this(username, systemRole, tenant, tenantRole, null);
    }

    @Override
    public String toString() {
        return "Caller[username=" + username + ", systemRole=" + systemRole + ", tenant=" + tenant + ", tenantRole="
                + tenantRole + ", bearerToken=" + (bearerToken == null ? "none" : "****") + "]";
    }

    public boolean isSysAdmin() {
        return systemRole == SystemRole.SYS_ADMIN;
    }

    public boolean has(Permission permission) {
        return isSysAdmin() || (tenant != null && permission.grantedTo(tenantRole));
    }

    /** Refuses with Cloudify's 403 message unless the caller holds the permission in the current tenant. */
    public void require(Permission permission) {
        if (has(permission)) {
            return;
        }
        String where = tenant == null ? "" : " in the tenant `" + tenant + "`";
        throw new AccessDeniedException(Problem.FORBIDDEN,
                "User `" + username + "` is not permitted to perform the action " + permission.action() + where);
    }

    /** The tenant every tenant-owned read and write happens in; fails closed when there is none. */
    String requireTenant() {
        if (tenant == null) {
            throw new AccessDeniedException(Problem.NO_TENANT_BOUND, "Authorization failed: tenant not provided");
        }
        if (tenantRole == null && !isSysAdmin()) {
            throw new AccessDeniedException(Problem.FORBIDDEN,
                    "User `" + username + "` is not permitted to access the tenant `" + tenant + "`");
        }
        return tenant;
    }
}
