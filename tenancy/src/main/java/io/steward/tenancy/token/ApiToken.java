package io.steward.tenancy.token;

import java.time.Instant;

/** An API token. {@code value} ({@code ctok-<id>-<secret>}) is known only when the token is created. */
public record ApiToken(String id, String value, String username, String role, String description,
                       Instant expirationDate, Instant lastUsed, Instant createdAt) {
}
