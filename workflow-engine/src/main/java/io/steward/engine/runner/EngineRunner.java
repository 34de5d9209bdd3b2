package io.steward.engine.runner;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionEvent;
import io.steward.engine.execution.ExecutionQueue;
import io.steward.engine.execution.ExecutionSignals;
import io.steward.engine.execution.ExecutionStore;
import io.steward.engine.execution.IllegalTransitionException;
import io.steward.engine.operation.RunningOperation;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The engine's main loop, one per server: each round it moves waiting executions on, ends cancel requests that have
 * nothing left to stop, and claims pending executions up to the cap of running ones. Claiming is the compare-and-set
 * {@code pending → started}, so an execution is run by exactly one runner, which then beats a heartbeat on it every
 * round. An execution whose heartbeat is older than {@code steward.engine.takeover-after} (its runner died or was
 * stopped) goes back to {@code pending} and is claimed again; tasks that had succeeded are not run again. {@code steward.engine.enabled=false}
 * leaves it out: the server then only serves the API (see {@link ApiOnlySignals}).
 */
@Context
@Requires(property = "steward.engine.enabled", notEquals = "false")
public class EngineRunner implements ExecutionSignals {
    private static final Logger LOG = LoggerFactory.getLogger(EngineRunner.class);

    private final ExecutionStore executions;
    private final ExecutionQueue queue;
    private final RunServices services;
    private final ExecutionLifecycle lifecycle;
    private final int maxRunning;
    private final Duration pollInterval;
    private final Duration killGrace;
    private final Duration takeoverAfter;
    private final String nodeId;
    private final Map<String, ExecutionRun> running = new ConcurrentHashMap<>();
    private final Map<String, ExecutionRun> recentlyEnded = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ExecutionRun> eldest) {
                    return size() > 500;
                }
            });
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService runs = Executors.newCachedThreadPool(daemon("steward-execution"));
    private final ExecutorService tasks;
    private volatile boolean stopping;
    private Thread loop;

    EngineRunner(ExecutionStore executions, ExecutionQueue queue, RunServices services,
                 ExecutionLifecycle lifecycle,
                 @Value("${steward.engine.max-running-executions:20}") int maxRunning,
                 @Value("${steward.engine.task-threads:16}") int taskThreads,
                 @Value("${steward.engine.poll-interval:500ms}") Duration pollInterval,
                 @Value("${steward.engine.kill-grace:5s}") Duration killGrace,
                 @Value("${steward.engine.takeover-after:15s}") Duration takeoverAfter, RunnerIdentity identity) {
        this.executions = executions;
        this.queue = queue;
        this.services = services;
        this.lifecycle = lifecycle;
        this.maxRunning = maxRunning;
        this.pollInterval = pollInterval;
        this.killGrace = killGrace;
        this.takeoverAfter = takeoverAfter;
        this.nodeId = identity.nodeId();
        this.tasks = Executors.newFixedThreadPool(taskThreads, daemon("steward-task"));
    }

    @PostConstruct
    void start() {
        loop = new Thread(this::loop, "steward-engine");
        loop.setDaemon(true);
        loop.start();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        wake.release();
        running.values().forEach(ExecutionRun::serverStopping);
        running.values().forEach(run -> run.inFlight().forEach(op -> op.kill(Duration.ofSeconds(1))));
        runs.shutdownNow();
        tasks.shutdownNow();
    }

    @Override
    public void workAvailable() {
        wake.release();
    }

    @Override
    public void stop(String executionId, StopMode mode) {
        ExecutionRun run = running.get(executionId);
        if (run != null) {
            run.requestStop(mode);
        } else if (mode == StopMode.KILL) {
            ExecutionRun ended = recentlyEnded.get(executionId);
            if (ended != null) {
                ended.startedOperations().forEach(op -> op.kill(killGrace));
            }
        }
        wake.release();
    }

    /** One round of the loop; tests call it directly to drive the engine without waiting. */
    public void tick() {
        Instant now = services.clock().instant();
        beat(now);
        lifecycle.takeOverStale(running.keySet(), now.minus(takeoverAfter));
        queue.dequeue();
        lifecycle.endOrphanedCancels(running.keySet(), now.minus(takeoverAfter));
        claim();
    }

    /** Tells the database this runner still runs its executions, so no other runner takes them over. */
    private void beat(Instant now) {
        for (ExecutionRun run : running.values()) {
            try (var bound = ExecutionQueue.actFor(run.execution())) {
                executions.heartbeat(run.executionId(), nodeId, now);
            }
        }
    }

    /**
     * A wake-up (a new start, a run that ended) only moves work on; heartbeats and takeovers are about time, so they
     * run once per poll interval, not once per wake-up: at hundreds of starts a second they would otherwise cost a
     * write per running execution per start.
     */
    private void moveWorkOn() {
        queue.dequeue();
        lifecycle.endOrphanedCancels(running.keySet(), services.clock().instant().minus(takeoverAfter));
        claim();
    }

    private void loop() {
        long lastFullRound = System.nanoTime() - pollInterval.toNanos();
        while (!stopping) {
            try {
                if (System.nanoTime() - lastFullRound >= pollInterval.toNanos()) {
                    lastFullRound = System.nanoTime();
                    tick();
                } else {
                    moveWorkOn();
                }
                wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Engine round failed; the next round retries in {}", pollInterval, e);
            }
        }
    }

    private void claim() {
        int free = maxRunning - running.size();
        if (free <= 0) {
            return;
        }
        List<Execution> pending = executions.findAcrossTenants("status = 'pending'", free);
        for (Execution candidate : pending) {
            try (var bound = ExecutionQueue.actFor(candidate)) {
                Map<String, Object> changes = new LinkedHashMap<>();
                changes.put("started_at", services.clock().instant());
                changes.put("owner_node", nodeId);
                changes.put("heartbeat_at", services.clock().instant());
                executions.apply(candidate.id(), ExecutionEvent.STARTED, changes);
                Execution claimed = executions.find(candidate.id()).orElseThrow();
                ExecutionRun run = new ExecutionRun(claimed, services);
                running.put(claimed.id(), run);
                runs.execute(() -> runToEnd(run));
            } catch (IllegalTransitionException takenElsewhere) {
                LOG.debug("Execution {} was claimed elsewhere", candidate.id());
            }
        }
    }

    private void runToEnd(ExecutionRun run) {
        try (var bound = ExecutionQueue.actFor(run.execution())) {
            lifecycle.run(run, new TaskGraphRun(run, services, tasks, killGrace));
        } finally {
            running.remove(run.executionId());
            recentlyEnded.put(run.executionId(), run);
            wake.release();
        }
    }

    /** Operations of an execution still running here: for tests that check what a kill leaves behind. */
    public List<RunningOperation> operationsOf(String executionId) {
        ExecutionRun run = running.getOrDefault(executionId, recentlyEnded.get(executionId));
        return run == null ? List.of() : run.startedOperations();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
