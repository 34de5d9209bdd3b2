package io.steward.engine.runner;

import io.steward.engine.operation.RunningOperation;
import io.steward.engine.blueprint.Blueprint;
import io.steward.engine.blueprint.WorkflowDefinition;
import io.steward.engine.deployment.Deployment;
import io.steward.engine.event.EventContext;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionSignals.StopMode;
import io.steward.engine.workflow.DeploymentView;
import io.steward.engine.workflow.Task;
import io.steward.engine.workflow.TaskStore.StoredTask;
import io.steward.engine.workflow.TaskStore.TaskState;
import io.steward.engine.workflow.ScaleWorkflow;
import io.steward.engine.workflow.WorkflowPlanner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything one running execution knows: its deployment, workflow, task graph and the operations in flight, and
 * the stop request if one came. {@link TaskGraphRun} drives it; {@link TaskExecutor} runs single tasks.
 */
final class ExecutionRun {
    private final Execution execution;
    private final RunServices services;
    private final Map<String, RunningOperation> inFlight = new ConcurrentHashMap<>();
    /** Every operation this run started, finished or not: a later kill reaps what they left running. */
    private final List<RunningOperation> started =
            java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final Object stopSignal = new Object();
    private volatile StopMode stopMode;
    private volatile boolean serverStopping;
    private Deployment deployment;
    private WorkflowDefinition workflow;
    private Path blueprintRoot;
    private volatile DeploymentView planView;
    /** Whether the installation status read with the plan matched the instances read with it; see below. */
    private boolean installationStatusAsPlanned;
    private final java.util.concurrent.atomic.AtomicInteger tasksEnded = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean operationStarted =
            new java.util.concurrent.atomic.AtomicBoolean();

    ExecutionRun(Execution execution, RunServices services) {
        this.execution = execution;
        this.services = services;
    }

    /** The time since the claim, the first time an operation of this run starts; empty every later time. */
    java.util.Optional<java.time.Duration> firstOperationStarting() {
        if (operationStarted.getAndSet(true) || execution.startedAt() == null) {
            return java.util.Optional.empty();
        }
        java.time.Duration since = java.time.Duration.between(execution.startedAt(), services.clock().instant());
        return java.util.Optional.of(since.isNegative() ? java.time.Duration.ZERO : since);
    }

    /**
     * Loads what the run needs and returns the task graph: the stored one when resuming, else a new one. Only a
     * resumed execution can have a stored graph (a takeover and a resume both set {@code resume}; a new execution's
     * graph is stored in the same commit as its {@code workflow_started} event), so a new one skips that read.
     */
    List<StoredTask> prepare() {
        // One read for both; when it finds nothing the two reads run, to fail saying which is missing.
        var planned = services.instances().withBlueprint(execution.deploymentId());
        Blueprint blueprint;
        if (planned.isPresent()) {
            deployment = planned.get().deployment();
            blueprint = planned.get().blueprint();
        } else {
            deployment = services.instances().deployment(execution.deploymentId());
            blueprint = services.blueprints().withoutPlan(deployment.blueprintId());
        }
        workflow = services.blueprints().plan(blueprint).workflow(execution.workflowId()).orElseThrow(
                () -> new IllegalStateException("Workflow " + execution.workflowId() + " is gone from the blueprint"));
        blueprintRoot = services.files().unpacked(blueprint, services.blueprints());
        List<StoredTask> stored = execution.resume() ? services.tasks().load(execution.id()) : List.of();
        if (!stored.isEmpty()) {
            return stored;
        }
        List<Task> tasks;
        if (workflow.builtin() && ScaleWorkflow.FUNCTION.equals(workflow.builtinFunction())) {
            // Scaling adds and removes instances while it plans: its tasks read the view afresh.
            tasks = ScaleWorkflow.plan(execution.parameters(), execution.deploymentId(), services.scaling(),
                    this::freshView);
        } else {
            DeploymentView view = freshView();
            tasks = WorkflowPlanner.plan(workflow, execution.parameters(), view);
            planView = view;
            installationStatusAsPlanned = tasks.stream().allMatch(Task::isOperation)
                    && Deployment.installationStatusOf(view.instances().values())
                    .equals(deployment.installationStatus());
        }
        if (!execution.dryRun()) {
            services.tasks().save(execution.id(), tasks);
        }
        return tasks.stream().map(t -> new StoredTask(t, TaskState.PENDING, 0)).toList();
    }

    /**
     * Whether this run cannot have changed its deployment's installation status: its graph only runs operations (no
     * state change, no removal, no scaling: the engine writes an instance's state only in those tasks), and the
     * status read with the plan already matched the instances read with it. Its end then need not read every
     * instance again to write the status it already has. What others change meanwhile (another execution's state
     * changes) is written by their own ends.
     */
    boolean leavesInstallationStatus() {
        return installationStatusAsPlanned;
    }

    String executionId() {
        return execution.id();
    }

    Execution execution() {
        return execution;
    }

    Deployment deployment() {
        return deployment;
    }

    boolean dryRun() {
        return execution.dryRun();
    }

    String dryRunSuffix() {
        return execution.dryRun() ? " (dry run)" : "";
    }

    Path blueprintRoot() {
        return blueprintRoot;
    }

    Map<String, Object> parameters() {
        return execution.parameters();
    }

    /** execute_operation's {@code operation_kwargs}: extra inputs for every operation it runs. */
    @SuppressWarnings("unchecked")
    Map<String, Object> operationKwargs() {
        Object kwargs = execution.parameters().get("operation_kwargs");
        return kwargs instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    EventContext context() {
        return execution.eventContext();
    }

    /** The deployment's nodes and instances as they are now (runtime properties change as tasks run). */
    DeploymentView freshView() {
        return services.tables().inOneTransaction(() -> DeploymentView.of(
                services.instances().nodesOf(execution.deploymentId()),
                services.instances().instancesOf(execution.deploymentId())));
    }

    /**
     * The view a task's operation starts from. Until a task of this run has ended, nothing this run does has changed
     * the deployment since it was planned, so the tasks of the first round use the view read for planning instead
     * of reading it again; after that every task reads it fresh.
     */
    DeploymentView viewForTask() {
        DeploymentView view = planViewIfFresh();
        return view != null ? view : freshView();
    }

    /** The planning view while no task of this run has ended, else null. */
    DeploymentView planViewIfFresh() {
        DeploymentView view = planView;
        return view != null && tasksEnded.get() == 0 ? view : null;
    }

    /** A task of this run ended: later tasks must see what it changed. */
    void taskEnded() {
        tasksEnded.incrementAndGet();
        planView = null;
    }

    /** The definition of the operation a task runs: a node operation, a relationship end's, or a script workflow. */
    Map<String, Object> definitionOf(Task task, DeploymentView view) {
        if (task.nodeInstanceId() == null) {
            return Map.of("kind", "script", "implementation", task.operation());
        }
        var definition = task.relationshipTarget() == null
                ? view.operation(task.nodeId(), task.operation())
                : view.relationshipOperation(task.nodeId(), view.instances().get(task.relationshipTarget()).nodeId(),
                        relationshipType(view, task), task.side(), task.operation());
        return definition.orElse(Map.of("kind", "noop", "implementation", ""));
    }

    private static String relationshipType(DeploymentView view, Task task) {
        return view.instances().get(task.nodeInstanceId()).relationships().stream()
                .filter(r -> task.relationshipTarget().equals(r.get("target_id")))
                .map(r -> (String) r.get("type")).findFirst().orElse("");
    }

    /**
     * Starts an operation unless a stop was requested, and tracks it; null when it was not started. The check and
     * the start hold the stop signal's lock, so a stop request comes either before (nothing starts) or after the
     * operation is tracked (the graph's stop sees it in flight): an operation never starts after a kill.
     */
    RunningOperation startUnlessStopped(String taskId,
            java.util.function.Supplier<RunningOperation> start) {
        synchronized (stopSignal) {
            if (stopMode != null || serverStopping) {
                return null;
            }
            RunningOperation operation = start.get();
            inFlight.put(taskId, operation);
            started.add(operation);
            if (serverStopping) {
                // The server began stopping while this operation started; its own kill of what is in flight may
                // have missed it.
                operation.kill(Duration.ofSeconds(1));
            }
            return operation;
        }
    }

    void untrack(String taskId, RunningOperation operation) {
        inFlight.remove(taskId, operation);
    }

    List<RunningOperation> startedOperations() {
        synchronized (started) {
            return List.copyOf(started);
        }
    }

    java.util.Collection<RunningOperation> inFlight() {
        return List.copyOf(inFlight.values());
    }

    void requestStop(StopMode mode) {
        synchronized (stopSignal) {
            if (stopMode == null || mode.ordinal() > stopMode.ordinal()) {
                stopMode = mode;
            }
            stopSignal.notifyAll();
        }
    }

    /** The server is stopping: the run ends without finishing the execution, which resumes on the next start. */
    void serverStopping() {
        serverStopping = true;
    }

    boolean isServerStopping() {
        return serverStopping;
    }

    StopMode stopMode() {
        return stopMode;
    }

    boolean stopRequested() {
        return stopMode != null;
    }

    /** Waits before a retry; false when a stop request came meanwhile. */
    boolean awaitRetry(Duration interval) throws InterruptedException {
        long deadline = System.nanoTime() + interval.toNanos();
        synchronized (stopSignal) {
            while (stopMode == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                stopSignal.wait(Math.max(1, left / 1_000_000));
            }
        }
        return false;
    }
}
