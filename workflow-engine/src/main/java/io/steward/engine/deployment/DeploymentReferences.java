package io.steward.engine.deployment;

import io.steward.engine.blueprint.BlueprintUsage;
import io.steward.engine.site.SiteUsers;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.tenant.TenantResources;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** Tells blueprints and tenants what deployments still refer to them; deployments follow their site. */
@Singleton
class DeploymentReferences implements BlueprintUsage, TenantResources, SiteUsers {
    private final DeploymentStore store;
    private final TenantTables tables;

    DeploymentReferences(DeploymentStore store, TenantTables tables) {
        this.store = store;
        this.tables = tables;
    }

    @Override
    public List<String> deploymentsOf(String blueprintId) {
        return store.idsUsingBlueprint(blueprintId);
    }

    @Override
    public void siteRenamed(String oldName, String newName) {
        store.moveSite(oldName, newName);
    }

    @Override
    public void siteDeleted(String name) {
        store.moveSite(name, null);
    }

    /** Deployments, blueprints, saved filters and sites are the user's to delete before the tenant goes. */
    @Override
    public List<String> remainingIn(String tenant) {
        List<String> remaining = new ArrayList<>();
        long deployments = tables.countAcrossTenants(DeploymentStore.DEPLOYMENTS, tenant);
        if (deployments > 0) {
            remaining.add(deployments + " deployment(s)");
        }
        long blueprints = tables.countAcrossTenants("blueprints", tenant);
        if (blueprints > 0) {
            remaining.add(blueprints + " blueprint(s)");
        }
        long filters = tables.countAcrossTenants("filters", tenant);
        if (filters > 0) {
            remaining.add(filters + " filter(s)");
        }
        long sites = tables.countAcrossTenants("sites", tenant);
        if (sites > 0) {
            remaining.add(sites + " site(s)");
        }
        return remaining;
    }
}
