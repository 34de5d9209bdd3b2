package io.steward.engine.runner;

import io.steward.engine.deployment.Deployment;
import io.steward.engine.event.EventContext;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionEvent;
import io.steward.engine.execution.ExecutionQueue;
import io.steward.engine.execution.RemoteJobExecutions;
import io.steward.engine.execution.IllegalTransitionException;
import io.steward.engine.group.GroupTargets;
import io.steward.engine.workflow.TaskStore.StoredTask;
import io.steward.engine.workflow.TaskStore.TaskState;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The life of a claimed execution around its task graph: the events at its start and end, the operation counters,
 * the deployment's installation status, and dequeueing what waited for it. Also the two recovery duties: take over
 * executions whose runner stopped beating, and end cancel requests whose execution runs nowhere.
 */
@Singleton
class ExecutionLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionLifecycle.class);

    private final RunServices services;
    private final OperationSessions sessions;
    private final String nodeId;
    private final GroupTargets groupTargets;
    private final EngineProbe probe;

    ExecutionLifecycle(RunServices services, OperationSessions sessions, RunnerIdentity identity,
                       GroupTargets groupTargets, EngineProbe probe) {
        this.groupTargets = groupTargets;
        this.probe = probe;
        this.services = services;
        this.sessions = sessions;
        this.nodeId = identity.nodeId();
    }

    void run(ExecutionRun run, TaskGraphRun graph) {
        Execution execution = run.execution();
        EventContext context = run.context();
        String name = "'" + execution.workflowId() + "' workflow execution";
        TaskGraphRun.Outcome outcome;
        boolean[] stillStarted = {true};
        try {
            // The task graph, the operation counters and the opening event commit together.
            List<StoredTask> tasks = services.outages().waitOut("starting execution " + execution.id(),
                    () -> services.tables().inOneTransaction(() -> {
                        if (execution.resume()) {
                            services.events().continueAfterEarlierEvents(execution.id());
                        }
                        List<StoredTask> prepared = run.prepare();
                        if (!countOperations(execution.id(), prepared)) {
                            stillStarted[0] = false;
                        }
                        services.events().event(context, "workflow_started", "Starting " + name
                                + run.dryRunSuffix());
                        return prepared;
                    }));
            if (!stillStarted[0]) {
                // A stop request committed between the claim and this run's first commit, when this server did not
                // run it yet and the request's signal found nothing here: the status tells it, before any task.
                graph.noticeStatusChanges();
            }
            outcome = graph.drive(tasks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("Execution {} interrupted by shutdown; it resumes when the server starts again", execution.id());
            return;
        } catch (RuntimeException e) {
            LOG.warn("Execution {} could not run", execution.id(), e);
            graph.failWith("Execution could not run: " + e.getMessage());
            outcome = TaskGraphRun.Outcome.FAILED;
        }
        if (run.isServerStopping()) {
            LOG.info("Execution {} stopped here (server stopping, or taken over); it resumes on the server that"
                    + " claims it next", execution.id());
            keepLastTaskEnd(run, graph);
            return;
        }
        probe.ending(execution);
        boolean owned;
        try {
            owned = recordEnd(run, graph, outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("Execution {} interrupted by shutdown before its end was recorded; it resumes when the server"
                    + " starts again", execution.id());
            return;
        }
        if (!owned) {
            // Another server took it over while this one was stalled: that one finishes it, not this one.
            LOG.warn("Execution {} was taken over by another server before it ended here; its end is left to that"
                    + " server", execution.id());
            return;
        }
        // One line per execution for the operator's log (with the tenant and execution ids in the MDC).
        LOG.info("Execution {} of workflow '{}' on deployment {} ended: {}", execution.id(), execution.workflowId(),
                execution.deploymentId(), outcome.name().toLowerCase(java.util.Locale.ROOT));
        // What waited for this execution moves on in the engine's next round, which its end wakes (EngineRunner
        // runToEnd): one dequeue-and-claim under one lock for every run that ended meanwhile, not one per run.
    }

    /**
     * Commits the execution's end; false when another server owns it now. Through a database outage it waits, up to
     * the outage limit; past it the execution fails saying so, and that end waits for the database however long.
     */
    private boolean recordEnd(ExecutionRun run, TaskGraphRun graph, TaskGraphRun.Outcome outcome)
            throws InterruptedException {
        TaskGraphRun.TaskEnd lastTaskEnd = graph.takeLastTaskEnd(); // once: each attempt's transaction runs it again
        String what = "recording the end of execution " + run.executionId();
        if (outcome == TaskGraphRun.Outcome.FAILED) {
            return services.outages().waitOutWithoutLimit(what, () -> closingCommit(run, graph, outcome, lastTaskEnd));
        }
        try {
            return services.outages().waitOut(what, () -> closingCommit(run, graph, outcome, lastTaskEnd));
        } catch (DatabaseOutages.DatabaseOutageLimitExceeded e) {
            graph.failWith(e.getMessage());
            return services.outages().waitOutWithoutLimit(what,
                    () -> closingCommit(run, graph, TaskGraphRun.Outcome.FAILED, lastTaskEnd));
        }
    }

    /**
     * As in Cloudify, the closing event comes first, so a client that sees the final status finds it: the event and
     * the final status commit together, with the last task's end. A run that succeeded or failed while still
     * {@code started} (nearly every one) ends in one pass: its writes, then the final status as a compare-and-set that
     * is also the check that this server still owns it. When that set matches nothing (a cancel, a PATCH or a
     * takeover came meanwhile), everything of that pass is rolled back and the end goes the careful way.
     */
    private boolean closingCommit(ExecutionRun run, TaskGraphRun graph, TaskGraphRun.Outcome ended,
                                  TaskGraphRun.TaskEnd lastTaskEnd) {
        if (ended != TaskGraphRun.Outcome.STOPPED) {
            try {
                return services.tables().inOneTransaction(() -> services.events().inOneBatch(() -> {
                    if (lastTaskEnd != null) {
                        lastTaskEnd.writes().run();
                    }
                    closingWrites(run, graph, ended);
                    // The last task's count rides in the final status write: one statement less per execution.
                    if (!graph.finishOwned(ended, nodeId, lastTaskEnd != null && lastTaskEnd.finishedOperation())) {
                        throw new EndNotAtOnce();
                    }
                    return true;
                }));
            } catch (EndNotAtOnce moved) {
                LOG.debug("Execution {} moved before its end; it ends the careful way", run.executionId());
            }
        }
        return carefulClosingCommit(run, graph, ended, lastTaskEnd);
    }

    /**
     * The heartbeat opens the transaction: it checks that this server still owns the execution and locks the row, so
     * no takeover slips in before the commit; the final transition then re-reads the status when it moved.
     */
    private boolean carefulClosingCommit(ExecutionRun run, TaskGraphRun graph, TaskGraphRun.Outcome ended,
                                         TaskGraphRun.TaskEnd lastTaskEnd) {
        return services.tables().inOneTransaction(() -> services.events().inOneBatch(() -> {
            if (!services.executions().heartbeat(run.executionId(), nodeId, services.clock().instant())) {
                return false;
            }
            if (lastTaskEnd != null) {
                lastTaskEnd.writeWithCount(services, run.executionId());
            }
            closingWrites(run, graph, ended);
            graph.finish(ended);
            return true;
        }));
    }

    /** What an end writes besides the status and the last task's end: the closing event, the installation status. */
    private void closingWrites(ExecutionRun run, TaskGraphRun graph, TaskGraphRun.Outcome ended) {
        Execution execution = run.execution();
        EventContext context = run.context();
        String name = "'" + execution.workflowId() + "' workflow execution";
        switch (ended) {
            case SUCCEEDED -> {
                services.events().event(context, "workflow_succeeded", name + " succeeded" + run.dryRunSuffix());
                updateInstallationStatus(run);
                groupTargets.memberEnded(execution, true);
            }
            case FAILED -> {
                services.events().failure(context, "workflow_failed", name + " failed: " + graph.failure(),
                        "WorkflowFailed", graph.failure());
                updateInstallationStatus(run);
                groupTargets.memberEnded(execution, false);
            }
            case STOPPED -> {
                services.events().event(context, "workflow_cancelled", name + " cancelled");
                updateInstallationStatus(run);
            }
        }
    }

    /** The one-pass end found the execution moved: its transaction rolls back, and the careful end follows. */
    private static final class EndNotAtOnce extends RuntimeException {
        EndNotAtOnce() {
            super("the execution moved before its end", null, false, false);
        }
    }

    /**
     * The server stops before the execution ends: the last task's end, if it waited for the closing commit, is
     * committed alone while this server still owns the execution, so the resumed run does not repeat that task.
     */
    private void keepLastTaskEnd(ExecutionRun run, TaskGraphRun graph) {
        TaskGraphRun.TaskEnd lastTaskEnd = graph.takeLastTaskEnd();
        if (lastTaskEnd == null) {
            return;
        }
        try {
            services.tables().inOneTransaction(() -> {
                if (services.executions().heartbeat(run.executionId(), nodeId, services.clock().instant())) {
                    lastTaskEnd.writeWithCount(services, run.executionId());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not keep the end of execution {}'s last task; it runs again on resume",
                    run.executionId(), e);
        }
    }

    /**
     * Writes the operation counters while the execution is still {@code started}; false when it is not. This
     * compare-and-set is the run's check that no stop request came since the claim, at no extra statement: it
     * locks the row until the opening commit, so a request that comes after it finds the run registered here and
     * reaches it as a signal, and no operation starts before either.
     */
    private boolean countOperations(String executionId, List<StoredTask> tasks) {
        long total = tasks.stream().filter(t -> t.task().isOperation()).count();
        long done = tasks.stream().filter(t -> t.task().isOperation() && t.state() == TaskState.SUCCEEDED).count();
        return services.executions().updateWhileStarted(executionId, Map.of("total_operations", (int) total,
                "finished_operations", (int) done));
    }

    /**
     * As Cloudify after every execution of a deployment (but its deletion): installed ({@code active}) when every
     * node instance is {@code started}, else {@code inactive}, whatever the workflow and however it ended; unless
     * the run could not have changed it ({@link ExecutionRun#leavesInstallationStatus}).
     */
    private void updateInstallationStatus(ExecutionRun run) {
        String deploymentId = run.execution().deploymentId();
        if (run.dryRun() || deploymentId == null || run.leavesInstallationStatus()
                || "delete_deployment_environment".equals(run.execution().workflowId())) {
            return;
        }
        services.instances().setInstallationStatus(deploymentId,
                Deployment.installationStatusOf(services.instances().instancesOf(deploymentId)));
    }

    /**
     * Executions whose runner stopped beating (its process died, or was stopped) go back to {@code pending} and are
     * claimed again; their stored task graphs skip what had succeeded. {@code staleBefore} is the oldest heartbeat a
     * live runner can have; what this server runs itself ({@code runningHere}) is never taken over, however late its
     * heartbeat.
     */
    void takeOverStale(Set<String> runningHere, Instant staleBefore) {
        for (Execution execution : services.executions().findAcrossTenants(
                "status = 'started' AND (heartbeat_at IS NULL OR heartbeat_at < ?) AND " + RemoteJobExecutions.NOT_REMOTE,
                List.of(staleBefore), 1000)) {
            if (runningHere.contains(execution.id())) {
                continue;
            }
            try (var bound = ExecutionQueue.actFor(execution)) {
                if (services.executions().resumeIfStale(execution.id(), staleBefore)) {
                    LOG.info("Execution {} lost its runner; it resumes now", execution.id());
                    sessions.reapLeftovers(execution.id());
                } else {
                    LOG.debug("Execution {} moved on, or its runner beat, before it could be taken over",
                            execution.id());
                }
            }
        }
    }

    /**
     * Executions this node id ran before the server restarted (with the same {@code steward.engine.node-id}): no one
     * runs them any more, so they resume at once rather than after the takeover time. Called once at start, with
     * the time the server started: its predecessor's heartbeats are all older.
     */
    void takeOverOwn(Instant startedAt) {
        for (Execution execution : services.executions().findAcrossTenants(
                "status = 'started' AND owner_node = ?", List.of(nodeId), 1000)) {
            try (var bound = ExecutionQueue.actFor(execution)) {
                if (services.executions().resumeIfStale(execution.id(), startedAt)) {
                    LOG.info("Execution {} was running here before this server restarted; it resumes now",
                            execution.id());
                    sessions.reapLeftovers(execution.id());
                }
            }
        }
    }

    /**
     * Cancel requests for executions that no live runner runs (never started, or their runner is gone) end now;
     * {@code runningHere} are the ones this server still runs, which stop by themselves.
     */
    void endOrphanedCancels(Set<String> runningHere, Instant staleBefore) {
        List<Execution> cancelling = services.executions().findAcrossTenants(
                "status IN ('cancelling', 'force_cancelling', 'kill_cancelling')"
                        + " AND (heartbeat_at IS NULL OR heartbeat_at < ? OR owner_node = ?) AND " + RemoteJobExecutions.NOT_REMOTE,
                List.of(staleBefore, nodeId), 1000);
        for (Execution execution : cancelling) {
            if (runningHere.contains(execution.id())) {
                continue;
            }
            try (var bound = ExecutionQueue.actFor(execution)) {
                services.events().event(execution.eventContext(), "workflow_cancelled",
                        "'" + execution.workflowId() + "' workflow execution cancelled");
                Map<String, Object> changes = new LinkedHashMap<>();
                changes.put("ended_at", services.clock().instant());
                services.executions().apply(execution.id(), ExecutionEvent.STOPPED_AFTER_CANCEL, changes);
                services.queue().dequeue();
            } catch (IllegalTransitionException e) {
                LOG.debug("Execution {} ended before its cancel could be completed", execution.id());
            }
        }
    }
}
