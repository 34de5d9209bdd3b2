package io.steward.tenancy.tenant;

import java.time.Instant;

/** A tenant: a named space that owns blueprints, deployments and executions. */
public record Tenant(String name, Instant createdAt, long userCount) {
}
