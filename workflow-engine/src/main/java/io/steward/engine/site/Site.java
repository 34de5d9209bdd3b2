package io.steward.engine.site;

import io.steward.tenancy.scope.Visibility;

import java.time.Instant;

/** A named place deployments can be put in, with an optional location (both coordinates or neither). */
public record Site(String name, String tenantName, Visibility visibility, String createdBy, Instant createdAt,
                   Double latitude, Double longitude) {
}
