package io.steward.api.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.member.Identity;
import io.steward.tenancy.member.SystemRole;
import jakarta.inject.Singleton;

/**
 * Who may scrape {@code GET /metrics}: a {@code sys_admin}'s basic credentials or token (Prometheus' {@code basic_auth}
 * sends the former), unless {@code steward.metrics.public} is true, for a scrape port that only Prometheus reaches.
 * The series name tenants, so they are not shown to tenant members.
 */
@Singleton
public class MetricsAccess {
    private final Credentials credentials;
    private final boolean open;

    MetricsAccess(Credentials credentials, @Value("${steward.metrics.public:false}") boolean open) {
        this.credentials = credentials;
        this.open = open;
    }

    /** Passes, or throws 401 without credentials and 403 for a caller who is not {@code sys_admin}. */
    public void require(HttpRequest<?> request) {
        if (open) {
            return;
        }
        Identity identity = credentials.identify(request);
        if (identity.systemRole() != SystemRole.SYS_ADMIN) {
            throw new AccessDeniedException(Problem.FORBIDDEN, "User `" + identity.username()
                    + "` is not permitted to perform the action metrics_get");
        }
    }
}
