package io.steward.ogc.process;

import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.tenant.TenantResources;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * A tenant's OGC records when the tenant is deleted: processes deployed through Part 2 are the user's to undeploy
 * first; jobs are the OGC side of executions, history that goes with the tenant (a job still running is an execution
 * that has not ended, which keeps the tenant already).
 */
@Singleton
class ProcessResources implements TenantResources {
    private final TenantTables tables;

    ProcessResources(TenantTables tables) {
        this.tables = tables;
    }

    @Override
    public List<String> remainingIn(String tenant) {
        long processes = tables.countAcrossTenants(ProcessStore.TABLE, tenant);
        return processes == 0 ? List.of() : List.of(processes + " deployed OGC process(es)");
    }

    @Override
    public void removeLeftovers(String tenant) {
        tables.deleteAcrossTenants(JobStore.TABLE, tenant, "1 = 1", List.of());
    }
}
