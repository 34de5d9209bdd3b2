package io.steward.engine.runner;

import io.steward.engine.blueprint.BlueprintService;
import io.steward.engine.deployment.NodeInstanceUpdates;
import io.steward.engine.deployment.Scaling;
import io.steward.engine.event.EventLog;
import io.steward.engine.execution.ExecutionQueue;
import io.steward.engine.execution.ExecutionStore;
import io.steward.engine.operation.OperationRunner;
import io.steward.engine.workflow.TaskStore;
import io.steward.tenancy.scope.TenantTables;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * What every execution run needs, gathered so a run is built with one argument instead of ten. {@code tables} is
 * there for {@link TenantTables#inOneTransaction}: a run groups the writes of one step into one commit;
 * {@code outages} waits a database outage out for the run's bookkeeping.
 */
@Singleton
record RunServices(ExecutionStore executions, TaskStore tasks, NodeInstanceUpdates instances, EventLog events,
                   OperationRunner operations, BlueprintService blueprints, BlueprintFiles files,
                   ExecutionQueue queue, Scaling scaling, Clock clock, TenantTables tables,
                   DatabaseOutages outages, RunMetrics metrics) {
}
