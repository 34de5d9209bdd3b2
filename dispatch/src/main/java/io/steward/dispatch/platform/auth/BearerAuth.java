package io.steward.dispatch.platform.auth;

import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformAuth;

import java.util.Objects;
import java.util.Optional;

/** {@code {"type": "bearer", "token": …}}: one fixed token for every caller. */
public final class BearerAuth implements PlatformAuth {
    private final String header;

    public BearerAuth(String token) {
        this.header = "Bearer " + Objects.requireNonNull(token, "token");
    }

    @Override
    public Optional<String> authorization(CallerToken caller) {
        return Optional.of(header);
    }

    @Override
    public String toString() {
        return "BearerAuth[****]";
    }
}
