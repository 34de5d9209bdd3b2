package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.SettableClockApiTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long credentials hold, on a server whose clock the test moves: a token ends at its expiration even while its
 * caller is cached, only consecutive wrong passwords lock a user (any success ends the row, cached or not), and an
 * unknown user is refused exactly like a wrong password.
 */
abstract class AbstractCredentialApiTest extends SettableClockApiTestBase {
    private static final int MAX_FAILED_LOGINS = 5;

    @Test
    void a_token_is_refused_from_its_expiration_on_even_while_its_caller_is_cached() {
        var created = admin.post("/api/v3.1/tokens",
                Map.of("expiration_date", clock().instant().plusSeconds(2).toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        Api token = server.api().token(created.json().get("value").toString()).tenant("default_tenant");
        assertThat(token.get("/api/v3.1/user").status()).isEqualTo(200);

        clock().advance(Duration.ofSeconds(3));
        var expired = token.get("/api/v3.1/user");
        assertThat(expired.status()).as(expired.body()).isEqualTo(401);
        assertThat(expired.errorCode()).isEqualTo("unauthorized_error");
        assertThat(expired.json().get("message")).isEqualTo("User unauthorized: Token is expired");
    }

    @Test
    void a_success_uncached_or_from_the_cache_of_verified_callers_ends_a_row_of_failures() {
        Member member = newMemberNamed();
        failLogins(member, MAX_FAILED_LOGINS - 1);
        assertThat(member.api.get("/api/v3.1/user").status()).as("first, uncached success").isEqualTo(200);
        failLogins(member, MAX_FAILED_LOGINS - 1);
        assertThat(member.api.get("/api/v3.1/user").status()).as("success, same headers").isEqualTo(200);
        failLogins(member, MAX_FAILED_LOGINS - 1);
        assertNotLocked(member);
    }

    @Test
    void a_success_from_the_password_cache_ends_a_row_of_failures() {
        Member member = newMemberNamed();
        assertThat(member.api.get("/api/v3.1/user").status()).as("fills the password cache").isEqualTo(200);
        failLogins(member, MAX_FAILED_LOGINS - 1);
        // Another Tenant header: the cache of verified callers has no entry, the password cache has one.
        assertThat(member.api.tenant(null).get("/api/v3.1/user").status()).isEqualTo(200);
        failLogins(member, MAX_FAILED_LOGINS - 1);
        assertNotLocked(member);
    }

    @Test
    void consecutive_wrong_passwords_lock_the_user_until_the_lockout_ends() {
        Member member = newMemberNamed();
        assertThat(member.api.get("/api/v3.1/user").status()).isEqualTo(200);
        failLogins(member, MAX_FAILED_LOGINS);

        var locked = member.api.get("/api/v3.1/user");
        assertThat(locked.status()).as("right password while locked").isEqualTo(401);
        assertThat(locked.errorCode()).isEqualTo("unauthorized_error");
        assertThat(locked.json().get("message")).isEqualTo(wrongCredentials(member.username));
        assertThat(admin.get("/api/v3.1/users/" + member.username).json()).containsEntry("is_locked", true);

        clock().advance(Duration.ofSeconds(61));
        assertThat(member.api.get("/api/v3.1/user").status()).as("after the lockout").isEqualTo(200);
    }

    @Test
    void an_unknown_user_gets_the_answer_of_a_wrong_password() {
        Member member = newMemberNamed();
        var wrong = server.api().basic(member.username, "wrong").get("/api/v3.1/user");
        String unknownName = unique("nobody");
        var unknown = server.api().basic(unknownName, "wrong").get("/api/v3.1/user");

        assertThat(unknown.status()).isEqualTo(wrong.status()).isEqualTo(401);
        assertThat(unknown.errorCode()).isEqualTo(wrong.errorCode()).isEqualTo("unauthorized_error");
        assertThat(unknown.json().get("message")).isEqualTo(wrongCredentials(unknownName));
        assertThat(wrong.json().get("message")).isEqualTo(wrongCredentials(member.username));
        assertThat(unknown.body().replace(unknownName, "NAME")).isEqualTo(wrong.body().replace(member.username, "NAME"));
    }

    private static String wrongCredentials(String username) {
        return "User unauthorized: Authentication failed for <User username=`" + username
                + "`>. Wrong credentials or locked account";
    }

    private void failLogins(Member member, int times) {
        for (int i = 0; i < times; i++) {
            var response = server.api().basic(member.username, "wrong").tenant(member.tenant).get("/api/v3.1/user");
            assertThat(response.status()).as("wrong password " + (i + 1)).isEqualTo(401);
        }
    }

    private void assertNotLocked(Member member) {
        assertThat(admin.get("/api/v3.1/users/" + member.username).json()).containsEntry("is_locked", false);
        assertThat(member.api.get("/api/v3.1/user").status()).as("right password").isEqualTo(200);
    }

    /** A user with role {@code user} in a new tenant, who has not logged in yet. */
    private Member newMemberNamed() {
        String tenant = newTenant();
        String username = unique("u");
        assertThat(admin.put("/api/v3.1/users", Map.of("username", username, "password", "pw-" + username,
                "role", "default")).status()).isEqualTo(201);
        assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant,
                "role", "user")).status()).isEqualTo(200);
        return new Member(username, tenant, server.api().basic(username, "pw-" + username).tenant(tenant));
    }

    private record Member(String username, String tenant, Api api) {
    }
}
