package io.steward.tenancy.member;

import java.time.Instant;

/**
 * Who proved to be calling, before any tenant is considered. {@code expiresAt} is when the credential stops being
 * valid (an API token's expiration), null when it does not expire: a cache of verified callers must not outlive it.
 */
public record Identity(String username, SystemRole systemRole, Instant expiresAt) {

    public Identity(String username, SystemRole systemRole) {
        this(username, systemRole, null);
    }

    /** The same identity, valid only until {@code expiresAt} (null: no end). */
    public Identity expiringAt(Instant expiresAt) {
        return new Identity(username, systemRole, expiresAt);
    }
}
