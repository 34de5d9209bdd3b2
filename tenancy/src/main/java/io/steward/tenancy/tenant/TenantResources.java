package io.steward.tenancy.tenant;

/**
 * Implemented by modules that store tenant-owned records, so a tenant that still owns something is not deleted.
 * Tenancy cannot know those tables itself: the dependency points the other way.
 */
public interface TenantResources {
    /** How many records {@code tenant} still owns in this module's tables. */
    long countOwnedBy(String tenant);
}
