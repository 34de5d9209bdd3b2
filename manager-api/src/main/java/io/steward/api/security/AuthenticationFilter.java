package io.steward.api.security;

import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.member.Authenticator;
import io.steward.tenancy.member.Identity;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.tenant.TenantService;
import io.steward.tenancy.token.TokenService;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Authenticates every manager-API request and binds the caller: basic auth first, then an
 * {@code Authentication-Token}, as Cloudify orders them. The {@code Tenant} header must name an existing tenant
 * (403 otherwise); membership and role are checked where a permission is needed, so a non-member is refused with
 * Cloudify's message naming the action. Verified callers are remembered briefly ({@link VerifiedCallers}).
 */
@ServerFilter(patterns = {"/api/v3/**", "/api/v3.1/**", "/api/version"})
class AuthenticationFilter {
    static final String TOKEN_HEADER = "Authentication-Token";
    static final String TENANT_HEADER = "Tenant";
    /** Cloudify's health check for load balancers: answered to anyone. */
    private static final java.util.Set<String> UNAUTHENTICATED = java.util.Set.of("/api/v3/ok", "/api/v3.1/ok");

    private final Authenticator authenticator;
    private final TokenService tokens;
    private final TenantService tenants;
    private final VerifiedCallers verifiedCallers;

    AuthenticationFilter(Authenticator authenticator, TokenService tokens, TenantService tenants,
                         VerifiedCallers verifiedCallers) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.tenants = tenants;
        this.verifiedCallers = verifiedCallers;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void authenticate(HttpRequest<?> request, MutablePropagatedContext context) {
        if (UNAUTHENTICATED.contains(request.getPath())) {
            return;
        }
        String tenant = request.getHeaders().get(TENANT_HEADER);
        Caller caller = verifiedCallers.caller(request.getHeaders().getAuthorization().orElse(null),
                request.getHeaders().get(TOKEN_HEADER), tenant, () -> verify(request, tenant));
        context.add(new CallerBinding(caller));
    }

    private VerifiedCallers.Verified verify(HttpRequest<?> request, String tenant) {
        Identity identity = identify(request, authenticator, tokens);
        TenantRole role = null;
        if (tenant != null) {
            role = tenants.membershipIn(tenant, identity.username())
                    .orElseThrow(() -> new AccessDeniedException(Problem.FORBIDDEN,
                            "Authorization failed: Tried to authenticate with invalid tenant name: " + tenant))
                    .orElse(null);
        }
        return new VerifiedCallers.Verified(new Caller(identity.username(), identity.systemRole(), tenant, role),
                identity.expiresAt());
    }

    /** The caller named by basic auth or a token; 401 when neither is given. Shared with the OGC API's filter. */
    static Identity identify(HttpRequest<?> request, Authenticator authenticator, TokenService tokens) {
        String authorization = request.getHeaders().getAuthorization().orElse(null);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] credentials = decodeBasic(authorization.substring(6).trim());
            if (credentials != null) {
                return authenticator.withPassword(credentials[0], credentials[1]);
            }
        }
        String token = request.getHeaders().get(TOKEN_HEADER);
        if (token != null) {
            return tokens.authenticate(token.trim());
        }
        throw new AccessDeniedException(Problem.UNAUTHENTICATED, "User unauthorized: No authentication info provided");
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
