package io.steward.api.security;

import io.micronaut.http.HttpRequest;
import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.member.Authenticator;
import io.steward.tenancy.member.Identity;
import io.steward.tenancy.member.MembershipService;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.tenant.TenantService;
import io.steward.tenancy.token.TokenService;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Who a request's credentials name, for every API: basic auth first, then {@code Authorization: Bearer} (an API
 * token {@code ctok-…}, else an OIDC access token when an issuer is configured), then {@code Authentication-Token}.
 * Failures are 401 domain exceptions, rendered by each API in its own shape.
 */
@Singleton
class Credentials {
    static final String TOKEN_HEADER = "Authentication-Token";
    static final String TENANT_HEADER = "Tenant";
    private static final String API_TOKEN_PREFIX = "ctok-";

    private final Authenticator authenticator;
    private final TokenService tokens;
    private final OidcTokens oidc;
    private final TenantService tenants;
    private final MembershipService memberships;

    Credentials(Authenticator authenticator, TokenService tokens, OidcTokens oidc, TenantService tenants,
                MembershipService memberships) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.oidc = oidc;
        this.tenants = tenants;
        this.memberships = memberships;
    }

    /** Whether the request carries any credential (an {@code Authorization} or {@code Authentication-Token}). */
    static boolean present(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization().isPresent()
                || request.getHeaders().get(TOKEN_HEADER) != null;
    }

    /** The {@code Authorization: Bearer} value, or null when the request has none. */
    static String bearer(HttpRequest<?> request) {
        return bearer(request.getHeaders().getAuthorization().orElse(null));
    }

    static String bearer(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }

    /** The caller named by the request's credentials; 401 when none is given or it is refused. */
    Identity identify(HttpRequest<?> request) {
        return identify(request.getHeaders().getAuthorization().orElse(null), request.getHeaders().get(TOKEN_HEADER));
    }

    Identity identify(String authorization, String tokenHeader) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] credentials = decodeBasic(authorization.substring(6).trim());
            if (credentials != null) {
                return authenticator.withPassword(credentials[0], credentials[1]);
            }
        }
        String bearer = bearer(authorization);
        if (bearer != null) {
            if (bearer.startsWith(API_TOKEN_PREFIX) || !oidc.enabled()) {
                return tokens.authenticate(bearer);
            }
            return oidc.identify(bearer);
        }
        if (tokenHeader != null) {
            return tokens.authenticate(tokenHeader.trim());
        }
        throw new AccessDeniedException(Problem.UNAUTHENTICATED, "User unauthorized: No authentication info provided");
    }

    /**
     * The verified caller in {@code tenant}, which must exist (403 otherwise); with {@code tenant} null, in the
     * tenant chosen from the user's memberships ({@link #chosenTenant}).
     */
    VerifiedCallers.Verified inTenant(Identity identity, String tenant, String bearer) {
        String chosen = tenant != null ? tenant : chosenTenant(identity.username());
        TenantRole role = tenants.membershipIn(chosen, identity.username())
                .orElseThrow(() -> new AccessDeniedException(Problem.FORBIDDEN,
                        "Authorization failed: Tried to authenticate with invalid tenant name: " + chosen))
                .orElse(null);
        return new VerifiedCallers.Verified(new Caller(identity.username(), identity.systemRole(), chosen, role,
                bearer), identity.expiresAt());
    }

    /**
     * For APIs whose clients send no {@code Tenant} header (OGC API, APEx): {@code default_tenant} when the user is
     * a member there or of no tenant at all (as before), else the one tenant the user belongs to. A member of several
     * other tenants must name one.
     */
    private String chosenTenant(String username) {
        List<String> mine = memberships.tenantsOf(username);
        if (mine.isEmpty() || mine.contains(TenantService.DEFAULT_TENANT)) {
            return TenantService.DEFAULT_TENANT;
        }
        if (mine.size() == 1) {
            return mine.get(0);
        }
        throw new AccessDeniedException(Problem.FORBIDDEN, "Authorization failed: User `" + username + "` is a member"
                + " of several tenants; name one with the Tenant header");
    }

    /** {@code [username, password]}, or null when the header is not usable basic auth. */
    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0 || !Character.isLetter(decoded.charAt(0)) || decoded.charAt(0) > 127) {
                return null;
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
