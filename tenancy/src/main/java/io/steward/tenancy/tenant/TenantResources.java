package io.steward.tenancy.tenant;

import java.util.List;

/**
 * Implemented by modules that store tenant-owned records. Deleting a tenant asks each of them what the tenant still
 * owns that a user must delete (or wait for) first, then lets each remove what the tenant leaves behind: its history.
 * Tenancy cannot know those tables itself: the dependency points the other way.
 */
public interface TenantResources {
    /**
     * What {@code tenant} still has in this module that keeps it from being deleted, each as a short phrase for the
     * refusal ("2 deployment(s)"); empty when nothing does.
     */
    List<String> remainingIn(String tenant);

    /**
     * Removes the records {@code tenant} leaves behind in this module (history nobody deletes one by one), inside the
     * transaction that deletes the tenant, after every module found nothing {@link #remainingIn remaining}.
     */
    default void removeLeftovers(String tenant) {
    }
}
