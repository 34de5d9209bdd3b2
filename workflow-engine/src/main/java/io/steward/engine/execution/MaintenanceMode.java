package io.steward.engine.execution;

import io.steward.tenancy.error.Problem;
import io.steward.tenancy.error.StewardException;
import io.steward.tenancy.manager.MaintenanceState;
import io.steward.tenancy.manager.MaintenanceState.Status;
import io.steward.tenancy.manager.MaintenanceStore;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.threads.LoopHeartbeats;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloudify's maintenance mode, shared by every server through the database. Activating asks for it
 * ({@code activating}): no new execution starts, and the first look at the state that finds no execution outside the
 * end states turns it {@code activated} (queued and scheduled executions count as remaining, as in Cloudify). While
 * activated, scheduled executions do not become due. Deactivating wakes the queue. The state is read again every half
 * second in the background, so the check on every request costs no query and never waits on the database; a change
 * made here is seen here at once and by the other servers of a cluster within about half a second.
 */
@Singleton
public class MaintenanceMode {
    private static final long STATE_TTL_NANOS = 1_000_000_000L;
    private static final long REFRESH_MILLIS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceMode.class);
    /** Cloudify lists every remaining execution; past this many the list is cut (the state still waits for all). */
    private static final int REMAINING_LISTED = 1000;
    private static final String NOT_ENDED = "status NOT IN (" + String.join(", ", ExecutionStatus.END.stream()
            .map(s -> "'" + s.wire() + "'").toList()) + ")";

    private final MaintenanceStore store;
    private final ExecutionStore executions;
    private final Provider<ExecutionSignals> signals;
    private final Clock clock;
    private volatile Cached cached;
    private volatile MaintenanceState lastKnown = MaintenanceState.OFF;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "steward-maintenance-state");
        thread.setDaemon(true);
        return thread;
    });

    private final LoopHeartbeats.Heartbeat heartbeat;

    MaintenanceMode(MaintenanceStore store, ExecutionStore executions, Provider<ExecutionSignals> signals,
                    Clock clock, LoopHeartbeats heartbeats) {
        this.heartbeat = heartbeats.register("maintenance-state", Duration.ofMillis(REFRESH_MILLIS));
        this.store = store;
        this.executions = executions;
        this.signals = signals;
        this.clock = clock;
    }

    @PostConstruct
    void startRefreshing() {
        refreshSafely();
        refresher.scheduleWithFixedDelay(this::refreshSafely, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopRefreshing() {
        refresher.shutdownNow();
    }

    private void refreshSafely() {
        heartbeat.beat();
        try {
            cached = null;
            state();
        } catch (RuntimeException e) {
            // The last known state stays in force; the next round reads again.
            LOG.debug("Could not read the maintenance state: {}", e.toString());
        }
    }

    /**
     * The state last read, without touching the database: for the check on every request, which must not wait on
     * the database (during an outage it keeps the last state read).
     */
    public Status lastKnownStatus() {
        return lastKnown.status();
    }

    /** The current state; an {@code activating} state with nothing left to wait for becomes {@code activated} here. */
    public MaintenanceState state() {
        Cached known = cached;
        long now = System.nanoTime();
        if (known != null && now - known.readAt < STATE_TTL_NANOS) {
            return known.state;
        }
        MaintenanceState state = store.current();
        if (state.status() == Status.ACTIVATING && remaining(1).isEmpty()) {
            store.activate(clock.instant());
            state = store.current();
        }
        cached = new Cached(state, now);
        lastKnown = state;
        return state;
    }

    /** The executions activation still waits for (any tenant's), at most {@value #REMAINING_LISTED}. */
    public List<Execution> remainingExecutions() {
        return remaining(REMAINING_LISTED);
    }

    private List<Execution> remaining(int limit) {
        return executions.findAcrossTenants(NOT_ENDED, limit);
    }

    /** Asks for maintenance mode (administrators only); empty when it was already asked for or on. */
    public Optional<MaintenanceState> activate() {
        var caller = CallerScope.current();
        caller.require(Permission.MAINTENANCE_MODE_SET);
        boolean requested = store.request(caller.username(), clock.instant());
        cached = null;
        MaintenanceState now = state();
        return requested ? Optional.of(now) : Optional.empty();
    }

    /** Turns maintenance mode off (administrators only) and returns the state it had; empty when it was off. */
    public Optional<MaintenanceState> deactivate() {
        CallerScope.current().require(Permission.MAINTENANCE_MODE_SET);
        MaintenanceState before = store.current();
        boolean changed = store.deactivate();
        cached = null;
        state();
        if (!changed) {
            return Optional.empty();
        }
        signals.get().workAvailable();
        return Optional.of(before.withStatus(Status.DEACTIVATED));
    }

    /** Refuses a new execution while maintenance mode is asked for or on (Cloudify's two 503 answers). */
    public void refuseNewExecutions() {
        switch (state().status()) {
            case ACTIVATED -> throw new MaintenanceModeException(Problem.MAINTENANCE_MODE_ACTIVE,
                    "Your request was rejected since Cloudify manager is currently in maintenance mode");
            case ACTIVATING -> throw new MaintenanceModeException(Problem.ENTERING_MAINTENANCE_MODE,
                    "Your request was rejected since Cloudify manager is entering maintenance mode");
            case DEACTIVATED -> {
            }
        }
    }

    /** Whether scheduled executions may become due: not while maintenance mode is on. */
    boolean schedulesFire() {
        return state().status() != Status.ACTIVATED;
    }

    /** The answer to a request that maintenance mode refuses. */
    public static final class MaintenanceModeException extends StewardException {
        MaintenanceModeException(Problem problem, String message) {
            super(problem, message);
        }
    }

    private record Cached(MaintenanceState state, long readAt) {
    }
}
