package io.steward.engine.runner;

import io.steward.engine.blueprint.OperationKind;
import io.steward.engine.deployment.NodeInstance;
import io.steward.engine.event.EventContext;
import io.steward.engine.event.EventLog;
import io.steward.engine.operation.OperationRequest;
import io.steward.engine.operation.OperationResult;
import io.steward.engine.operation.RunningOperation;
import io.steward.engine.secret.SecretValues;
import io.steward.engine.workflow.Task;
import io.steward.engine.workflow.TaskStore.TaskState;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one task of an execution: a state change, or an operation with its retries, emitting Cloudify's task events
 * ({@code sending_task}, {@code task_started}, {@code task_succeeded}, {@code task_rescheduled}, {@code task_failed}).
 */
final class TaskExecutor {
    private final ExecutionRun run;
    private final RunServices services;
    private final TaskGraphRun graph;

    TaskExecutor(ExecutionRun run, RunServices services, TaskGraphRun graph) {
        this.run = run;
        this.services = services;
        this.graph = graph;
    }

    /**
     * Whether the task is done at once on the calling thread: a state change, a removal, or an operation that needs
     * no process or thread of its own (a no-op, an instant built-in, a dry run). Judged from the planning view;
     * once tasks have changed the deployment that view is gone and only the state changes count.
     */
    boolean isInstant(Task task) {
        return switch (task.kind()) {
            case SET_STATE, REMOVE_INSTANCE -> true;
            case OPERATION -> {
                var view = run.planViewIfFresh();
                if (view == null) {
                    yield run.dryRun();
                }
                Map<String, Object> definition = run.definitionOf(task, view);
                yield io.steward.engine.operation.OperationRunner.finishesAtOnce(kindOf(definition),
                        (String) definition.getOrDefault("implementation", ""), run.dryRun());
            }
        };
    }

    /**
     * Runs the task. Its writes are grouped into few commits: one as an operation starts, one as the task ends. The
     * closing commit holds the task's final state, and it is made before the outcome is returned, so a task's
     * {@code SUCCEEDED} is durable before any task that depends on it starts. {@code instant}: the task is done at
     * once on this thread ({@link #isInstant}); an operation's start is then committed with its end.
     */
    TaskOutcome execute(Task task, boolean instant) throws InterruptedException {
        return switch (task.kind()) {
            case SET_STATE -> setState(task);
            case OPERATION -> operation(task, instant);
            case REMOVE_INSTANCE -> removeInstance(task);
        };
    }

    /**
     * Commits {@code closingWrites} and the task's final state together, then returns {@code outcome}. The graph's
     * last task hands them to the execution's closing commit instead: no task depends on it, and its end and the
     * execution's end then cost one commit.
     */
    private TaskOutcome end(Task task, TaskOutcome outcome, Runnable closingWrites) throws InterruptedException {
        return end(task, outcome, false, closingWrites);
    }

    /**
     * {@code finishedOperation}: the task is an operation that finished (succeeded or failed for good), which the
     * execution's counter counts; a deferred last task's count rides in the execution's final status write.
     */
    private TaskOutcome end(Task task, TaskOutcome outcome, boolean finishedOperation, Runnable closingWrites)
            throws InterruptedException {
        Runnable writes = () -> {
            closingWrites.run();
            services.tasks().mark(run.executionId(), task.id(),
                    outcome.succeeded() ? TaskState.SUCCEEDED : TaskState.FAILED, 0);
        };
        TaskGraphRun.TaskEnd taskEnd = new TaskGraphRun.TaskEnd(writes, finishedOperation);
        if (!(graph.endingLastTask() && graph.deferLastTaskEnd(taskEnd))) {
            // Through an outage the outcome waits here, in memory, until it is recorded: dependents start after.
            services.outages().waitOut("recording the end of task " + task.id() + " of execution "
                    + run.executionId(), () -> services.tables().inOneTransaction(
                    () -> inOneBatch(() -> taskEnd.writeWithCount(services, run.executionId()))));
        }
        run.taskEnded();
        return outcome;
    }

    private TaskOutcome setState(Task task) throws InterruptedException {
        EventContext context = run.context().withNodeInstance(task.nodeId(), task.nodeInstanceId());
        return end(task, TaskOutcome.success(task), () -> {
            if (!run.dryRun()) {
                services.instances().setState(task.nodeInstanceId(), task.state());
            }
            services.events().event(context, "workflow_node_event",
                    NodeEvents.message(task.state()) + run.dryRunSuffix());
        });
    }

    private TaskOutcome removeInstance(Task task) throws InterruptedException {
        return end(task, TaskOutcome.success(task), () -> {
            if (!run.dryRun()) {
                services.scaling().remove(run.execution().deploymentId(), task.nodeInstanceId());
            }
            services.events().event(run.context().withNodeInstance(task.nodeId(), task.nodeInstanceId()),
                    "workflow_node_event", "Node instance removed" + run.dryRunSuffix());
        });
    }

    private void commitStart(Task task, EventContext context, List<EventLog.Line> startEvents)
            throws InterruptedException {
        services.outages().waitOut("recording the start of task " + task.id(),
                () -> services.tables().inOneTransaction(() -> {
                    services.tasks().mark(run.executionId(), task.id(), TaskState.RUNNING, 0);
                    services.events().events(context, startEvents);
                }));
    }

    /** Runs {@code writes} (inside a transaction) with their events inserted as one batch. */
    private Object inOneBatch(Runnable writes) {
        return services.events().inOneBatch(() -> {
            writes.run();
            return null;
        });
    }

    /** {@code start} first when the operation's start waited for its end, then {@code writes}. */
    private static Runnable afterStart(Runnable start, Runnable writes) {
        return start == null ? writes : () -> {
            start.run();
            writes.run();
        };
    }

    private TaskOutcome operation(Task task, boolean instant) throws InterruptedException {
        var view = services.outages().waitOut("reading the deployment for task " + task.id(), run::viewForTask);
        Map<String, Object> definition = run.definitionOf(task, view);
        EventContext context = operationContext(task);
        int maxRetries = ((Number) definition.getOrDefault("max_retries", 0)).intValue();
        Duration retryInterval = Duration.ofSeconds(((Number) definition.getOrDefault("retry_interval", 30)).longValue());
        String started = "Task started '" + task.operation() + "'" + run.dryRunSuffix();
        if (run.stopRequested()) {
            // Submitted just before a stop request: it ends without a start, as if it had never been sent.
            return end(task, TaskOutcome.stopped(task, "stopped before it started"), () -> {
            });
        }
        List<EventLog.Line> startEvents = List.of(new EventLog.Line("sending_task", "Sending task '"
                + task.operation() + "'" + run.dryRunSuffix()), new EventLog.Line("task_started", started));
        // An instant operation ends before anyone could see it running, and nothing it does outlives its end, so its
        // start events (stamped now, so they still come first) are committed with its end: one commit less per task.
        // Its RUNNING mark would be overwritten in that same commit, so it is not written at all.
        Runnable deferredStart = instant ? services.events().stampedNow(context, startEvents) : null;
        if (!instant) {
            commitStart(task, context, startEvents);
        }
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                services.outages().waitOut("recording a retry of task " + task.id(),
                        () -> services.events().event(context, "task_started", started));
                view = services.outages().waitOut("reading the deployment for task " + task.id(), run::freshView);
            }
            OperationResult result = runOnce(task, definition, context, view);
            if (result.outcome() == OperationResult.Outcome.SUCCEEDED) {
                // Outside the closing commit: the merge is a read-then-compare-and-set that must not wait on it.
                // An operation that left the properties it was given as they were (a no-op) has nothing to merge.
                if (task.nodeInstanceId() != null && !run.dryRun()
                        && !runtimeProperties(result).equals(givenProperties(task, view))) {
                    services.outages().waitOut("recording the runtime properties of task " + task.id(),
                            () -> services.instances().mergeRuntimeProperties(runtimeTarget(task),
                                    runtimeProperties(result)));
                }
                return end(task, TaskOutcome.success(task), true, afterStart(deferredStart, () -> {
                    services.tasks().storeOutput(run.executionId(), task.id(), result.output());
                    services.events().event(context, "task_succeeded", "Task succeeded '" + task.operation() + "'"
                            + run.dryRunSuffix());
                }));
            }
            if (result.outcome() == OperationResult.Outcome.TERMINATED || run.stopRequested()) {
                return end(task, TaskOutcome.stopped(task, result.error()), afterStart(deferredStart,
                        () -> services.events().failure(context, "task_failed", "Task failed '" + task.operation()
                                + "' -> " + result.error(), "OperationTerminated", result.error())));
            }
            boolean retry = maxRetries < 0 || attempt < maxRetries;
            if (!retry) {
                return end(task, TaskOutcome.failure(task, "Task failed '" + task.operation() + "' -> "
                        + result.error()), true, afterStart(deferredStart, () -> services.events().failure(context,
                        "task_failed", "Task failed '" + task.operation() + "' -> " + result.error(),
                        "OperationFailed", result.error())));
            }
            String rescheduled = "Task failed '" + task.operation() + "' -> " + result.error() + " [retry "
                    + (attempt + 1) + "/" + (maxRetries < 0 ? "∞" : maxRetries) + "]";
            // The retry waits and is reported: an instant first attempt's start is committed with that report.
            Runnable start = deferredStart == null ? null : afterStart(deferredStart,
                    () -> services.tasks().mark(run.executionId(), task.id(), TaskState.RUNNING, 0));
            deferredStart = null;
            services.outages().waitOut("recording a retry of task " + task.id(),
                    () -> services.tables().inOneTransaction(() -> inOneBatch(afterStart(start,
                            () -> services.events().event(context, "task_rescheduled", rescheduled)))));
            if (!run.awaitRetry(retryInterval)) {
                return end(task, TaskOutcome.stopped(task, "stopped while waiting to retry"), () -> {
                });
            }
        }
    }

    private EventContext operationContext(Task task) {
        EventContext context = run.context().withNodeInstance(task.nodeId(), task.nodeInstanceId())
                .withOperation(task.operation());
        return task.relationshipTarget() == null ? context
                : context.withRelationship(task.nodeInstanceId(), task.relationshipTarget());
    }

    private OperationResult runOnce(Task task, Map<String, Object> definition, EventContext context,
                                    io.steward.engine.workflow.DeploymentView view) throws InterruptedException {
        NodeInstance source = task.nodeInstanceId() == null ? null : view.instances().get(task.nodeInstanceId());
        NodeInstance target = task.relationshipTarget() == null ? null
                : view.instances().get(task.relationshipTarget());
        NodeInstance runsOn = task.side() == Task.Side.TARGET ? target : source;
        // Secrets are read here, when the operation runs, and masked in everything it reports.
        SecretValues secrets = services.secrets().begin();
        Map<String, Object> inputs;
        try {
            inputs = task.nodeInstanceId() == null ? run.parameters()
                    : new OperationInputs(run.deployment(), view, runsOn, source, target, secrets)
                    .evaluate(inputsOf(definition));
        } catch (InvalidInputException unevaluable) {
            return new OperationResult(OperationResult.Outcome.FAILED, secrets.mask(unevaluable.getMessage()),
                    runsOn == null ? Map.of() : runsOn.runtimeProperties(), null);
        }
        Map<String, Object> kwargs = run.operationKwargs();
        if (!kwargs.isEmpty()) {
            inputs = new java.util.LinkedHashMap<>(inputs);
            inputs.putAll(kwargs);
        }
        OperationRequest request = new OperationRequest(run.executionId(), run.deployment() == null ? null
                : run.deployment().id(), runsOn == null ? null : runsOn.nodeId(), runsOn == null ? null : runsOn.id(),
                task.operation(), kindOf(definition), (String) definition.getOrDefault("implementation", ""), inputs,
                runsOn == null ? Map.of() : runsOn.runtimeProperties(), run.blueprintRoot(),
                Duration.ofSeconds(((Number) definition.getOrDefault("timeout", 0)).longValue()), run.dryRun());
        run.firstOperationStarting().ifPresent(sinceClaim ->
                services.metrics().firstOperationStarting(run.execution(), sinceClaim));
        long startedNanos = System.nanoTime();
        // Output arrives on the runner's reader threads: they log as the execution's caller too.
        Caller caller = CallerScope.current();
        RunningOperation running = run.startUnlessStopped(task.id(), () -> services.operations().start(request,
                (level, message) -> {
                    if (!services.outages().databaseReachable()) {
                        return; // lost either way; waiting for a connection would only stall the script's output
                    }
                    try (var bound = CallerScope.bind(caller, run.executionId())) {
                        services.events().log(context, level, secrets.mask(message));
                    }
                }));
        if (running == null) {
            return new OperationResult(OperationResult.Outcome.TERMINATED, "stopped before it started", Map.of(),
                    null);
        }
        try {
            OperationResult awaited = running.await();
            OperationResult result = awaited.error() == null ? awaited : new OperationResult(awaited.outcome(),
                    secrets.mask(awaited.error()), awaited.runtimeProperties(), awaited.output());
            services.metrics().operationEnded(request.kind(), result.outcome(),
                    Duration.ofNanos(System.nanoTime() - startedNanos));
            return result;
        } catch (InterruptedException e) {
            // The server is stopping: leave no process behind; the task runs again when the execution resumes.
            running.kill(Duration.ofSeconds(1));
            throw e;
        } finally {
            run.untrack(task.id(), running);
        }
    }

    /** The runtime properties the operation was given: those of the instance it ran on, as {@code view} had them. */
    private static Map<String, Object> givenProperties(Task task, io.steward.engine.workflow.DeploymentView view) {
        NodeInstance runsOn = view.instances().get(runtimeTarget(task));
        return runsOn == null ? null : runsOn.runtimeProperties();
    }

    /** Runtime properties belong to the instance the operation ran on. */
    private static String runtimeTarget(Task task) {
        return task.side() == Task.Side.TARGET ? task.relationshipTarget() : task.nodeInstanceId();
    }

    private static Map<String, Object> runtimeProperties(OperationResult result) {
        return result.runtimeProperties() == null ? Map.of() : result.runtimeProperties();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputsOf(Map<String, Object> definition) {
        return (Map<String, Object>) definition.getOrDefault("inputs", Map.of());
    }

    private static OperationKind kindOf(Map<String, Object> definition) {
        return OperationKind.valueOf(((String) definition.getOrDefault("kind", "noop")).toUpperCase(Locale.ROOT));
    }
}
