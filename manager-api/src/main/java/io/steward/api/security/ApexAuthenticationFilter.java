package io.steward.api.security;

import io.micronaut.context.annotation.Value;
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

/**
 * Authenticates APEx dispatch requests as the OGC API does: the credentials the manager API accepts, the tenant from
 * the {@code Tenant} header, else {@code default_tenant}. {@code /health} is answered to anyone, as APEx's is.
 * Refusals are rendered in APEx's {@code ErrorResponse} shape by its error renderer.
 */
@ServerFilter(patterns = "${steward.apex.path:/apex}/**")
class ApexAuthenticationFilter {
    private final Authenticator authenticator;
    private final TokenService tokens;
    private final TenantService tenants;
    private final VerifiedCallers verifiedCallers;
    private final String path;

    ApexAuthenticationFilter(Authenticator authenticator, TokenService tokens, TenantService tenants,
                             VerifiedCallers verifiedCallers, @Value("${steward.apex.path:/apex}") String path) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.tenants = tenants;
        this.verifiedCallers = verifiedCallers;
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void authenticate(HttpRequest<?> request, MutablePropagatedContext context) {
        String requested = request.getPath();
        if (!requested.startsWith(path + "/") || requested.equals(path + "/health")) {
            return;
        }
        String header = request.getHeaders().get(AuthenticationFilter.TENANT_HEADER);
        String tenant = header != null ? header : TenantService.DEFAULT_TENANT;
        Caller caller = verifiedCallers.caller(request.getHeaders().getAuthorization().orElse(null),
                request.getHeaders().get(AuthenticationFilter.TOKEN_HEADER), tenant, () -> verify(request, tenant));
        context.add(new CallerBinding(caller));
    }

    private VerifiedCallers.Verified verify(HttpRequest<?> request, String tenant) {
        Identity identity = AuthenticationFilter.identify(request, authenticator, tokens);
        TenantRole role = tenants.membershipIn(tenant, identity.username())
                .orElseThrow(() -> new AccessDeniedException(Problem.FORBIDDEN,
                        "Authorization failed: Tried to authenticate with invalid tenant name: " + tenant))
                .orElse(null);
        return new VerifiedCallers.Verified(new Caller(identity.username(), identity.systemRole(), tenant, role),
                identity.expiresAt());
    }
}
