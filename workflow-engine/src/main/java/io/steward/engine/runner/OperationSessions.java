package io.steward.engine.runner;

import io.steward.engine.operation.ProcessSession;
import io.steward.engine.operation.RunningOperation;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process sessions of the script operations each execution runs here, written with the heartbeat together with
 * this server's node id and the host's boot id. A server that takes the execution over after this one died kills
 * what those sessions left running, when it is on the same host (same boot): the processes of a server killed with
 * SIGKILL are in no one's process tree any more, and would otherwise run beside the task's rerun.
 */
@Singleton
class OperationSessions {
    private static final Logger LOG = LoggerFactory.getLogger(OperationSessions.class);
    static final String TABLE = "operation_sessions";

    private final TenantTables tables;
    private final Clock clock;
    private final String nodeId;
    /** Per execution run here, the sessions written to the table, by the operation that runs in each. */
    private final Map<String, Map<RunningOperation, ProcessSession>> written = new ConcurrentHashMap<>();

    OperationSessions(TenantTables tables, Clock clock, RunnerIdentity identity) {
        this.tables = tables;
        this.clock = clock;
        this.nodeId = identity.nodeId();
    }

    /** Brings the table in line with the operations in flight for {@code executionId} (the caller's tenant). */
    synchronized void beat(String executionId, Collection<RunningOperation> inFlight) {
        Map<RunningOperation, ProcessSession> before = written.getOrDefault(executionId, Map.of());
        Map<RunningOperation, ProcessSession> now = new HashMap<>();
        for (RunningOperation operation : inFlight) {
            ProcessSession known = before.get(operation);
            if (known != null) {
                now.put(operation, known);
            } else {
                ProcessSession.of(operation).ifPresent(session -> {
                    insert(executionId, session);
                    now.put(operation, session);
                });
            }
        }
        before.forEach((operation, session) -> {
            if (!now.containsKey(operation)) {
                delete(executionId, session);
            }
        });
        if (now.isEmpty()) {
            written.remove(executionId);
        } else {
            written.put(executionId, now);
        }
    }

    /** The run of {@code executionId} ended here: nothing of it is left to reap (the caller's tenant). */
    synchronized void ended(String executionId) {
        Map<RunningOperation, ProcessSession> sessions = written.remove(executionId);
        if (sessions != null) {
            sessions.values().forEach(session -> delete(executionId, session));
        }
    }

    /**
     * Kills what the previous runner of {@code executionId} left running, for the sessions it recorded on this host
     * in this boot, and forgets them all. Sessions recorded on another host are only logged: no server here can
     * reach them. The caller's tenant.
     */
    void reapLeftovers(String executionId) {
        for (Recorded row : tables.find(TABLE, "execution_id = ?", List.of(executionId), rs -> new Recorded(
                rs.getString("id"), rs.getString("node_id"), rs.getString("boot_id"), rs.getString("host"),
                new ProcessSession(rs.getLong("session_id"), rs.getLong("start_ticks"))))) {
            if (!ProcessSession.bootId().isEmpty() && ProcessSession.bootId().equals(row.bootId())) {
                List<Long> killed = row.session().killLeftovers();
                if (!killed.isEmpty()) {
                    LOG.info("Execution {}: killed {} left running by server {} (session {}) before it runs again",
                            executionId, killed, row.nodeId(), row.session().sessionId());
                }
            } else {
                LOG.warn("Execution {}: server {} ran an operation in session {} on host {}; processes it left there"
                        + " cannot be killed from this host", executionId, row.nodeId(), row.session().sessionId(),
                        row.host());
            }
            tables.deleteWhere(TABLE, "execution_id = ? AND id = ?", List.of(executionId, row.id()));
        }
    }

    private record Recorded(String id, String nodeId, String bootId, String host, ProcessSession session) {
    }

    private void insert(String executionId, ProcessSession session) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("execution_id", executionId);
        row.put("id", rowId(session));
        row.put("visibility", Visibility.TENANT.wire());
        row.put("created_at", clock.instant());
        row.put("node_id", nodeId);
        row.put("boot_id", ProcessSession.bootId());
        row.put("host", ProcessSession.host());
        row.put("session_id", session.sessionId());
        row.put("start_ticks", session.startTicks());
        tables.insert(TABLE, row);
    }

    private void delete(String executionId, ProcessSession session) {
        tables.deleteWhere(TABLE, "execution_id = ? AND id = ?", List.of(executionId, rowId(session)));
    }

    /** A session id is unique on one host at one time; with the boot id it is unique enough across hosts. */
    private static String rowId(ProcessSession session) {
        String boot = ProcessSession.bootId();
        return session.sessionId() + "@" + session.startTicks() + "@" + (boot.length() > 8 ? boot.substring(0, 8) : boot);
    }
}
