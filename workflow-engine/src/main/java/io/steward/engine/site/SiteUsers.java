package io.steward.engine.site;

/**
 * What refers to sites by name (deployments), told when a site of the caller's tenant is renamed or deleted so the
 * references follow it, as Cloudify's foreign key with {@code ON DELETE SET NULL} does. Called inside the
 * transaction that changes the site.
 */
public interface SiteUsers {
    void siteRenamed(String oldName, String newName);

    void siteDeleted(String name);
}
