package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /tokens} follows the list conventions of every other list ({@code _include}, {@code _sort},
 * {@code _size}/{@code _offset}, exact-match filters, {@code metadata.pagination}); a user sees only their own tokens,
 * sys_admin everyone's.
 */
abstract class AbstractTokenListApiTest extends ApiTestBase {

    @Test
    void a_user_lists_only_their_own_tokens_and_sys_admin_everyones() {
        Member member = newTokenOwner("b", "a", "c");
        admin.post("/api/v3.1/tokens", Map.of("description", "admin's"));

        var own = member.api.get("/api/v3.1/tokens");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.items()).extracting(t -> t.get("username")).containsOnly(member.username).hasSize(3);
        assertThat(admin.get("/api/v3.1/tokens?username=" + member.username).items()).hasSize(3);
        assertThat(admin.get("/api/v3.1/tokens?role=sys_admin").items()).extracting(t -> t.get("username"))
                .containsOnly("admin");
    }

    @Test
    void tokens_are_sorted_paged_and_counted_in_metadata() {
        Member member = newTokenOwner("b", "a", "c");

        var page = member.api.get("/api/v3.1/tokens?_sort=-description&_size=2&_offset=1");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.items()).extracting(t -> t.get("description")).containsExactly("b", "a");
        assertThat(metadata(page)).containsEntry("filtered", null);
        assertThat(pagination(page)).isEqualTo(Map.of("total", 3, "size", 2, "offset", 1));
        assertThat(member.api.get("/api/v3.1/tokens").items()).extracting(t -> t.get("description"))
                .as("oldest first by default").containsExactly("b", "a", "c");
    }

    @Test
    void filters_match_exactly_and_include_projects() {
        Member member = newTokenOwner("b", "a", "c");

        var filtered = member.api.get("/api/v3.1/tokens?description=a&description=c&_include=id,description");
        assertThat(filtered.status()).as(filtered.body()).isEqualTo(200);
        assertThat(filtered.items()).extracting(t -> t.get("description")).containsExactly("a", "c");
        assertThat(filtered.items()).allSatisfy(t -> assertThat(t).containsOnlyKeys("id", "description"));
        assertThat(pagination(filtered)).containsEntry("total", 2);
        assertThat(member.api.get("/api/v3.1/tokens?description=zzz").items()).isEmpty();
    }

    @Test
    void unknown_sort_include_and_filter_keys_answer_400() {
        Member member = newTokenOwner("a");

        var sort = member.api.get("/api/v3.1/tokens?_sort=nope");
        assertThat(sort.status()).isEqualTo(400);
        assertThat(sort.errorCode()).isEqualTo("bad_parameters_error");
        assertThat(sort.json().get("message").toString()).startsWith("Sort keys '[nope]' do not exist.");

        var include = member.api.get("/api/v3.1/tokens?_include=nope");
        assertThat(include.status()).isEqualTo(400);
        assertThat(include.errorCode()).isEqualTo("no_such_include_field_error");

        var filter = member.api.get("/api/v3.1/tokens?nope=1");
        assertThat(filter.status()).isEqualTo(400);
        assertThat(filter.errorCode()).isEqualTo("bad_parameters_error");

        // value is a field of a token, but never stored: neither a filter nor a sort key.
        assertThat(member.api.get("/api/v3.1/tokens?_sort=value").errorCode()).isEqualTo("bad_parameters_error");
        assertThat(member.api.get("/api/v3.1/tokens?value=x").errorCode()).isEqualTo("bad_parameters_error");
        assertThat(member.api.get("/api/v3.1/tokens?_size=-1").errorCode()).isEqualTo("bad_parameters_error");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Api.Response response) {
        return (Map<String, Object>) response.json().get("metadata");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pagination(Api.Response response) {
        return (Map<String, Object>) metadata(response).get("pagination");
    }

    /** A new user with one token per description, created in that order. */
    private Member newTokenOwner(String... descriptions) {
        Api api = newMember(newTenant(), "user").tenant(null);
        String username = api.get("/api/v3.1/user").json().get("username").toString();
        for (String description : descriptions) {
            assertThat(api.post("/api/v3.1/tokens", Map.of("description", description)).status()).isEqualTo(200);
        }
        return new Member(username, api);
    }

    private record Member(String username, Api api) {
    }
}
