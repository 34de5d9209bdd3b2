package io.steward.engine.execution;

import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.tenant.TenantResources;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A tenant's executions when the tenant is deleted. One that has not ended (running, queued, scheduled) keeps the
 * tenant; ended ones are history and go with it, with their task graphs, transitions, process sessions and events
 * (Cloudify's events and logs hang off their execution). So do events that name no execution.
 */
@Singleton
class ExecutionHistory implements TenantResources {
    /** How many unfinished execution ids the refusal names; the count covers the rest. */
    private static final int NAMED = 10;
    private static final List<String> OF_EXECUTIONS = List.of(ExecutionStore.HISTORY, "execution_tasks",
            "operation_sessions", "events");

    private final TenantTables tables;

    ExecutionHistory(TenantTables tables) {
        this.tables = tables;
    }

    @Override
    public List<String> remainingIn(String tenant) {
        List<Object> params = new ArrayList<>();
        params.add(tenant);
        String unfinished = "tenant_name = ? AND status NOT IN (" + marks(params) + ")";
        long count = tables.countWhereAcrossTenants(ExecutionStore.TABLE, unfinished, params);
        if (count == 0) {
            return List.of();
        }
        List<String> ids = tables.findAcrossTenants(ExecutionStore.TABLE, unfinished, params, NAMED,
                rs -> rs.getString("id"));
        return List.of(count + " execution(s) that have not ended: " + ids);
    }

    /**
     * Only ended executions are removed: one started after {@link #remainingIn} looked keeps its tenant row through
     * the foreign key, and the tenant's delete fails and rolls back as a whole.
     */
    @Override
    public void removeLeftovers(String tenant) {
        OF_EXECUTIONS.forEach(table -> tables.deleteAcrossTenants(table, tenant, "1 = 1", List.of()));
        List<Object> params = new ArrayList<>();
        String ended = "status IN (" + marks(params) + ")";
        tables.deleteAcrossTenants(ExecutionStore.TABLE, tenant, ended, params);
    }

    /** One mark per end status, their wire values appended to {@code params}. */
    private static String marks(List<Object> params) {
        StringJoiner marks = new StringJoiner(", ");
        ExecutionStatus.END.forEach(status -> {
            marks.add("?");
            params.add(status.wire());
        });
        return marks.toString();
    }
}
