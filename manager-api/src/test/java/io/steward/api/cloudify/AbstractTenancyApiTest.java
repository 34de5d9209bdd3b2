package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Api;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tenants, users and memberships through the API, with the bodies Cloudify's client sends. */
abstract class AbstractTenancyApiTest extends ApiTestBase {

    @Test
    void admin_creates_a_tenant_a_user_and_a_membership() {
        String tenant = newTenant();
        String username = unique("u");
        var user = admin.put("/api/v3.1/users", Map.of("username", username, "password", "secret", "role", "default"));
        assertThat(user.status()).isEqualTo(201);
        assertThat(user.json()).containsEntry("role", "default").doesNotContainKey("password");
        var added = admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant,
                "role", "operations"));
        assertThat(added.json()).containsEntry("name", tenant).containsEntry("users", 1);
        var self = server.api().basic(username, "secret").tenant(tenant).get("/api/v3.1/user").json();
        assertThat(self.get("tenants")).isEqualTo(Map.of(tenant, Map.of("tenant-role", "operations",
                "roles", java.util.List.of("operations"))));
    }

    @Test
    void a_membership_defaults_to_the_user_role_and_can_be_changed() {
        String tenant = newTenant();
        String username = unique("u");
        admin.put("/api/v3.1/users", Map.of("username", username, "password", "secret"));
        admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant));
        assertThat(tenantRole(username, tenant)).isEqualTo("user");
        assertThat(admin.patch("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant,
                "role", "viewer")).status()).isEqualTo(200);
        assertThat(tenantRole(username, tenant)).isEqualTo("viewer");
    }

    @Test
    void duplicates_answer_409_conflict() {
        String tenant = newTenant();
        assertThat(admin.post("/api/v3.1/tenants/" + tenant, Map.of()).errorCode()).isEqualTo("conflict_error");
        String username = unique("u");
        admin.put("/api/v3.1/users", Map.of("username", username, "password", "secret"));
        var again = admin.put("/api/v3.1/users", Map.of("username", username, "password", "secret"));
        assertThat(again.status()).isEqualTo(409);
        admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant));
        assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant))
                .status()).isEqualTo(409);
    }

    @Test
    void bad_names_roles_and_missing_fields_answer_400() {
        assertThat(admin.post("/api/v3.1/tenants/bad%20name", Map.of()).status()).isEqualTo(400);
        assertThat(admin.put("/api/v3.1/users", Map.of("username", "1starts-with-digit", "password", "x")).status())
                .isEqualTo(400);
        assertThat(admin.put("/api/v3.1/users", Map.of("username", unique("u"))).json().get("message"))
                .isEqualTo("Missing password in json request body");
        assertThat(admin.put("/api/v3.1/users", Map.of("username", unique("u"), "password", "x", "role", "god"))
                .status()).isEqualTo(400);
        assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", "admin", "tenant_name", "default_tenant",
                "role", "owner")).status()).isEqualTo(400);
    }

    @Test
    void memberships_of_unknown_users_or_tenants_answer_404() {
        assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", "ghost", "tenant_name", "default_tenant"))
                .status()).isEqualTo(404);
        assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", "admin", "tenant_name", "ghost-tenant"))
                .status()).isEqualTo(404);
    }

    @Test
    void members_list_only_their_own_tenants() {
        String mine = newTenant();
        newTenant();
        Api member = newMember(mine, "viewer");
        assertThat(member.get("/api/v3.1/tenants").items()).extracting(t -> t.get("name")).containsExactly(mine);
        assertThat(member.get("/api/v3.1/tenants/default_tenant").status()).isEqualTo(404);
    }

    @Test
    void an_empty_tenant_can_be_deleted_and_then_is_gone() {
        String tenant = newTenant();
        assertThat(admin.delete("/api/v3.1/tenants/" + tenant).status()).isEqualTo(204);
        assertThat(admin.get("/api/v3.1/tenants/" + tenant).status()).isEqualTo(404);
    }

    @Test
    void users_cannot_read_other_users() {
        String tenant = newTenant();
        Api member = newMember(tenant, "manager");
        assertThat(member.get("/api/v3.1/users/admin").status()).isEqualTo(404);
    }

    @SuppressWarnings("unchecked")
    private String tenantRole(String username, String tenant) {
        var tenants = (Map<String, Map<String, Object>>) admin.get("/api/v3.1/users/" + username).json().get("tenants");
        return (String) tenants.get(tenant).get("tenant-role");
    }
}
