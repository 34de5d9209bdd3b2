package io.steward.dispatch.platform.auth;

import java.time.Duration;

/** An access token a token endpoint issued, and how long it said it lasts ({@code null} when it did not say). */
public record IssuedToken(String accessToken, Duration expiresIn) {
    @Override
    public String toString() {
        return "IssuedToken[****, expiresIn=" + expiresIn + "]";
    }
}
