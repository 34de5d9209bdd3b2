package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.SettableClockApiTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code cfy users set-password|set-role|activate|deactivate|unlock} and {@code cfy tokens get|create -e} send
 * (cloudify-clients.md §7): the exact requests, the statuses the client accepts, and that each change takes effect on
 * the very next request, even for credentials this server has cached.
 */
abstract class AbstractUserAdministrationApiTest extends SettableClockApiTestBase {
    private static final int MAX_FAILED_LOGINS = 5;

    @Test
    void a_user_sets_its_own_password_and_the_old_one_stops_working_at_once() {
        Member member = newMemberNamed();
        assertThat(member.api.get("/api/v3.1/user").status()).as("cached with the old password").isEqualTo(200);

        var set = member.api.post("/api/v3.1/users/" + member.username, Map.of("password", "new-password"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json()).containsEntry("username", member.username).containsEntry("role", "default")
                .containsEntry("active", true).containsEntry("is_locked", false);

        var old = member.api.get("/api/v3.1/user");
        assertThat(old.status()).as(old.body()).isEqualTo(401);
        assertThat(old.errorCode()).isEqualTo("unauthorized_error");
        assertThat(member.withPassword("new-password").get("/api/v3.1/user").status()).isEqualTo(200);
    }

    @Test
    void only_sys_admin_sets_another_users_password() {
        Member member = newMemberNamed();
        Member other = newMemberNamed();

        var refused = member.api.post("/api/v3.1/users/" + other.username, Map.of("password", "stolen-pw"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("forbidden_error");
        assertThat(other.api.get("/api/v3.1/user").status()).as("password unchanged").isEqualTo(200);

        var set = admin.post("/api/v3.1/users/" + other.username, Map.of("password", "reset-pw"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(other.withPassword("reset-pw").get("/api/v3.1/user").status()).isEqualTo(200);
    }

    /** {@code users.set_show_getting_started(u, b)}: {@code POST /users/{u}} {@code {"show_getting_started": b}}. */
    @Test
    void users_set_their_own_show_getting_started_and_only_sys_admin_sets_anothers() {
        Member member = newMemberNamed();
        Member other = newMemberNamed();
        assertThat(member.api.get("/api/v3.1/user").json()).containsEntry("show_getting_started", true);

        var own = member.api.post("/api/v3.1/users/" + member.username, Map.of("show_getting_started", false));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json()).containsEntry("username", member.username).containsEntry("show_getting_started", false);
        assertThat(member.api.get("/api/v3.1/user?_include=username,show_getting_started").json())
                .isEqualTo(Map.of("username", member.username, "show_getting_started", false));

        var refused = member.api.post("/api/v3.1/users/" + other.username, Map.of("show_getting_started", false));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("forbidden_error");
        assertThat(other.api.get("/api/v3.1/user").json()).containsEntry("show_getting_started", true);
        assertThat(admin.post("/api/v3.1/users/" + other.username, Map.of("show_getting_started", false)).json())
                .containsEntry("show_getting_started", false);
        assertBadParameters(member.api.post("/api/v3.1/users/" + member.username,
                Map.of("show_getting_started", "yes")), "show_getting_started must be true or false");
    }

    @Test
    void bad_user_settings_answer_400_and_an_unknown_user_404() {
        Member member = newMemberNamed();
        String path = "/api/v3.1/users/" + member.username;

        assertBadParameters(admin.post(path, Map.of("password", "abcd")), "The password is too short.");
        assertBadParameters(admin.post(path, Map.of("password", "abcdefgh", "role", "default")),
                "Both `password` and `role` provided");
        assertBadParameters(admin.post(path, Map.of()), "No valid user settings provided");
        assertBadParameters(admin.post(path, Map.of("role", "admin")), "Invalid system role `admin`");
        assertBadParameters(admin.post(path, Map.of("password", 12345)), "");

        var unknown = admin.post("/api/v3.1/users/" + unique("nobody"), Map.of("role", "default"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("not_found_error");
        assertThat(member.api.get("/api/v3.1/user").status()).as("nothing changed").isEqualTo(200);
    }

    @Test
    void sys_admin_sets_a_role_and_it_applies_to_cached_callers_at_once() {
        Member member = newMemberNamed();
        assertThat(member.api.get("/api/v3.1/users").status()).as("default may not list users").isEqualTo(403);

        var refused = member.api.post("/api/v3.1/users/" + member.username, Map.of("role", "sys_admin"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("forbidden_error");
        assertThat(refused.json().get("message").toString()).as("Cloudify's permission name")
                .contains("is not permitted to perform the action user_update");

        var promoted = admin.post("/api/v3.1/users/" + member.username, Map.of("role", "sys_admin"));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.json()).containsEntry("role", "sys_admin");
        assertThat(member.api.get("/api/v3.1/users").status()).isEqualTo(200);

        assertThat(admin.post("/api/v3.1/users/" + member.username, Map.of("role", "default")).status())
                .isEqualTo(200);
        assertThat(member.api.get("/api/v3.1/users").status()).as("demoted at once").isEqualTo(403);

        var self = admin.post("/api/v3.1/users/admin", Map.of("role", "default"));
        assertThat(self.status()).as(self.body()).isEqualTo(409);
        assertThat(self.errorCode()).isEqualTo("conflict_error");
        assertThat(admin.get("/api/v3.1/users").status()).as("still sys_admin").isEqualTo(200);
    }

    @Test
    void a_deactivated_user_is_refused_at_once_by_password_and_by_token_until_activated() {
        Member member = newMemberNamed();
        var token = member.api.post("/api/v3.1/tokens", Map.of());
        assertThat(token.status()).isEqualTo(200);
        Api byToken = server.api().token(token.json().get("value").toString()).tenant(member.tenant);
        assertThat(member.api.get("/api/v3.1/user").status()).as("cached").isEqualTo(200);
        assertThat(byToken.get("/api/v3.1/user").status()).as("cached").isEqualTo(200);

        var refused = member.api.post("/api/v3.1/users/active/" + member.username, Map.of("action", "deactivate"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("message").toString()).contains("the action user_set_activated");

        var deactivated = admin.post("/api/v3.1/users/active/" + member.username, Map.of("action", "deactivate"));
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
        assertThat(deactivated.json()).containsEntry("username", member.username).containsEntry("active", false);

        var byPassword = member.api.get("/api/v3.1/user");
        assertThat(byPassword.status()).as(byPassword.body()).isEqualTo(401);
        assertThat(byPassword.errorCode()).isEqualTo("unauthorized_error");
        assertThat(byPassword.json().get("message")).isEqualTo("User unauthorized: Authentication failed for"
                + " <User username=`" + member.username + "`>. Wrong credentials or locked account");
        assertThat(byToken.get("/api/v3.1/user").status()).isEqualTo(401);

        var again = admin.post("/api/v3.1/users/active/" + member.username, Map.of("action", "deactivate"));
        assertThat(again.status()).as("the CLI expects 409").isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("conflict_error");
        assertThat(again.json().get("message")).isEqualTo("User `" + member.username + "` is already inactive");

        var activated = admin.post("/api/v3.1/users/active/" + member.username, Map.of("action", "activate"));
        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        assertThat(activated.json()).containsEntry("active", true);
        assertThat(member.api.get("/api/v3.1/user").status()).isEqualTo(200);
        assertThat(byToken.get("/api/v3.1/user").status()).isEqualTo(200);
        assertThat(admin.post("/api/v3.1/users/active/" + member.username, Map.of("action", "activate")).status())
                .isEqualTo(409);
    }

    @Test
    void bad_activation_requests_answer_4xx() {
        Member member = newMemberNamed();
        assertBadParameters(admin.post("/api/v3.1/users/active/" + member.username, Map.of("action", "pause")),
                "Invalid action `pause`");
        assertBadParameters(admin.post("/api/v3.1/users/active/" + member.username, Map.of()), "");
        var self = admin.post("/api/v3.1/users/active/admin", Map.of("action", "deactivate"));
        assertThat(self.status()).as(self.body()).isEqualTo(409);
        assertThat(self.errorCode()).isEqualTo("conflict_error");
        var unknown = admin.post("/api/v3.1/users/active/" + unique("nobody"), Map.of("action", "activate"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("not_found_error");
        assertThat(admin.get("/api/v3.1/user").status()).isEqualTo(200);
    }

    @Test
    void unlock_ends_a_lockout_at_once_and_answers_409_for_a_user_that_is_not_locked() {
        Member member = newMemberNamed();
        var notLocked = admin.send("POST", "/api/v3.1/users/unlock/" + member.username, "application/json",
                new byte[0]);
        assertThat(notLocked.status()).as(notLocked.body()).isEqualTo(409);
        assertThat(notLocked.errorCode()).isEqualTo("conflict_error");

        for (int i = 0; i < MAX_FAILED_LOGINS; i++) {
            assertThat(member.withPassword("wrong").get("/api/v3.1/user").status()).isEqualTo(401);
        }
        assertThat(member.api.get("/api/v3.1/user").status()).as("locked").isEqualTo(401);

        var refused = member.api.send("POST", "/api/v3.1/users/unlock/" + member.username, "application/json",
                new byte[0]);
        assertThat(refused.status()).as("a locked user cannot even ask").isEqualTo(401);
        var other = newMemberNamed().api.send("POST", "/api/v3.1/users/unlock/" + member.username,
                "application/json", new byte[0]);
        assertThat(other.status()).as(other.body()).isEqualTo(403);

        // The client sends no body, with Content-type: application/json.
        var unlocked = admin.send("POST", "/api/v3.1/users/unlock/" + member.username, "application/json",
                new byte[0]);
        assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
        assertThat(unlocked.json()).containsEntry("username", member.username).containsEntry("is_locked", false);
        assertThat(member.api.get("/api/v3.1/user").status()).as("unlocked, no waiting").isEqualTo(200);
    }

    @Test
    void a_token_is_shown_masked_to_its_owner_and_sys_admin_and_is_unknown_to_others() {
        Member owner = newMemberNamed();
        var created = owner.api.post("/api/v3.1/tokens", Map.of("description", "ci"));
        assertThat(created.status()).isEqualTo(200);
        String id = created.json().get("id").toString();

        var own = owner.api.get("/api/v3.1/tokens/" + id);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json()).containsOnlyKeys("id", "value", "username", "role", "expiration_date", "last_used",
                        "description")
                .containsEntry("id", id).containsEntry("value", "ctok-" + id + "-********")
                .containsEntry("username", owner.username).containsEntry("role", "default")
                .containsEntry("description", "ci").containsEntry("expiration_date", null);
        assertThat(admin.get("/api/v3.1/tokens/" + id).json()).containsEntry("value", "ctok-" + id + "-********");
        assertThat(owner.api.get("/api/v3.1/tokens").items()).extracting(t -> t.get("value"))
                .containsExactly("ctok-" + id + "-********");

        var others = newMemberNamed().api.get("/api/v3.1/tokens/" + id);
        assertThat(others.status()).as(others.body()).isEqualTo(404);
        assertThat(others.errorCode()).isEqualTo("not_found_error");
        var unknown = admin.get("/api/v3.1/tokens/nosuchtokn");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(others.body().replace(id, "nosuchtokn"));
    }

    @Test
    void expiration_dates_in_the_forms_the_client_sends_are_read_as_utc() {
        var base = clock().instant().atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        assertThat(expiration("+1h")).isEqualTo(wire(base.plusHours(1)));
        assertThat(expiration("+30min")).isEqualTo(wire(base.plusMinutes(30)));
        assertThat(expiration("+2 weeks")).isEqualTo(wire(base.plusWeeks(2)));
        assertThat(expiration("+1d+10min")).isEqualTo(wire(base.plusDays(1).plusMinutes(10)));
        assertThat(expiration("+1mo")).isEqualTo(wire(base.plusMonths(1)));
        assertThat(expiration("+2years")).isEqualTo(wire(base.plusYears(2)));
        assertThat(expiration("2999-01-02 03:04")).isEqualTo("2999-01-02T03:04:00.000Z");
        var soon = base.plusMinutes(5);
        if (soon.toLocalDate().equals(base.toLocalDate())) {
            // HH:MM is today, in UTC (not asserted in the five minutes before midnight, when it would be past).
            assertThat(expiration(String.format(java.util.Locale.ROOT, "%02d:%02d", soon.getHour(),
                    soon.getMinute()))).isEqualTo(wire(soon));
        }
        assertThat(expiration("2999-01-02T03:04:05Z")).as("ISO-8601 still").isEqualTo("2999-01-02T03:04:05.000Z");
    }

    @Test
    void a_token_created_with_a_relative_expiration_ends_then() {
        var created = admin.post("/api/v3.1/tokens", Map.of("expiration_date", "+1h"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        Api token = server.api().token(created.json().get("value").toString()).tenant("default_tenant");
        assertThat(token.get("/api/v3.1/user").status()).isEqualTo(200);
        clock().advance(Duration.ofMinutes(61));
        assertThat(token.get("/api/v3.1/user").status()).isEqualTo(401);
    }

    @Test
    void other_expiration_forms_and_past_dates_answer_400() {
        for (String bad : new String[] {"+30m", "+1", "1h", "+h", "tomorrow", "2999-13-01 00:00", "2999-01-01 24:61",
                "+99999999999h", "+999999999y", "2999-01-01 3:04"}) {
            var refused = admin.post("/api/v3.1/tokens", Map.of("expiration_date", bad));
            assertThat(refused.status()).as(bad + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.errorCode()).as(bad).isEqualTo("bad_parameters_error");
            assertThat(refused.json().get("message").toString()).as(bad)
                    .startsWith("Invalid expiration_date `" + bad + "`");
        }
        var past = admin.post("/api/v3.1/tokens", Map.of("expiration_date", "2020-01-01 00:00"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.errorCode()).isEqualTo("bad_parameters_error");
        assertThat(past.json().get("message")).isEqualTo("Expiration date was in the past.");
    }

    private String expiration(String form) {
        Map<String, Object> body = new HashMap<>();
        body.put("expiration_date", form);
        var created = admin.post("/api/v3.1/tokens", body);
        assertThat(created.status()).as(form + ": " + created.body()).isEqualTo(200);
        return (String) created.json().get("expiration_date");
    }

    private static String wire(java.time.ZonedDateTime at) {
        return io.steward.api.cloudify.wire.Timestamps.format(at.toInstant());
    }

    private static void assertBadParameters(Api.Response response, String messageStart) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("bad_parameters_error");
        assertThat(response.json().get("message").toString()).startsWith(messageStart);
    }

    /** A user with role {@code user} in a new tenant. */
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
        Api withPassword(String password) {
            return api.basic(username, password);
        }
    }
}
