package io.steward.api.security;

import io.steward.tenancy.scope.Caller;
import jakarta.inject.Singleton;

/**
 * Identifies the caller of a WebSocket, whose token comes in the {@code token} query parameter instead of a header
 * (browsers cannot set headers on a socket): an API token ({@code ctok-…}) or an OIDC access token, as a bearer, the
 * tenant chosen as for any APEx request. Throws the same refusals the filters answer with.
 */
@Singleton
public class QueryTokenCallers {
    private final VerifiedCallers verifiedCallers;
    private final Credentials credentials;

    QueryTokenCallers(VerifiedCallers verifiedCallers, Credentials credentials) {
        this.verifiedCallers = verifiedCallers;
        this.credentials = credentials;
    }

    /** The caller {@code token} identifies, in {@code tenant} (null: chosen from its memberships). */
    public Caller caller(String token, String tenant) {
        return verifiedCallers.callerChoosingTenant("Bearer " + token.trim(), null, tenant, credentials);
    }
}
