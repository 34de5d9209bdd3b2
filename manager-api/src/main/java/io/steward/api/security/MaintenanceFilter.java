package io.steward.api.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.steward.api.cloudify.CloudifyError;
import io.steward.engine.execution.MaintenanceMode;
import io.steward.tenancy.error.StewardException;
import io.steward.tenancy.manager.MaintenanceState.Status;
import io.steward.tenancy.member.SystemRole;

import java.util.Set;


/**
 * Cloudify's maintenance-mode gate, before authentication as in Cloudify. While maintenance mode is on, every request
 * except the manager's own endpoints answers 503 {@code maintenance_mode_active}; while it is being entered, writes
 * that would start work (executions, a deployment's actions) answer 503 {@code entering_maintenance_mode}. A
 * {@code sys_admin} passes with the header {@code X-BYPASS-MAINTENANCE}, except that no execution starts until
 * maintenance mode is off (the engine refuses it).
 */
@ServerFilter(patterns = {"/api/v3/**", "/api/v3.1/**"})
class MaintenanceFilter implements Ordered {
    static final String BYPASS_HEADER = "X-BYPASS-MAINTENANCE";
    /** The first path segments Cloudify serves while maintenance mode is on. */
    private static final Set<String> ALWAYS_SERVED = Set.of("brokers", "managers", "db-nodes", "cluster", "config",
            "status", "version", "license", "maintenance", "cluster-status", "file-server-auth", "ok", "snapshots",
            "snapshot-status");
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final MaintenanceMode maintenance;
    private final Credentials credentials;

    MaintenanceFilter(MaintenanceMode maintenance, Credentials credentials) {
        this.maintenance = maintenance;
        this.credentials = credentials;
    }

    @Override
    public int getOrder() {
        return -100; // before AuthenticationFilter (order 0)
    }

    /**
     * Runs on the event loop and reads no database: the state comes from {@link MaintenanceMode#lastKnownStatus()},
     * so requests pay nothing while maintenance mode is off. Only a refused request carrying the bypass header checks
     * its credentials here (mostly answered by the credential cache), during maintenance alone.
     */
    @RequestFilter
    @Nullable
    HttpResponse<?> gate(HttpRequest<?> request) {
        Status status = maintenance.lastKnownStatus();
        if (status == Status.DEACTIVATED) {
            return null;
        }
        String[] segments = resourcePath(request.getPath());
        CloudifyError refusal = null;
        if (status == Status.ACTIVATED && !ALWAYS_SERVED.contains(segments[0])) {
            refusal = CloudifyError.MAINTENANCE_MODE_ACTIVE;
        } else if (status == Status.ACTIVATING && WRITES.contains(request.getMethod()) && startsWork(segments)) {
            refusal = CloudifyError.ENTERING_MAINTENANCE_MODE;
        }
        if (refusal == null || request.getHeaders().get(BYPASS_HEADER) != null && bypasses(request)) {
            return null;
        }
        return refused(refusal);
    }

    private static HttpResponse<?> refused(CloudifyError refusal) {
        String message = refusal == CloudifyError.MAINTENANCE_MODE_ACTIVE
                ? "Your request was rejected since Cloudify manager is currently in maintenance mode"
                : "Your request was rejected since Cloudify manager is entering maintenance mode";
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(refusal.body(message));
    }

    /** Cloudify's list while activating: executions, a deployment, deployment modifications, a snapshot. */
    private static boolean startsWork(String[] segments) {
        return switch (segments[0]) {
            case "executions", "deployment-modifications" -> true;
            case "deployments", "snapshots" -> segments.length > 1;
            default -> false;
        };
    }

    private boolean bypasses(HttpRequest<?> request) {
        try {
            return credentials.identify(request).systemRole() == SystemRole.SYS_ADMIN;
        } catch (StewardException e) {
            return false;
        }
    }

    /** The path's segments after {@code /api/v3} or {@code /api/v3.1}: {@code ["deployments", "d1"]}. */
    private static String[] resourcePath(String path) {
        String rest = path.replaceFirst("^/api/v3(\\.1)?/?", "");
        String[] segments = rest.split("/");
        return segments.length == 0 ? new String[] {""} : segments;
    }
}
