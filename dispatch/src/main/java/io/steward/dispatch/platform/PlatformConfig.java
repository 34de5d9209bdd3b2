package io.steward.dispatch.platform;

import java.util.Map;

/**
 * One platform entry of {@code STEWARD_APEX_PLATFORMS}: its base URL (without a trailing slash), its kind
 * ({@code ogc_api_process} or {@code openeo}; null to take it from each job's label), how Steward authenticates to
 * it, and how many of its jobs Steward has in flight at most.
 */
public record PlatformConfig(String endpoint, String type, Map<String, Object> auth, int maxConcurrentJobs) {
    public static final String OGC = "ogc_api_process";
    public static final String OPENEO = "openeo";

    /**
     * Whether Steward calls this platform with the job submitter's own token (auth {@code forward}, or
     * {@code token-exchange}, which trades it for the platform's): the poller then needs that token until the job ends.
     */
    public boolean usesCallerToken() {
        Object type = auth == null ? null : auth.get("type");
        return "forward".equals(type) || "token-exchange".equals(type);
    }

    /** The endpoint as entries and requests are compared: without trailing slashes. */
    public static String normalized(String endpoint) {
        String trimmed = endpoint == null ? "" : endpoint.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
