package io.steward.engine.runner;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionQueue;
import io.steward.engine.execution.ExecutionSignals;
import io.steward.engine.execution.ExecutionStore;
import io.steward.engine.operation.RunningOperation;
import io.steward.tenancy.store.DatabaseNotices;
import io.steward.tenancy.store.DatabaseUnreachable;
import io.steward.tenancy.threads.BackgroundThreads;
import io.steward.tenancy.threads.LoopHeartbeats;
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
    /** Where a server that cannot stop an execution itself tells the others: {@code <node> <mode> <execution>}. */
    static final String STOP_CHANNEL = "steward_stop";
    /** How many executions one heartbeat statement beats at most. */
    private static final int BEAT_BATCH = 32;

    private final ExecutionStore executions;
    private final RunServices services;
    private final ExecutionLifecycle lifecycle;
    private final ClaimExecutions claims;
    private final DatabaseNotices notices;
    private final OperationSessions sessions;
    private final LoopHeartbeats heartbeats;
    private LoopHeartbeats.Heartbeat heartbeat;
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
    private final ExecutorService runs = Executors.newCachedThreadPool(BackgroundThreads.factory("steward-execution"));
    private final ExecutorService tasks;
    private volatile boolean stopping;
    private Thread loop;
    /** Until when this server takes nothing over: set by rounds that found the database unreachable. */
    private volatile Instant takeoversPausedUntil = Instant.MIN;
    private boolean outageLogged;

    EngineRunner(ExecutionStore executions, RunServices services,
                 ExecutionLifecycle lifecycle, ClaimExecutions claims, DatabaseNotices notices,
                 OperationSessions sessions, LoopHeartbeats heartbeats,
                 @Value("${steward.engine.max-running-executions:20}") int maxRunning,
                 @Value("${steward.engine.task-threads:16}") int taskThreads,
                 @Value("${steward.engine.poll-interval:500ms}") Duration pollInterval,
                 @Value("${steward.engine.kill-grace:5s}") Duration killGrace,
                 @Value("${steward.engine.takeover-after:12s}") Duration takeoverAfter, RunnerIdentity identity) {
        this.executions = executions;
        this.services = services;
        this.lifecycle = lifecycle;
        this.claims = claims;
        this.notices = notices;
        this.sessions = sessions;
        this.heartbeats = heartbeats;
        this.maxRunning = maxRunning;
        this.pollInterval = pollInterval;
        this.killGrace = killGrace;
        this.takeoverAfter = takeoverAfter;
        this.nodeId = identity.nodeId();
        this.tasks = Executors.newFixedThreadPool(taskThreads, BackgroundThreads.factory("steward-task"));
    }

    @PostConstruct
    void start() {
        notices.listen(STOP_CHANNEL, this::stopNoticed);
        heartbeat = heartbeats.register("engine", pollInterval);
        loop = BackgroundThreads.daemon("steward-engine", this::loop);
        loop.start();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        heartbeats.forget(heartbeat);
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
        if (!stopHere(executionId, mode)) {
            // Another server may run it (or have run it, for a kill's reaping): it hears at once on PostgreSQL, and
            // otherwise within one poll of the execution's status.
            notices.publish(STOP_CHANNEL, nodeId + " " + mode + " " + executionId);
        }
        wake.release();
    }

    /** Stops an execution if this server runs it (true), and for a kill reaps what this server's earlier run left. */
    private boolean stopHere(String executionId, StopMode mode) {
        ExecutionRun run = running.get(executionId);
        if (run != null) {
            run.requestStop(mode);
            return true;
        }
        ExecutionRun ended = recentlyEnded.get(executionId);
        if (ended != null && mode == StopMode.KILL) {
            ended.startedOperations().forEach(op -> op.kill(killGrace));
        }
        return false;
    }

    private void stopNoticed(String notice) {
        String[] parts = notice.split(" ", 3);
        if (parts.length == 3 && !parts[0].equals(nodeId)) {
            stopHere(parts[2], StopMode.valueOf(parts[1]));
            wake.release();
        }
    }

    /** One round of the loop; tests call it directly to drive the engine without waiting. */
    public void tick() {
        Instant now = services.clock().instant();
        beat(now);
        if (takeoversAllowed(now)) {
            lifecycle.takeOverStale(running.keySet(), now.minus(takeoverAfter));
        }
        moveWorkOn();
    }

    /**
     * Tells the database this runner still runs its executions, so no other runner takes them over; an execution
     * another runner has claimed meanwhile is abandoned here, so that one execution never runs on two servers.
     */
    private void beat(Instant now) {
        // One statement per tenant and batch when this server still owns them all (the usual case), else one per
        // execution. Batches stay small: each locks its rows until it commits, and the runs' own writes wait on it.
        Map<String, List<ExecutionRun>> byTenant = new LinkedHashMap<>();
        running.values().forEach(run -> byTenant.computeIfAbsent(run.execution().tenantName(),
                t -> new java.util.ArrayList<>()).add(run));
        List<List<ExecutionRun>> batches = new java.util.ArrayList<>();
        for (List<ExecutionRun> ofTenant : byTenant.values()) {
            for (int from = 0; from < ofTenant.size(); from += BEAT_BATCH) {
                batches.add(ofTenant.subList(from, Math.min(ofTenant.size(), from + BEAT_BATCH)));
            }
        }
        for (List<ExecutionRun> runs : batches) {
            boolean allOwned;
            try (var bound = ExecutionQueue.actFor(runs.get(0).execution())) {
                allOwned = executions.heartbeatAll(runs.stream().map(ExecutionRun::executionId).toList(), nodeId,
                        now) == runs.size();
            }
            for (ExecutionRun run : runs) {
                try (var bound = ExecutionQueue.actFor(run.execution())) {
                    beatOne(run, now, allOwned);
                }
            }
        }
    }

    /** {@code beaten}: the batch already beat it; otherwise it is beaten alone to learn whether it was lost. */
    private void beatOne(ExecutionRun run, Instant now, boolean beaten) {
        if (!beaten && !executions.heartbeat(run.executionId(), nodeId, now)) {
            LOG.warn("Execution {} was taken over by another server while this one was stalled or cut off"
                    + " from the database; it stops here and its operations are killed", run.executionId());
            run.serverStopping();
            run.requestStop(StopMode.KILL);
        } else {
            sessions.beat(run.executionId(), run.inFlight());
        }
    }

    /**
     * A wake-up (a new start, a run that ended) only moves work on; heartbeats and takeovers are about time, so they
     * run once per poll interval, not once per wake-up: at hundreds of starts a second they would otherwise cost a
     * write per running execution per start.
     */
    private void moveWorkOn() {
        Instant now = services.clock().instant();
        if (takeoversAllowed(now)) {
            lifecycle.endOrphanedCancels(running.keySet(), now.minus(takeoverAfter));
        }
        claim(); // dequeues too, under the same lock
    }

    /**
     * No server can beat while the database is out, so when it is back every heartbeat looks stale at once. A server
     * that saw the outage lets {@code takeover-after} pass before it takes anything over (or ends a cancel as
     * orphaned), so that each live server first beats for its own executions and goes on with them: none is run on
     * two servers, and no finished task runs again. A server cut off alone is still taken over, as before.
     */
    private boolean takeoversAllowed(Instant now) {
        return !now.isBefore(takeoversPausedUntil);
    }

    private void roundFailed(RuntimeException e) {
        if (!DatabaseUnreachable.explains(e)) {
            LOG.warn("Engine round failed; the next round retries in {}", pollInterval, e);
            return;
        }
        takeoversPausedUntil = services.clock().instant().plus(takeoverAfter);
        if (!outageLogged) {
            outageLogged = true;
            LOG.warn("Database unreachable; the engine retries every {}, running executions wait for it (up to"
                    + " steward.engine.database-outage-limit) and nothing is taken over until {} after it is back: {}",
                    DatabaseOutages.readable(pollInterval), DatabaseOutages.readable(takeoverAfter), e.getMessage());
        }
    }

    private void roundSucceeded() {
        if (outageLogged) {
            outageLogged = false;
            LOG.info("Database reachable again; this server takes nothing over for {}, so that every server first"
                    + " beats for its own executions", DatabaseOutages.readable(takeoverAfter));
        }
    }

    private void loop() {
        try {
            lifecycle.takeOverOwn(services.clock().instant());
        } catch (RuntimeException e) {
            LOG.warn("Could not resume this node's executions from before the restart; they are taken over after {}",
                    takeoverAfter, e);
        }
        long lastFullRound = System.nanoTime() - pollInterval.toNanos();
        while (!stopping) {
            heartbeat.beat();
            try {
                if (System.nanoTime() - lastFullRound >= pollInterval.toNanos()) {
                    lastFullRound = System.nanoTime();
                    tick();
                } else {
                    moveWorkOn();
                }
                roundSucceeded();
                wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                roundFailed(e);
                sleepAfterFailedRound();
            }
        }
    }

    /** A failed round does not wait for a wake-up; without this pause an outage would turn the loop into a spin. */
    private void sleepAfterFailedRound() {
        try {
            wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void claim() {
        for (Execution claimed : claims.claim(maxRunning - running.size())) {
            ExecutionRun run = new ExecutionRun(claimed, services);
            running.put(claimed.id(), run);
            runs.execute(() -> runToEnd(run));
        }
    }

    private void runToEnd(ExecutionRun run) {
        try (var bound = ExecutionQueue.actFor(run.execution())) {
            lifecycle.run(run, new TaskGraphRun(run, services, tasks, killGrace));
        } finally {
            running.remove(run.executionId());
            forgetSessions(run);
            recentlyEnded.put(run.executionId(), run);
            wake.release();
        }
    }

    private void forgetSessions(ExecutionRun run) {
        try (var bound = ExecutionQueue.actFor(run.execution())) {
            sessions.ended(run.executionId());
        } catch (RuntimeException e) {
            LOG.warn("Could not forget the process sessions of execution {}; a takeover finds nothing left to kill",
                    run.executionId(), e);
        }
    }

    /** Operations of an execution still running here: for tests that check what a kill leaves behind. */
    public List<RunningOperation> operationsOf(String executionId) {
        ExecutionRun run = running.getOrDefault(executionId, recentlyEnded.get(executionId));
        return run == null ? List.of() : run.startedOperations();
    }
}
