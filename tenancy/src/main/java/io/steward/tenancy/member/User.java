package io.steward.tenancy.member;

import java.time.Instant;
import java.util.Map;

/** A user as others see it: never the password hash. {@code tenants} maps tenant name to the role held there. */
public record User(String username, SystemRole systemRole, boolean active, boolean locked, Instant createdAt,
                   Instant lastLoginAt, Map<String, TenantRole> tenants, boolean showGettingStarted) {
}
