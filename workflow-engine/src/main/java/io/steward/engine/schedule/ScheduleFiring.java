package io.steward.engine.schedule;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionQueue;
import io.steward.engine.execution.MaintenanceMode;
import io.steward.engine.execution.StartCommand;
import io.steward.engine.execution.StartExecution;
import io.steward.tenancy.error.StewardException;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.threads.BackgroundThreads;
import io.steward.tenancy.threads.LoopHeartbeats;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires due execution schedules, on every server. An occurrence is claimed by a compare-and-set of the schedule's
 * {@code next_occurrence} from that occurrence to the next one, in the same transaction as the execution it starts:
 * of all servers (and of a server before and after a restart) exactly one fires it, and a crash between the two
 * leaves neither. An occurrence later than {@code slip} minutes (plus one minute, as Cloudify allows) is skipped and
 * logged. A {@code stop_on_fail} schedule whose latest execution failed is disabled. Nothing fires in maintenance
 * mode. Time is the server's {@link Clock}.
 */
@Context
@Requires(property = "steward.engine.enabled", notEquals = "false")
public class ScheduleFiring {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleFiring.class);
    /** Cloudify's scheduler runs each minute and so fires up to a minute past the slip; so does Steward. */
    static final Duration GRACE = Duration.ofMinutes(1);
    private static final int BATCH = 100;

    private final ScheduleStore store;
    private final StartExecution starter;
    private final MaintenanceMode maintenance;
    private final TenantTables tables;
    private final Clock clock;
    private final Duration pollInterval;
    private final LoopHeartbeats heartbeats;
    private final ScheduledExecutorService loop =
            Executors.newSingleThreadScheduledExecutor(BackgroundThreads.factory("steward-schedules"));

    ScheduleFiring(ScheduleStore store, StartExecution starter, MaintenanceMode maintenance, TenantTables tables,
                   Clock clock, LoopHeartbeats heartbeats,
                   @Value("${steward.schedules.poll-interval:10s}") Duration pollInterval) {
        this.heartbeats = heartbeats;
        this.store = store;
        this.starter = starter;
        this.maintenance = maintenance;
        this.tables = tables;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    @PostConstruct
    void start() {
        // /health names the loop ("schedules") once its rounds stop.
        LoopHeartbeats.Heartbeat heartbeat = heartbeats.register("schedules", pollInterval);
        loop.scheduleWithFixedDelay(BackgroundThreads.round("execution schedules", () -> {
                    heartbeat.beat();
                    tick();
                }),
                pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        loop.shutdownNow();
    }

    /** One round: disables failed {@code stop_on_fail} schedules, then fires (or skips) every due occurrence. */
    public void tick() {
        if (!maintenance.schedulesFire()) {
            return;
        }
        for (Schedule failed : store.failedAcrossTenants(BATCH)) {
            try (var bound = actFor(failed)) {
                if (store.disable(failed)) {
                    LOG.info("Execution schedule {} of deployment {} (tenant {}) is disabled: its execution {}"
                            + " failed and it stops on fail", failed.id(), failed.deploymentId(),
                            failed.tenantName(), failed.latestExecution());
                }
            }
        }
        Instant now = clock.instant();
        for (Schedule due : store.dueAcrossTenants(now, BATCH)) {
            try (var bound = actFor(due)) {
                fire(due, now);
            } catch (RuntimeException e) {
                LOG.warn("Execution schedule {} of deployment {} (tenant {}) could not fire; the next round tries"
                        + " again", due.id(), due.deploymentId(), due.tenantName(), e);
            }
        }
    }

    private void fire(Schedule schedule, Instant now) {
        Instant occurrence = schedule.nextOccurrence();
        Duration late = Duration.between(occurrence, now);
        Duration allowed = Duration.ofMinutes(schedule.slip()).plus(GRACE);
        if (late.compareTo(allowed) > 0) {
            // Every occurrence too late by now is skipped at once; one still within the slip fires next round.
            Instant from = later(occurrence.plusMillis(1), now.minus(allowed));
            Instant next = schedule.rule().firstAtOrAfter(schedule.since(), schedule.until(), from);
            if (tables.inOneTransaction(() -> store.claim(schedule, next))) {
                LOG.warn("Execution schedule {} of deployment {} (tenant {}) skipped its occurrence at {}: {} late,"
                        + " more than its slip of {} minutes; next occurrence {}", schedule.id(),
                        schedule.deploymentId(), schedule.tenantName(), occurrence, late, schedule.slip(), next);
            }
            return;
        }
        Instant next = schedule.rule().firstAtOrAfter(schedule.since(), schedule.until(), occurrence.plusMillis(1));
        try {
            Execution started = tables.inOneTransaction(() -> {
                if (!store.claim(schedule, next)) {
                    return null; // another server (or an earlier round) fired it
                }
                Execution execution = starter.start(command(schedule));
                store.claimed(schedule, execution.id());
                return execution;
            });
            if (started != null) {
                LOG.info("Execution schedule {} of deployment {} (tenant {}) fired its occurrence at {}: execution"
                        + " {}; next occurrence {}", schedule.id(), schedule.deploymentId(), schedule.tenantName(),
                        occurrence, started.id(), next);
            }
        } catch (StewardException refused) {
            // The start itself was refused (the workflow or deployment is gone, its parameters no longer fit): the
            // occurrence is used up all the same, so that it is not tried again each round.
            if (tables.inOneTransaction(() -> store.claim(schedule, next))) {
                LOG.warn("Execution schedule {} of deployment {} (tenant {}) could not start its occurrence at {}:"
                        + " {}; next occurrence {}", schedule.id(), schedule.deploymentId(), schedule.tenantName(),
                        occurrence, refused.getMessage(), next);
            }
        }
    }

    private static StartCommand command(Schedule schedule) {
        Schedule.ExecutionArguments arguments = schedule.executionArguments();
        // Queued, as Cloudify starts them: a busy deployment delays the execution rather than refusing it.
        return new StartCommand(schedule.deploymentId(), schedule.workflowId(), schedule.parameters(),
                arguments.allowCustomParameters(), arguments.force(), arguments.dryRun(), true, null,
                arguments.waitAfterFail());
    }

    private static CallerScope.Binding actFor(Schedule schedule) {
        return CallerScope.bind(ExecutionQueue.engineCaller(schedule.tenantName(), schedule.createdBy()));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
