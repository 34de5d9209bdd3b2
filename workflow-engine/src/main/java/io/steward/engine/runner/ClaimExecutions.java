package io.steward.engine.runner;

import io.micronaut.context.annotation.Value;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionEvent;
import io.steward.engine.execution.ExecutionQueue;
import io.steward.engine.execution.ExecutionStatus;
import io.steward.engine.execution.ExecutionStore;
import io.steward.engine.execution.RemoteJobExecutions;
import io.steward.engine.execution.TenantCaps;
import io.steward.tenancy.store.ClusterLocks;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims pending executions for this server, oldest first. A claim is the compare-and-set {@code pending → started}
 * that writes this node as the owner; claims run under the cluster lock {@value ExecutionQueue#RUNNING_LOCK}, with
 * a count of what every server runs, so the global cap holds across a cluster and no two servers claim at once.
 */
@Singleton
class ClaimExecutions {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimExecutions.class);
    /** Pending executions read per claim: more than the room, so that a tenant at its cap does not stop the rest. */
    private static final int CANDIDATES = 200;

    private final ExecutionStore executions;
    private final ExecutionQueue queue;
    private final ClusterLocks locks;
    private final Clock clock;
    private final int maxRunning;
    private final String nodeId;
    private final RunMetrics metrics;
    private final TenantCaps tenantCaps;

    ClaimExecutions(ExecutionStore executions, ExecutionQueue queue, ClusterLocks locks, Clock clock, RunnerIdentity identity,
                    @Value("${steward.engine.max-running-executions:20}") int maxRunning, RunMetrics metrics,
                    TenantCaps tenantCaps) {
        this.tenantCaps = tenantCaps;
        this.metrics = metrics;
        this.executions = executions;
        this.queue = queue;
        this.locks = locks;
        this.clock = clock;
        this.maxRunning = maxRunning;
        this.nodeId = identity.nodeId();
    }

    /** Claims at most {@code room} executions, fewer when the cluster-wide cap leaves less; returns them as claimed. */
    List<Execution> claim(int room) {
        if (room <= 0) {
            queue.dequeue(); // no room here, but the queue may move on for other servers
            return List.of();
        }
        if (!queue.anythingToStart()) {
            return List.of(); // the common idle round costs one read and no lock
        }
        // Dequeueing and claiming take the lock once: what the queue moves on is claimed in the same commit.
        return locks.holding(ExecutionQueue.RUNNING_LOCK, () -> {
            queue.dequeueHoldingLock();
            long free = Math.min(room, maxRunning - executions.runningAcrossTenants());
            List<Execution> claimed = new ArrayList<>();
            if (free <= 0) {
                return claimed;
            }
            // Read under the lock: no other server claims meanwhile, so these are still pending (unless cancelled).
            // The claim is a compare-and-set from the status just read, and the run gets the row as claimed without
            // reading it again. The tenant caps hold here too: two starts at once may both have made one pending.
            Map<String, Long> runningByTenant = tenantCaps.any()
                    ? new HashMap<>(executions.runningPerTenantAcrossTenants()) : new HashMap<>();
            List<Object> full = new ArrayList<>(ExecutionQueue.tenantsAtCap(tenantCaps, runningByTenant));
            // Which to claim is decided first, then each tenant's are claimed by one compare-and-set; one that a
            // cancel moved meanwhile drops out of it, and its place waits for the next round.
            Map<String, List<Execution>> chosen = new LinkedHashMap<>();
            int taken = 0;
            for (Execution candidate : executions.findAcrossTenants("status = 'pending' AND "
                    + RemoteJobExecutions.NOT_REMOTE + ExecutionQueue.notIn(full), full,
                    tenantCaps.any() ? CANDIDATES : (int) free)) {
                if (taken >= free) {
                    break;
                }
                int cap = tenantCaps.of(candidate.tenantName());
                if (cap > 0 && runningByTenant.getOrDefault(candidate.tenantName(), 0L) >= cap) {
                    continue;
                }
                chosen.computeIfAbsent(candidate.tenantName(), t -> new ArrayList<>()).add(candidate);
                runningByTenant.merge(candidate.tenantName(), 1L, Long::sum);
                taken++;
            }
            for (List<Execution> ofTenant : chosen.values()) {
                claimed.addAll(claimAll(ofTenant));
            }
            return claimed;
        });
    }

    /** Claims executions of one tenant in one compare-and-set; returns those it moved, as claimed. */
    private List<Execution> claimAll(List<Execution> ofTenant) {
        try (var bound = ExecutionQueue.actFor(ofTenant.get(0))) {
            Instant now = clock.instant();
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("started_at", now);
            changes.put("owner_node", nodeId);
            changes.put("heartbeat_at", now);
            Map<String, String> creators = new LinkedHashMap<>();
            ofTenant.forEach(e -> creators.put(e.id(), e.createdBy()));
            Set<String> moved = new HashSet<>(executions.applyFromAll(creators, ExecutionStatus.PENDING,
                    ExecutionEvent.STARTED, changes));
            List<Execution> claimed = new ArrayList<>(moved.size());
            for (Execution candidate : ofTenant) {
                if (moved.contains(candidate.id())) {
                    claimed.add(asClaimed(candidate, now));
                    metrics.claimed(candidate, waited(candidate, now));
                } else {
                    LOG.debug("Execution {} left pending before it could be claimed", candidate.id());
                }
            }
            return claimed;
        }
    }

    /** Since it could first start: when it was created, or when it became due if it was scheduled. */
    private static Duration waited(Execution e, Instant now) {
        Instant since = e.scheduledFor() != null && e.scheduledFor().isAfter(e.createdAt()) ? e.scheduledFor()
                : e.createdAt();
        return since == null || since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
    }

    /** The row as the claim left it: what {@code find} would return right after the compare-and-set. */
    private static Execution asClaimed(Execution e, Instant startedAt) {
        return new Execution(e.id(), e.tenantName(), e.visibility(), e.createdBy(), e.createdAt(), startedAt,
                e.endedAt(), e.scheduledFor(), e.deploymentId(), e.blueprintId(), e.workflowId(),
                ExecutionStatus.STARTED, e.error(), e.parameters(), e.systemWorkflow(), e.dryRun(), e.resume(),
                e.allowCustomParameters(), e.waitAfterFailSeconds(), e.totalOperations(), e.finishedOperations(),
                e.executionGroupId());
    }
}
