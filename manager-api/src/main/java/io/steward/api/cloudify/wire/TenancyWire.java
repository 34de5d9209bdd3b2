package io.steward.api.cloudify.wire;

import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.member.User;
import io.steward.tenancy.tenant.Tenant;
import io.steward.tenancy.token.ApiToken;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How tenants, users and tokens look on the wire, as Cloudify's premium API renders them. */
public final class TenancyWire {
    public static final List<String> TENANT_FIELDS = List.of("id", "name", "users", "groups", "created_at");
    public static final List<String> USER_FIELDS = List.of("id", "username", "role", "active", "is_locked",
            "show_getting_started", "created_at", "last_login_at", "tenants", "tenant_roles", "groups",
            "group_system_roles", "first_name", "last_name");
    public static final List<String> TOKEN_FIELDS = List.of("id", "value", "username", "role", "expiration_date",
            "last_used", "description");

    private TenancyWire() {
    }

    public static Map<String, Object> tenant(Tenant tenant) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", tenant.name());
        out.put("name", tenant.name());
        out.put("users", tenant.userCount());
        out.put("groups", 0);
        out.put("created_at", Timestamps.format(tenant.createdAt()));
        return out;
    }

    public static Map<String, Object> user(User user) {
        Map<String, Object> tenants = new LinkedHashMap<>();
        Map<String, Object> direct = new LinkedHashMap<>();
        for (Map.Entry<String, TenantRole> membership : user.tenants().entrySet()) {
            String role = membership.getValue().wire();
            tenants.put(membership.getKey(), Map.of("tenant-role", role, "roles", List.of(role)));
            direct.put(membership.getKey(), role);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", user.username());
        out.put("username", user.username());
        out.put("role", user.systemRole().wire());
        out.put("active", user.active());
        out.put("is_locked", user.locked());
        out.put("show_getting_started", user.showGettingStarted());
        out.put("created_at", Timestamps.format(user.createdAt()));
        out.put("last_login_at", Timestamps.format(user.lastLoginAt()));
        out.put("tenants", tenants);
        out.put("tenant_roles", Map.of("direct", direct, "groups", Map.of()));
        out.put("groups", List.of());
        out.put("group_system_roles", Map.of());
        out.put("first_name", null);
        out.put("last_name", null);
        return out;
    }

    public static Map<String, Object> token(ApiToken token) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", token.id());
        out.put("value", token.value());
        out.put("username", token.username());
        out.put("role", token.role());
        out.put("expiration_date", Timestamps.format(token.expirationDate()));
        out.put("last_used", Timestamps.format(token.lastUsed()));
        out.put("description", token.description());
        return out;
    }
}
