package io.steward.api.security;

import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.tenancy.member.Identity;
import io.steward.tenancy.scope.Caller;

/**
 * Authenticates every manager-API request and binds the caller: basic auth first, then a bearer token, then an
 * {@code Authentication-Token}, as Cloudify orders them ({@link Credentials}). The {@code Tenant} header must name an
 * existing tenant (403 otherwise); membership and role are checked where a permission is needed, so a non-member is
 * refused with Cloudify's message naming the action. Verified callers are remembered briefly ({@link VerifiedCallers}).
 */
@ServerFilter(patterns = {"/api/v3/**", "/api/v3.1/**", "/api/version"})
class AuthenticationFilter {
    /** Cloudify's health check for load balancers: answered to anyone. */
    private static final java.util.Set<String> UNAUTHENTICATED = java.util.Set.of("/api/v3/ok", "/api/v3.1/ok");

    private final Credentials credentials;
    private final VerifiedCallers verifiedCallers;

    AuthenticationFilter(Credentials credentials, VerifiedCallers verifiedCallers) {
        this.credentials = credentials;
        this.verifiedCallers = verifiedCallers;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void authenticate(HttpRequest<?> request, MutablePropagatedContext context) {
        if (UNAUTHENTICATED.contains(request.getPath())) {
            return;
        }
        String tenant = request.getHeaders().get(Credentials.TENANT_HEADER);
        String authorization = request.getHeaders().getAuthorization().orElse(null);
        String token = request.getHeaders().get(Credentials.TOKEN_HEADER);
        Caller caller = verifiedCallers.caller(authorization, token, tenant, false, () -> {
            Identity identity = credentials.identify(authorization, token);
            if (tenant == null) {
                return new VerifiedCallers.Verified(new Caller(identity.username(), identity.systemRole(), null, null,
                        Credentials.bearer(authorization)), identity.expiresAt());
            }
            return credentials.inTenant(identity, tenant, Credentials.bearer(authorization));
        });
        context.add(new CallerBinding(caller));
    }
}
