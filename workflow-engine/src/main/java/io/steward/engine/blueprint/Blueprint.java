package io.steward.engine.blueprint;

import io.steward.tenancy.scope.Visibility;

import java.time.Instant;
import java.util.Map;

/**
 * An uploaded blueprint. {@code plan} is the parsed DSL as plain maps (null when the parse failed); the archive is
 * stored beside it. A blueprint whose parse failed is kept in state {@link #INVALID} with the parse error, as
 * Cloudify keeps it, until it is deleted or uploaded again.
 */
public record Blueprint(String id, String tenantName, Visibility visibility, String createdBy, Instant createdAt,
                        Instant updatedAt, String state, String mainFileName, String description,
                        Map<String, Object> plan, String error, String errorTraceback) {
    public static final String UPLOADED = "uploaded";
    public static final String INVALID = "invalid";

    public Blueprint(String id, String tenantName, Visibility visibility, String createdBy, Instant createdAt,
                     Instant updatedAt, String state, String mainFileName, String description,
                     Map<String, Object> plan) {
        this(id, tenantName, visibility, createdBy, createdAt, updatedAt, state, mainFileName, description, plan,
                null, null);
    }

    /** Deployments are created only from a blueprint whose parse succeeded. */
    public boolean isUploaded() {
        return UPLOADED.equals(state);
    }
}
