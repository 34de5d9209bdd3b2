package io.steward.engine.deployment;

import io.steward.engine.blueprint.BlueprintUsage;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.tenant.TenantResources;
import jakarta.inject.Singleton;

import java.util.List;

/** Tells blueprints and tenants what deployments still refer to them. */
@Singleton
class DeploymentReferences implements BlueprintUsage, TenantResources {
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
    public long countOwnedBy(String tenant) {
        return tables.countAcrossTenants(DeploymentStore.DEPLOYMENTS, tenant)
                + tables.countAcrossTenants("blueprints", tenant);
    }
}
