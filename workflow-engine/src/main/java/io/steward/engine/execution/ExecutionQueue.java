package io.steward.engine.execution;

import io.micronaut.context.annotation.Value;
import io.steward.tenancy.member.SystemRole;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.store.ClusterLocks;
import io.steward.tenancy.store.Sql;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Moves waiting executions on: queued ones start (become {@code pending}) when their deployment is free and the
 * global cap allows, oldest first; scheduled ones become due. Each move is a compare-and-set, so an execution is
 * never started twice, however many callers dequeue at once. The cap is counted and used under the cluster lock
 * {@value #RUNNING_LOCK}, which claims take too, so the servers of a cluster never together exceed it. A member of an
 * execution group starts only while fewer than the group's {@code concurrency} members are active, counted under the
 * same lock, and a tenant's executions only while fewer than its {@link TenantCaps cap} are active.
 */
@Singleton
public class ExecutionQueue {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionQueue.class);
    /** What keeps a new execution of the same deployment waiting: anything active, or queued before it. */
    static final Set<ExecutionStatus> BLOCKING = blocking();
    private static final int BATCH = 200;
    /** The cluster lock under which the global cap is counted and used, by dequeues and by claims. */
    public static final String RUNNING_LOCK = "running-executions";

    private final ExecutionStore store;
    private final TenantTables tables;
    private final ClusterLocks locks;
    private final Clock clock;
    private final int maxRunning;
    private final MaintenanceMode maintenance;
    private final TenantCaps tenantCaps;

    ExecutionQueue(ExecutionStore store, TenantTables tables, ClusterLocks locks, Clock clock,
                   @Value("${steward.engine.max-running-executions:20}") int maxRunning,
                   MaintenanceMode maintenance, TenantCaps tenantCaps) {
        this.maintenance = maintenance;
        this.tenantCaps = tenantCaps;
        this.store = store;
        this.tables = tables;
        this.locks = locks;
        this.clock = clock;
        this.maxRunning = maxRunning;
    }

    private static Set<ExecutionStatus> blocking() {
        Set<ExecutionStatus> statuses = EnumSet.copyOf(ExecutionStatus.ACTIVE);
        statuses.add(ExecutionStatus.QUEUED);
        return statuses;
    }

    static String activeCondition() {
        StringJoiner statuses = new StringJoiner("', '", "status IN ('", "')");
        ExecutionStatus.ACTIVE.forEach(s -> statuses.add(s.wire()));
        // Remote jobs wait on their platform, not on this cluster: they do not count against its cap.
        return statuses + " AND " + RemoteJobExecutions.NOT_REMOTE;
    }

    /**
     * Starts what can start now, oldest first, until the global cap is reached; returns how many executions became
     * pending. When the cap is already reached it costs one count.
     */
    public int dequeue() {
        if (nothingWaits()) {
            return 0; // the common case (every run's end, every engine round) costs one read and no lock
        }
        makeScheduledDue();
        return locks.holding(RUNNING_LOCK, this::startWithinCap);
    }

    /**
     * No execution is queued or due: nothing to move. What is queued after this read is not missed: every start
     * and every end signals the engine, whose next round dequeues again.
     */
    private boolean nothingWaits() {
        return !exists("status = 'queued'", List.of()) && !scheduledDue();
    }

    /**
     * For a caller that already holds {@value #RUNNING_LOCK} in its transaction (the engine's claim, which dequeues
     * and claims under one lock): makes due what is due, then starts what the cap allows, as {@link #dequeue}.
     */
    public int dequeueHoldingLock() {
        makeScheduledDue();
        return startWithinCap();
    }

    /**
     * Whether anything is pending, queued or due: what a claim round can act on. One to three reads, no lock: one
     * status per read, because the oldest row of two statuses is not the first entry of the (status, created_at)
     * index, and PostgreSQL then sorted every pending and queued row to return one (2 ms with 3,000 queued).
     */
    public boolean anythingToStart() {
        return exists("status = 'pending'", List.of()) || exists("status = 'queued'", List.of()) || scheduledDue();
    }

    private boolean scheduledDue() {
        // Cloudify's scheduler fires nothing while maintenance mode is on.
        return maintenance.schedulesFire()
                && exists("status = 'scheduled' AND scheduled_for <= ?", List.of(clock.instant()));
    }

    /**
     * Whether any execution matches. Each condition tests one {@code status} alone or with an AND, never an OR or IN
     * across statuses: H2 scans the whole table for an OR, while these walk the (status, created_at) index.
     */
    private boolean exists(String condition, List<?> params) {
        return !tables.findAcrossTenants(ExecutionStore.TABLE, condition, params, 1, rs -> rs.getString("id"))
                .isEmpty();
    }

    private int startWithinCap() {
        long free = maxRunning - activeCount();
        if (free <= 0) {
            return 0;
        }
        // Tenants at their cap are left out of the read, so that their queue cannot hide the others' behind it.
        Map<String, Long> activeByTenant = tenantCaps.any()
                ? new HashMap<>(tables.countPerTenantAcrossTenants(ExecutionStore.TABLE, activeCondition(), List.of()))
                : new HashMap<>();
        List<Object> full = new ArrayList<>(tenantsAtCap(tenantCaps, activeByTenant));
        String condition = "status = 'queued'" + notIn(full);
        int started = 0;
        List<Waiting> queued = tables.findAcrossTenants(ExecutionStore.TABLE, condition, full, BATCH,
                rs -> new Waiting(rs.getString("tenant_name"), rs.getString("id"), rs.getString("deployment_id"),
                        rs.getString("created_by"), Sql.instant(rs, "created_at"), rs.getBoolean("forced"),
                        rs.getString("execution_group_id")));
        // Only the oldest waiting execution of a deployment can start: those behind it wait for it (the batch is the
        // oldest queued overall, so no older one is missing). Skipping them saves three queries each under the lock.
        Set<String> deploymentsSeen = new HashSet<>();
        // A forced execution outside any group needs nothing checked: those are dequeued together, per tenant, by one
        // compare-and-set after the others.
        Map<String, List<Waiting>> forcedByTenant = new LinkedHashMap<>();
        for (Waiting waiting : queued) {
            if (started >= free) {
                break;
            }
            if (!deploymentsSeen.add(waiting.tenant + "/" + waiting.deploymentId) && !waiting.forced) {
                continue;
            }
            int cap = tenantCaps.of(waiting.tenant);
            if (cap > 0 && activeByTenant.getOrDefault(waiting.tenant, 0L) >= cap) {
                continue; // its tenant filled up with what this round started
            }
            if (waiting.forced && waiting.groupId == null) {
                forcedByTenant.computeIfAbsent(waiting.tenant, t -> new ArrayList<>()).add(waiting);
                started++;
                activeByTenant.merge(waiting.tenant, 1L, Long::sum);
                continue;
            }
            try (var bound = CallerScope.bind(engineCaller(waiting.tenant, waiting.createdBy))) {
                if (startIfFree(waiting)) {
                    started++;
                    activeByTenant.merge(waiting.tenant, 1L, Long::sum);
                }
            }
        }
        int missed = 0;
        for (List<Waiting> ofTenant : forcedByTenant.values()) {
            Map<String, String> creators = new LinkedHashMap<>();
            ofTenant.forEach(w -> creators.put(w.id, w.createdBy));
            // A compare-and-set from the status just read: a row that moved meanwhile (cancelled, dequeued by
            // another server) is left alone.
            try (var bound = CallerScope.bind(engineCaller(ofTenant.get(0).tenant, ofTenant.get(0).createdBy))) {
                missed += creators.size() - store.applyFromAll(creators, ExecutionStatus.QUEUED,
                        ExecutionEvent.DEQUEUED, Map.of()).size();
            }
        }
        return started - missed;
    }

    /** The tenants whose count in {@code counts} has reached their cap. */
    public static List<String> tenantsAtCap(TenantCaps caps, Map<String, Long> counts) {
        List<String> full = new ArrayList<>();
        counts.forEach((tenant, count) -> {
            int cap = caps.of(tenant);
            if (cap > 0 && count >= cap) {
                full.add(tenant);
            }
        });
        return full;
    }

    /** {@code " AND tenant_name NOT IN (?, …)"} for {@code tenants}, nothing when there is none. */
    public static String notIn(List<?> tenants) {
        if (tenants.isEmpty()) {
            return "";
        }
        StringJoiner marks = new StringJoiner(", ", " AND tenant_name NOT IN (", ")");
        tenants.forEach(t -> marks.add("?"));
        return marks.toString();
    }

    private boolean startIfFree(Waiting waiting) {
        return tables.inOneTransaction(() -> {
            if (!waiting.forced) {
                tables.lock("deployments", "id = ?", List.of(waiting.deploymentId));
                if (store.activeOnDeployment(waiting.deploymentId, waiting.id) > 0
                        || store.queuedAhead(waiting.deploymentId, waiting.id, waiting.createdAt) > 0) {
                    return false;
                }
            }
            // A member of an execution group also waits for room in its group (this runs under the running lock).
            if (waiting.groupId != null && !store.groupHasRoom(waiting.groupId)) {
                return false;
            }
            // A compare-and-set from the status just read: a row that moved meanwhile (cancelled, dequeued by
            // another server) is left alone.
            boolean moved = store.applyFrom(waiting.id, ExecutionStatus.QUEUED, ExecutionEvent.DEQUEUED, Map.of());
            LOG.debug("Dequeued execution {}: {}", waiting.id, moved);
            return moved;
        });
    }

    private void makeScheduledDue() {
        if (!maintenance.schedulesFire()) {
            return;
        }
        List<Waiting> due = tables.findAcrossTenants(ExecutionStore.TABLE, "status = 'scheduled' AND scheduled_for <= ?",
                List.of(clock.instant()), BATCH, rs -> new Waiting(rs.getString("tenant_name"), rs.getString("id"),
                        rs.getString("deployment_id"), rs.getString("created_by"), Sql.instant(rs, "created_at"),
                        rs.getBoolean("forced"), rs.getString("execution_group_id")));
        for (Waiting waiting : due) {
            try (var bound = CallerScope.bind(engineCaller(waiting.tenant, waiting.createdBy))) {
                // Due executions join the queue; the queue decides when they may run.
                store.apply(waiting.id, ExecutionEvent.QUEUED, Map.of());
            }
        }
    }

    private long activeCount() {
        return tables.countWhereAcrossTenants(ExecutionStore.TABLE, activeCondition(), List.of());
    }

    /** The caller the engine acts as inside a tenant: the execution's creator, with full rights there. */
    public static Caller engineCaller(String tenant, String username) {
        return new Caller(username, SystemRole.DEFAULT, tenant, TenantRole.MANAGER);
    }

    /** Binds the engine's caller for {@code execution}'s tenant until the returned handle is closed. */
    public static CallerScope.Binding actFor(Execution execution) {
        return CallerScope.bind(engineCaller(execution.tenantName(), execution.createdBy()), execution.id());
    }

    private record Waiting(String tenant, String id, String deploymentId, String createdBy, Instant createdAt,
                           boolean forced, String groupId) {
    }
}
