package io.steward.tenancy.token;

import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.member.Identity;
import io.steward.tenancy.member.SystemRole;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.member.UserService;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.support.TenancyContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * API tokens: the value is shown once, only the SHA-256 of its secret is stored, and a presented value authenticates
 * only with its exact secret, until revoked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenHashingTest {
    private TenancyContext context;
    private TokenService tokens;

    @BeforeAll
    void start() {
        context = new TenancyContext();
        tokens = context.bean(TokenService.class);
        context.bean(UserService.class).createUnchecked("tina", "tina-pw", SystemRole.DEFAULT);
        context.bean(UserService.class).createUnchecked("otto", "otto-pw", SystemRole.DEFAULT);
    }

    @AfterAll
    void close() {
        context.close();
    }

    @Test
    void only_the_hash_of_the_secret_is_stored() throws Exception {
        ApiToken token = as("tina", () -> tokens.create("ci", null));
        assertThat(token.value()).startsWith("ctok-" + token.id() + "-");
        String secret = token.value().substring(("ctok-" + token.id() + "-").length());
        assertThat(secret).hasSize(32);
        String stored = storedHash(token.id());
        assertThat(stored).isEqualTo(sha256Hex(secret)).doesNotContain(secret);
        // Listed tokens show a masked value (as Cloudify does), never the secret.
        assertThat(as("tina", () -> tokens.list(ListQuery.all()).items())).extracting(ApiToken::value)
                .contains("ctok-" + token.id() + "-********").noneMatch(value -> value.contains(secret));
    }

    @Test
    void a_token_authenticates_with_its_exact_secret_only() {
        ApiToken token = as("tina", () -> tokens.create(null, null));
        assertThat(tokens.authenticate(token.value())).isEqualTo(new Identity("tina", SystemRole.DEFAULT));
        String value = token.value();
        String wrongSecret = value.substring(0, value.length() - 1) + (value.endsWith("a") ? "b" : "a");
        assertThatThrownBy(() -> tokens.authenticate(wrongSecret)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tokens.authenticate("ctok-" + token.id() + "-" + storedHashUnchecked(token.id())))
                .as("the stored hash is no secret").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tokens.authenticate("ctok-nosuchid00-" + "a".repeat(32)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tokens.authenticate("not-a-token")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_revoked_token_no_longer_authenticates_and_only_its_owner_revokes_it() {
        ApiToken token = as("tina", () -> tokens.create(null, null));
        assertThatThrownBy(() -> as("otto", () -> {
            tokens.revoke(token.id());
            return null;
        })).isInstanceOf(NotFoundException.class);
        assertThat(tokens.authenticate(token.value()).username()).isEqualTo("tina");
        as("tina", () -> {
            tokens.revoke(token.id());
            return null;
        });
        assertThatThrownBy(() -> tokens.authenticate(token.value())).isInstanceOf(AccessDeniedException.class);
    }

    private <T> T as(String username, java.util.function.Supplier<T> work) {
        try (var bound = CallerScope.bind(TenancyContext.member(username, "default_tenant", TenantRole.USER))) {
            return work.get();
        }
    }

    private String storedHashUnchecked(String id) {
        try {
            return storedHash(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String storedHash(String id) throws SQLException {
        try (Connection c = context.connect();
             PreparedStatement st = c.prepareStatement("SELECT secret_hash FROM api_tokens WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static String sha256Hex(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
