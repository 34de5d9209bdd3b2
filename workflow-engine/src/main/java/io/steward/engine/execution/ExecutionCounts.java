package io.steward.engine.execution;

import io.micronaut.context.annotation.Factory;
import io.steward.tenancy.store.RowCounts;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Executions are counted per system-workflow flag, visibility and creator (table {@code execution_counts}): the
 * columns of the list's read scope and of its default filter, so the list's total is a sum of a few rows.
 * {@code TenantTables} keeps the counts with every insert and delete of an execution.
 */
@Factory
class ExecutionCounts {
    @Singleton
    RowCounts executionCounts() {
        return new RowCounts(ExecutionStore.TABLE, "execution_counts",
                List.of("is_system_workflow", "visibility", "created_by"));
    }
}
