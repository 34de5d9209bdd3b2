package io.steward.engine.execution;

import io.micronaut.context.annotation.Value;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.store.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Why a waiting execution waits, and its place in line: the rules {@link ExecutionQueue} and the claim apply, read
 * back in the order they apply them (its deployment, its execution group, its tenant's cap, the global cap). A
 * reading, not a promise: the queue moves between two reads. The place in line counts the executions of every
 * tenant ahead in the same queue (a number, nothing else of theirs), since the queue serves all tenants oldest first.
 */
@Singleton
public class ExecutionAdmission {
    /** {@code reason} in words; {@code placeInLine} from 1 ({@code null} for a scheduled execution). */
    public record Waiting(String reason, Long placeInLine) {
    }

    private static final String RUNNING_NOT_REMOTE = ExecutionStore.RUNNING + " AND " + RemoteJobExecutions.NOT_REMOTE;

    private final TenantTables tables;
    private final TenantCaps tenantCaps;
    private final int maxRunning;

    ExecutionAdmission(TenantTables tables, TenantCaps tenantCaps,
                       @Value("${steward.engine.max-running-executions:20}") int maxRunning) {
        this.tables = tables;
        this.tenantCaps = tenantCaps;
        this.maxRunning = maxRunning;
    }

    /** Why each of {@code ids} (the caller's tenant) that is queued, pending or scheduled waits; others are absent. */
    public Map<String, Waiting> explain(Collection<String> ids) {
        Map<String, Waiting> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<Object> params = new ArrayList<>();
        StringJoiner marks = new StringJoiner(", ", "id IN (", ")");
        ids.forEach(id -> {
            marks.add("?");
            params.add(id);
        });
        List<Row> rows = tables.find(ExecutionStore.TABLE, marks + " AND status IN ('queued', 'pending', 'scheduled')"
                + " AND " + RemoteJobExecutions.NOT_REMOTE, params, rs -> new Row(rs.getString("id"),
                rs.getString("tenant_name"), ExecutionStatus.ofWire(rs.getString("status")),
                rs.getString("deployment_id"), Sql.instant(rs, "created_at"), Sql.instant(rs, "scheduled_for"),
                rs.getBoolean("forced"), rs.getString("execution_group_id")));
        Counts counts = new Counts();
        for (Row row : rows) {
            out.put(row.id, switch (row.status) {
                case SCHEDULED -> new Waiting("scheduled for " + row.scheduledFor, null);
                case PENDING -> pending(row, counts);
                default -> queued(row, counts);
            });
        }
        return out;
    }

    /** Why one execution waits, if it does. */
    public Optional<Waiting> explain(String id) {
        return Optional.ofNullable(explain(List.of(id)).get(id));
    }

    private Waiting queued(Row row, Counts counts) {
        long place = 1 + tables.countWhereAcrossTenants(ExecutionStore.TABLE,
                "status = 'queued' AND created_at < ?", List.of(row.createdAt));
        return new Waiting(queuedReason(row, counts), place);
    }

    private String queuedReason(Row row, Counts counts) {
        if (!row.forced && row.deploymentId != null) {
            List<String> ahead = tables.find(ExecutionStore.TABLE, "deployment_id = ? AND id <> ? AND ("
                            + ExecutionQueue.activeCondition() + ")", List.of(row.deploymentId, row.id),
                    rs -> rs.getString("id"));
            if (ahead.isEmpty()) {
                // The oldest queued before it on its deployment: the one that starts there next.
                ahead = tables.find(ExecutionStore.TABLE, "deployment_id = ? AND status = 'queued' AND id <> ?"
                                + " AND created_at < ?", List.of(row.deploymentId, row.id, row.createdAt),
                        rs -> Map.entry(Sql.instant(rs, "created_at"), rs.getString("id"))).stream()
                        .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).limit(1).toList();
            }
            if (!ahead.isEmpty()) {
                return "deployment busy with " + ahead.get(0);
            }
        }
        if (row.groupId != null) {
            int concurrency = tables.findById(ExecutionStore.GROUPS, row.groupId, rs -> rs.getInt("concurrency"))
                    .orElse(0);
            long active = tables.count(ExecutionStore.TABLE, "execution_group_id = ? AND "
                    + ExecutionQueue.activeCondition(), List.of(row.groupId));
            if (concurrency == 0) {
                return "execution group " + row.groupId + " paused (concurrency 0)";
            }
            if (active >= concurrency) {
                return String.format(Locale.ROOT, "execution group concurrency %d of %d", active, concurrency);
            }
        }
        int cap = tenantCaps.of(row.tenant);
        long tenantActive = counts.tenantActive();
        if (cap > 0 && tenantActive >= cap) {
            return String.format(Locale.ROOT, "tenant cap %d of %d", tenantActive, cap);
        }
        long globalActive = counts.globalActive();
        if (globalActive >= maxRunning) {
            return String.format(Locale.ROOT, "global cap %d of %d", globalActive, maxRunning);
        }
        return "next to start: the queue moves it on its next round";
    }

    private Waiting pending(Row row, Counts counts) {
        long place = 1 + tables.countWhereAcrossTenants(ExecutionStore.TABLE, "status = 'pending' AND created_at < ? AND "
                + RemoteJobExecutions.NOT_REMOTE, List.of(row.createdAt));
        int cap = tenantCaps.of(row.tenant);
        long tenantRunning = counts.tenantRunning();
        if (cap > 0 && tenantRunning >= cap) {
            return new Waiting(String.format(Locale.ROOT, "tenant cap %d of %d", tenantRunning, cap), place);
        }
        long globalRunning = counts.globalRunning();
        if (globalRunning >= maxRunning) {
            return new Waiting(String.format(Locale.ROOT, "global cap %d of %d", globalRunning, maxRunning), place);
        }
        return new Waiting("admitted: waiting for a server to claim it", place);
    }

    /** The counts one explanation needs, each read once and only when a rule needs it. */
    private final class Counts {
        private Long tenantActive;
        private Long tenantRunning;
        private Long globalActive;
        private Long globalRunning;

        long tenantActive() {
            if (tenantActive == null) {
                tenantActive = tables.count(ExecutionStore.TABLE, ExecutionQueue.activeCondition(), List.of());
            }
            return tenantActive;
        }

        long tenantRunning() {
            if (tenantRunning == null) {
                tenantRunning = tables.count(ExecutionStore.TABLE, RUNNING_NOT_REMOTE, List.of());
            }
            return tenantRunning;
        }

        long globalActive() {
            if (globalActive == null) {
                globalActive = tables.countWhereAcrossTenants(ExecutionStore.TABLE, ExecutionQueue.activeCondition(),
                        List.of());
            }
            return globalActive;
        }

        long globalRunning() {
            if (globalRunning == null) {
                globalRunning = tables.countWhereAcrossTenants(ExecutionStore.TABLE, ExecutionStore.RUNNING, List.of());
            }
            return globalRunning;
        }
    }

    private record Row(String id, String tenant, ExecutionStatus status, String deploymentId, Instant createdAt,
                       Instant scheduledFor, boolean forced, String groupId) {
    }
}
