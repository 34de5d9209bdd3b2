package io.steward.engine.runner;

import io.steward.engine.execution.ExecutionEvent;
import io.steward.engine.execution.ExecutionSignals.StopMode;
import io.steward.engine.execution.ExecutionStatus;
import io.steward.engine.execution.ExecutionStore;
import io.steward.engine.execution.IllegalTransitionException;
import io.steward.engine.operation.RunningOperation;
import io.steward.engine.workflow.Task;
import io.steward.engine.workflow.TaskStore.StoredTask;
import io.steward.engine.workflow.TaskStore.TaskState;
import io.steward.tenancy.store.DatabaseUnreachable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Drives one execution's task graph to its end. The loop reads like its steps: notice stop requests, start every task
 * whose dependencies succeeded, collect outcomes; then finish with the status the outcome calls for. Tasks that
 * succeeded in an earlier run (before a restart or a resume) are not run again.
 */
final class TaskGraphRun {
    private static final Logger LOG = LoggerFactory.getLogger(TaskGraphRun.class);
    private static final long POLL_MILLIS = 200;

    enum Outcome { SUCCEEDED, FAILED, STOPPED }

    private final ExecutionRun run;
    private final RunServices services;
    private final ExecutorService pool;
    private final Duration killGrace;
    private final long statusCheckNanos;
    private final BlockingQueue<TaskOutcome> completions = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger unfinished = new java.util.concurrent.atomic.AtomicInteger();
    private String failure;
    private TaskEnd lastTaskEnd;
    private boolean closing;

    /**
     * A task's end writes (its final state, events and outputs) and whether it counts as a finished operation, which
     * is the execution's counter to add one to: committed alone, or deferred to the execution's closing commit.
     */
    record TaskEnd(Runnable writes, boolean finishedOperation) {
        /** The writes and the count as its own statement, inside the caller's transaction. */
        void writeWithCount(RunServices services, String executionId) {
            writes.run();
            if (finishedOperation) {
                services.executions().countFinishedOperation(executionId);
            }
        }
    }

    /** {@code statusCheck}: how often the run reads its status as the backstop for stop signals it missed. */
    TaskGraphRun(ExecutionRun run, RunServices services, ExecutorService pool, Duration killGrace,
                 Duration statusCheck) {
        this.run = run;
        this.services = services;
        this.pool = pool;
        this.killGrace = killGrace;
        this.statusCheckNanos = statusCheck.toNanos();
    }

    /** Runs the graph; returns how it ended and, for a failure, why. */
    Outcome drive(List<StoredTask> stored) throws InterruptedException {
        Map<String, Task> waiting = new LinkedHashMap<>();
        Set<String> succeeded = new HashSet<>();
        stored.forEach(t -> {
            if (t.state() == TaskState.SUCCEEDED) {
                succeeded.add(t.task().id());
            } else {
                waiting.put(t.task().id(), t.task());
            }
        });
        int running = 0;
        long failedAt = 0;
        unfinished.set(waiting.size());
        TaskExecutor executor = new TaskExecutor(run, services, this);
        // The claim has just read the status, and cancels, PATCHes and other servers' stops arrive as signals
        // (requestStop): the database is asked at most once per poll, as the backstop, not once per completion.
        long nextStatusCheck = System.nanoTime() + statusCheckNanos;
        while (true) {
            if (System.nanoTime() - nextStatusCheck >= 0) {
                noticeStatusChanges();
                nextStatusCheck = System.nanoTime() + statusCheckNanos;
            }
            StopMode stop = run.stopMode();
            if (stop == StopMode.FORCE) {
                run.inFlight().forEach(RunningOperation::terminate);
                return Outcome.STOPPED;
            }
            if (stop == StopMode.KILL) {
                killInFlight();
                return Outcome.STOPPED;
            }
            if (stop == null && failure == null) {
                running += submitReady(waiting, succeeded, executor, running);
            }
            if (running == 0) {
                return stop != null ? Outcome.STOPPED : failure != null ? Outcome.FAILED
                        : waiting.isEmpty() ? Outcome.SUCCEEDED : deadlock(waiting);
            }
            TaskOutcome outcome = completions.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (outcome != null) {
                running--;
                record(outcome, succeeded);
                if (failure != null && failedAt == 0) {
                    failedAt = System.nanoTime();
                }
            }
            if (failedAt != 0 && System.nanoTime() - failedAt > waitAfterFail().toNanos()) {
                return Outcome.FAILED;
            }
        }
    }

    String failure() {
        return failure;
    }

    void failWith(String reason) {
        failure = reason;
    }

    private int submitReady(Map<String, Task> waiting, Set<String> succeeded, TaskExecutor executor, int running) {
        List<Task> ready = waiting.values().stream().filter(t -> succeeded.containsAll(t.dependsOn())).toList();
        for (Task task : ready) {
            waiting.remove(task.id());
            if (ready.size() == 1 && running == 0 && executor.isInstant(task)) {
                // Alone and done at once (a state change, a no-op): a hand-off to the pool and back would cost
                // more than the task, and there is nothing else to watch meanwhile.
                completions.add(runTask(executor, task, true));
            } else {
                pool.execute(() -> completions.add(runTask(executor, task, false)));
            }
        }
        return ready.size();
    }

    /**
     * Called as a task ends, on the thread that ran it: true when it is the graph's last unfinished task, whose end
     * writes may then wait for the closing commit (nothing can depend on them). Any other task commits its end
     * before its outcome is reported, so a task's SUCCEEDED is durable before its dependents start.
     */
    boolean endingLastTask() {
        return unfinished.decrementAndGet() == 0;
    }

    /**
     * Hands the last task's end writes to the closing commit; false when the closing has already taken its turn
     * (a stop ended the graph first), and the task then commits them itself.
     */
    synchronized boolean deferLastTaskEnd(TaskEnd end) {
        if (closing) {
            return false;
        }
        lastTaskEnd = end;
        return true;
    }

    /** The last task's end writes, if it deferred them, for the closing commit; later ones are committed apart. */
    synchronized TaskEnd takeLastTaskEnd() {
        closing = true;
        TaskEnd end = lastTaskEnd;
        lastTaskEnd = null;
        return end;
    }

    /** {@code instant}: the task is done at once on this thread ({@link TaskExecutor#isInstant}). */
    private TaskOutcome runTask(TaskExecutor executor, Task task, boolean instant) {
        try (var bound = io.steward.engine.execution.ExecutionQueue.actFor(run.execution())) {
            return executor.execute(task, instant);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TaskOutcome.stopped(task, "interrupted");
        } catch (RuntimeException e) {
            LOG.warn("Task {} of execution {} failed unexpectedly", task.id(), run.executionId(), e);
            return TaskOutcome.failure(task, "Task " + task.id() + " failed: " + e.getMessage());
        }
    }

    private void record(TaskOutcome outcome, Set<String> succeeded) {
        if (outcome.succeeded()) {
            succeeded.add(outcome.task().id());
        } else if (!outcome.stopped() && failure == null) {
            failure = outcome.error();
        } else if (outcome.stopped() && !run.stopRequested() && failure == null) {
            failure = outcome.error();
        }
    }

    /** Another node, a PATCH or a restart may have changed the status: the database is the truth. */
    void noticeStatusChanges() {
        ExecutionStatus status;
        try {
            status = services.executions().find(run.executionId()).map(e -> e.status()).orElse(null);
        } catch (RuntimeException e) {
            if (!DatabaseUnreachable.explains(e)) {
                throw e;
            }
            // A backstop check: no stop can be requested while the database is out; the next poll asks again.
            LOG.debug("Database unreachable; execution {} checks its status again later", run.executionId());
            return;
        }
        if (status == null) {
            run.requestStop(StopMode.FORCE);
            return;
        }
        switch (status) {
            case CANCELLING -> run.requestStop(StopMode.CANCEL);
            case FORCE_CANCELLING -> run.requestStop(StopMode.FORCE);
            case KILL_CANCELLING -> run.requestStop(StopMode.KILL);
            case TERMINATED, FAILED, CANCELLED -> run.requestStop(StopMode.FORCE);
            default -> {
            }
        }
    }

    private void killInFlight() {
        List<RunningOperation> operations = List.copyOf(run.inFlight());
        operations.forEach(RunningOperation::terminate);
        operations.forEach(op -> op.kill(killGrace));
    }

    private Duration waitAfterFail() {
        return Duration.ofSeconds(Math.max(0, run.execution().waitAfterFailSeconds()));
    }

    private Outcome deadlock(Map<String, Task> waiting) {
        failure = "Tasks " + waiting.keySet() + " wait for tasks that can never succeed";
        return Outcome.FAILED;
    }

    /**
     * The final transition from {@code started}, only while {@code node} owns the execution; false, writing nothing,
     * when it was stopped, PATCHed or taken over meanwhile (the caller then ends it by {@link #finish}). Not for a
     * stopped graph, whose execution is no longer {@code started}. {@code oneMoreFinishedOperation}: the deferred last
     * task was a finished operation, counted in the same statement.
     */
    boolean finishOwned(Outcome outcome, String node, boolean oneMoreFinishedOperation) {
        if (outcome == Outcome.STOPPED) {
            throw new IllegalArgumentException("A stopped graph's execution is not started: it ends by finish");
        }
        Map<String, Object> changes = endChanges(outcome);
        return services.executions().applyFromOwned(run.executionId(), ExecutionStatus.STARTED, eventOf(outcome),
                oneMoreFinishedOperation ? ExecutionStore.withOneMoreFinishedOperation(changes) : changes, node);
    }

    private static ExecutionEvent eventOf(Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> ExecutionEvent.SUCCEEDED;
            case FAILED -> ExecutionEvent.FAILED;
            case STOPPED -> ExecutionEvent.STOPPED_AFTER_CANCEL;
        };
    }

    private Map<String, Object> endChanges(Outcome outcome) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("ended_at", services.clock().instant());
        if (outcome == Outcome.FAILED) {
            changes.put("error", failure == null ? "failed" : failure);
        }
        return changes;
    }

    /** Applies the final transition; a status someone else already ended absorbs it. */
    void finish(Outcome outcome) {
        Map<String, Object> changes = endChanges(outcome);
        ExecutionEvent event = eventOf(outcome);
        try {
            // Almost always still started: one compare-and-set; a cancel or PATCH meanwhile takes the re-reading path.
            if (outcome == Outcome.STOPPED
                    || !services.executions().applyFrom(run.executionId(), ExecutionStatus.STARTED, event, changes)) {
                services.executions().apply(run.executionId(), event, changes);
            }
        } catch (IllegalTransitionException e) {
            LOG.debug("Execution {} was moved elsewhere before it finished: {}", run.executionId(), e.getMessage());
        }
    }
}
