package io.steward.tenancy.member;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/** bcrypt: slow on purpose, so a stolen table is expensive to crack. {@link CredentialCache} keeps requests fast. */
@Singleton
public class PasswordHasher {
    private final int cost;

    PasswordHasher(@Value("${steward.auth.bcrypt-cost:10}") int cost) {
        this.cost = cost;
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        // bcrypt reads at most 72 bytes; longer passwords are refused at creation, so this is exact.
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }
}
