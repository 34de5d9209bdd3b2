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
import io.steward.tenancy.member.SystemRole;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.tenant.TenantService;
import io.steward.tenancy.token.TokenService;

/**
 * Authenticates OGC API – Processes requests as the manager API does (basic auth or token; the tenant from the
 * {@code Tenant} header, else {@code default_tenant}). An operator may let requests without credentials act as one
 * chosen tenant with one chosen role ({@code STEWARD_OGCAPI_ANONYMOUS_TENANT}/{@code _ROLE}); off by default. Refusals
 * are rendered in the OGC exception shape by the OGC error renderer.
 */
@ServerFilter(patterns = "${steward.ogcapi.path:/ogcapi}/**")
class OgcAuthenticationFilter {
    static final String ANONYMOUS_USER = "anonymous";

    private final Authenticator authenticator;
    private final TokenService tokens;
    private final TenantService tenants;
    private final String path;
    private final String anonymousTenant;
    private final TenantRole anonymousRole;
    private final VerifiedCallers verifiedCallers;

    OgcAuthenticationFilter(Authenticator authenticator, TokenService tokens, TenantService tenants,
                            @Value("${steward.ogcapi.path:/ogcapi}") String path,
                            @Value("${steward.ogcapi.anonymous.tenant:}") String anonymousTenant,
                            @Value("${steward.ogcapi.anonymous.role:viewer}") String anonymousRole,
                            VerifiedCallers verifiedCallers) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.tenants = tenants;
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.anonymousTenant = anonymousTenant == null || anonymousTenant.isBlank() ? null : anonymousTenant.trim();
        this.anonymousRole = TenantRole.of(anonymousRole);
        this.verifiedCallers = verifiedCallers;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void authenticate(HttpRequest<?> request, MutablePropagatedContext context) {
        String requested = request.getPath();
        if (!requested.equals(path) && !requested.startsWith(path + "/")) {
            return;
        }
        boolean anonymous = request.getHeaders().getAuthorization().isEmpty()
                && request.getHeaders().get(AuthenticationFilter.TOKEN_HEADER) == null;
        if (anonymous && anonymousTenant != null) {
            context.add(new CallerBinding(new Caller(ANONYMOUS_USER, SystemRole.DEFAULT, anonymousTenant,
                    anonymousRole)));
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
