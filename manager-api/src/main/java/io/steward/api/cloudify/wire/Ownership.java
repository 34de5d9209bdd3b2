package io.steward.api.cloudify.wire;

import java.util.Map;

/** The fields every tenant-owned Cloudify resource carries, including the deprecated aliases old clients read. */
final class Ownership {
    static final java.util.List<String> FIELDS = java.util.List.of("tenant_name", "created_by", "visibility",
            "private_resource", "resource_availability");

    private Ownership() {
    }

    static void put(Map<String, Object> out, String tenantName, String createdBy, String visibility) {
        out.put("tenant_name", tenantName);
        out.put("created_by", createdBy);
        out.put("visibility", visibility);
        out.put("private_resource", "private".equals(visibility));
        out.put("resource_availability", visibility);
    }
}
