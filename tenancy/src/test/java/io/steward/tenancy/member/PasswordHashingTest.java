package io.steward.tenancy.member;

import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.support.TenancyContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Passwords are stored as salted bcrypt hashes, never as given, and a login checks the given one against the hash. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordHashingTest {
    private TenancyContext context;
    private PasswordHasher hasher;

    @BeforeAll
    void start() {
        context = new TenancyContext();
        hasher = context.bean(PasswordHasher.class);
    }

    @AfterAll
    void close() {
        context.close();
    }

    @Test
    void a_hash_is_salted_bcrypt_and_matches_only_its_password() {
        String first = hasher.hash("correct horse");
        String second = hasher.hash("correct horse");
        assertThat(first).startsWith("$2").doesNotContain("correct horse");
        assertThat(second).as("a fresh salt each time").isNotEqualTo(first);
        assertThat(hasher.matches("correct horse", first)).isTrue();
        assertThat(hasher.matches("correct horse", second)).isTrue();
        assertThat(hasher.matches("correct horsE", first)).isFalse();
        assertThat(hasher.matches("", first)).isFalse();
    }

    @Test
    void a_non_ascii_password_hashes_by_its_utf8_bytes() {
        String hash = hasher.hash("pässwörd-密码");
        assertThat(hasher.matches("pässwörd-密码", hash)).isTrue();
        assertThat(hasher.matches("passwort-密码", hash)).isFalse();
    }

    @Test
    void a_new_user_is_stored_with_the_hash_and_logs_in_with_the_password() throws SQLException {
        context.bean(UserService.class).createUnchecked("hashed-user", "s3cret-pw", SystemRole.DEFAULT);
        String stored = storedHash("hashed-user");
        assertThat(stored).isNotEqualTo("s3cret-pw").doesNotContain("s3cret-pw");
        assertThat(hasher.matches("s3cret-pw", stored)).isTrue();
        Authenticator authenticator = context.bean(Authenticator.class);
        assertThat(authenticator.withPassword("hashed-user", "s3cret-pw"))
                .isEqualTo(new Identity("hashed-user", SystemRole.DEFAULT));
        assertThatThrownBy(() -> authenticator.withPassword("hashed-user", "not-it"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> authenticator.withPassword("hashed-user", stored))
                .as("the hash itself is no password").isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_first_start_stores_the_configured_admin_password_hashed() throws SQLException {
        String stored = storedHash(UserService.ADMIN);
        assertThat(stored).isNotEqualTo(TenancyContext.ADMIN_PASSWORD);
        assertThat(hasher.matches(TenancyContext.ADMIN_PASSWORD, stored)).isTrue();
    }

    private String storedHash(String username) throws SQLException {
        try (Connection c = context.connect();
             PreparedStatement st = c.prepareStatement("SELECT password_hash FROM users WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("user " + username + " is stored").isTrue();
                return rs.getString(1);
            }
        }
    }
}
