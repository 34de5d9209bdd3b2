package io.steward.api.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.tenancy.member.SystemRole;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.scope.Caller;

/**
 * Authenticates OGC API – Processes requests as the manager API does (basic auth, a bearer token or an
 * {@code Authentication-Token}); the tenant from the {@code Tenant} header, else chosen from the user's memberships
 * ({@code default_tenant}, or the user's only tenant). An operator may let requests without credentials act as one
 * chosen tenant with one chosen role ({@code STEWARD_OGCAPI_ANONYMOUS_TENANT}/{@code _ROLE}); off by default. Refusals
 * are rendered in the OGC exception shape by the OGC error renderer.
 */
@ServerFilter(patterns = "${steward.ogcapi.path:/ogcapi}/**")
class OgcAuthenticationFilter {
    static final String ANONYMOUS_USER = "anonymous";

    private final Credentials credentials;
    private final String path;
    private final String anonymousTenant;
    private final TenantRole anonymousRole;
    private final VerifiedCallers verifiedCallers;

    OgcAuthenticationFilter(Credentials credentials,
                            @Value("${steward.ogcapi.path:/ogcapi}") String path,
                            @Value("${steward.ogcapi.anonymous.tenant:}") String anonymousTenant,
                            @Value("${steward.ogcapi.anonymous.role:viewer}") String anonymousRole,
                            VerifiedCallers verifiedCallers) {
        this.credentials = credentials;
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
        if (!Credentials.present(request) && anonymousTenant != null) {
            context.add(new CallerBinding(new Caller(ANONYMOUS_USER, SystemRole.DEFAULT, anonymousTenant,
                    anonymousRole)));
            return;
        }
        context.add(new CallerBinding(verifiedCallers.callerChoosingTenant(request, credentials)));
    }
}
