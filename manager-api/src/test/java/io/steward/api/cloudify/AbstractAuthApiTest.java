package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Api;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication and the Tenant header, with Cloudify's status codes and messages for every failure. */
abstract class AbstractAuthApiTest extends ApiTestBase {

    @Test
    void no_credentials_answer_401() {
        var response = server.api().tenant("default_tenant").get("/api/v3.1/blueprints");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("unauthorized_error");
        assertThat(response.json().get("message")).isEqualTo("User unauthorized: No authentication info provided");
    }

    @Test
    void wrong_password_answers_401_naming_the_user() {
        String tenant = newTenant();
        Api member = newMember(tenant, "user");
        String username = member.get("/api/v3.1/user").json().get("username").toString();
        var response = server.api().basic(username, "wrong").tenant(tenant).get("/api/v3.1/blueprints");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("message").toString()).contains("Authentication failed for <User username=`"
                + username + "`>");
    }

    @Test
    void unknown_users_and_malformed_headers_answer_401() {
        assertThat(server.api().basic("nobody", "x").get("/api/v3.1/user").status()).isEqualTo(401);
        assertThat(server.api().with("Authorization", "Basic !!!notbase64").get("/api/v3.1/user").status())
                .isEqualTo(401);
        assertThat(server.api().with("Authorization", "Bearer abc").get("/api/v3.1/user").status()).isEqualTo(401);
    }

    @Test
    void repeated_wrong_passwords_lock_the_user_for_a_while() {
        String tenant = newTenant();
        Api member = newMember(tenant, "user");
        String username = member.get("/api/v3.1/user").json().get("username").toString();
        for (int i = 0; i < 5; i++) {
            assertThat(server.api().basic(username, "wrong").get("/api/v3.1/user").status()).isEqualTo(401);
        }
        assertThat(member.get("/api/v3.1/user").status()).as("right password while locked").isEqualTo(401);
        assertThat(admin.get("/api/v3.1/users/" + username).json()).containsEntry("is_locked", true);
    }

    @Test
    void a_token_authenticates_alone_on_both_prefixes_until_revoked() {
        var created = admin.post("/api/v3.1/tokens", Map.of("description", "ci"));
        assertThat(created.status()).isEqualTo(200);
        String value = created.json().get("value").toString();
        assertThat(value).startsWith("ctok-");
        Api tokenClient = server.api().token(value).tenant("default_tenant");
        assertThat(tokenClient.get("/api/v3/blueprints?_include=id").status()).isEqualTo(200);
        assertThat(tokenClient.get("/api/v3.1/user").json()).containsEntry("username", "admin");
        // Listed masked, as Cloudify does: the id, never the secret.
        assertThat(admin.get("/api/v3.1/tokens").items()).extracting(t -> t.get("value"))
                .contains("ctok-" + created.json().get("id") + "-********").doesNotContain(value);
        assertThat(admin.delete("/api/v3.1/tokens/" + created.json().get("id")).status()).isEqualTo(204);
        assertThat(tokenClient.get("/api/v3.1/user").status()).isEqualTo(401);
    }

    @Test
    void malformed_and_unknown_tokens_answer_401() {
        var malformed = server.api().token("garbage").get("/api/v3.1/user");
        assertThat(malformed.status()).isEqualTo(401);
        assertThat(malformed.json().get("message")).isEqualTo("User unauthorized: Invalid token structure");
        assertThat(server.api().token("ctok-nope-nope").get("/api/v3.1/user").status()).isEqualTo(401);
    }

    @Test
    void an_unknown_tenant_answers_403() {
        var response = admin.tenant("no-such-tenant").get("/api/v3.1/blueprints");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("forbidden_error");
        assertThat(response.json().get("message"))
                .isEqualTo("Authorization failed: Tried to authenticate with invalid tenant name: no-such-tenant");
    }

    @Test
    void a_non_member_is_refused_in_a_tenant() {
        String mine = newTenant();
        String other = newTenant();
        Api member = newMember(mine, "manager");
        var response = member.tenant(other).get("/api/v3.1/blueprints");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("message").toString()).contains("is not permitted to perform the action")
                .contains(other);
    }

    @Test
    void a_missing_tenant_header_is_refused_for_tenant_scoped_lists() {
        assertThat(admin.tenant(null).get("/api/v3.1/blueprints").json().get("message"))
                .isEqualTo("Authorization failed: tenant not provided");
        String tenant = newTenant();
        var member = newMember(tenant, "user").tenant(null).get("/api/v3.1/blueprints");
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.json().get("message").toString()).contains("is not permitted to perform the action");
    }

    @Test
    void a_removed_user_is_refused_even_after_a_successful_login() {
        String tenant = newTenant();
        Api member = newMember(tenant, "user");
        String username = member.get("/api/v3.1/user").json().get("username").toString();
        assertThat(admin.delete("/api/v3.1/users/" + username).status()).isEqualTo(204);
        assertThat(member.get("/api/v3.1/user").status()).isEqualTo(401);
    }

    @Test
    void removing_a_membership_takes_the_tenant_away() {
        String tenant = newTenant();
        Api member = newMember(tenant, "user");
        String username = member.get("/api/v3.1/user").json().get("username").toString();
        assertThat(member.get("/api/v3.1/blueprints").status()).isEqualTo(200);
        assertThat(admin.delete("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant))
                .status()).isEqualTo(204);
        assertThat(member.get("/api/v3.1/blueprints").status()).isEqualTo(403);
    }

    @Test
    void only_sys_admin_manages_tenants_and_users() {
        String tenant = newTenant();
        Api manager = newMember(tenant, "manager");
        assertThat(manager.post("/api/v3.1/tenants/" + unique("t"), Map.of()).status()).isEqualTo(403);
        assertThat(manager.put("/api/v3.1/users", Map.of("username", unique("u"), "password", "p")).status())
                .isEqualTo(403);
        assertThat(manager.get("/api/v3.1/users").status()).isEqualTo(403);
        assertThat(manager.put("/api/v3.1/tenants/users", Map.of("username", "admin", "tenant_name", tenant))
                .status()).isEqualTo(403);
    }
}
