package io.steward.engine.blueprint;

import io.steward.tenancy.scope.Visibility;

import java.time.Instant;
import java.util.Map;

/** An uploaded, parsed blueprint. {@code plan} is the parsed DSL as plain maps; the archive is stored beside it. */
public record Blueprint(String id, String tenantName, Visibility visibility, String createdBy, Instant createdAt,
                        Instant updatedAt, String state, String mainFileName, String description,
                        Map<String, Object> plan) {
    public static final String UPLOADED = "uploaded";
}
