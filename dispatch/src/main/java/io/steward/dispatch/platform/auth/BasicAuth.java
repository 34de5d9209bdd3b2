package io.steward.dispatch.platform.auth;

import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformAuth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** {@code {"type": "basic", "username": …, "password": …}}: HTTP Basic with one fixed account for every caller. */
public final class BasicAuth implements PlatformAuth {
    private final String username;
    private final String header;

    public BasicAuth(String username, String password) {
        this.username = Objects.requireNonNull(username, "username");
        String pair = username + ":" + Objects.requireNonNull(password, "password");
        this.header = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<String> authorization(CallerToken caller) {
        return Optional.of(header);
    }

    @Override
    public String toString() {
        return "BasicAuth[" + username + ":****]";
    }
}
