package io.steward.engine.execution;

import io.steward.engine.deployment.DeploymentGuard;
import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Reading and deleting executions, and whether one may start now. */
@Singleton
public class ExecutionQueries implements DeploymentGuard {
    private final ExecutionStore store;

    ExecutionQueries(ExecutionStore store) {
        this.store = store;
    }

    public Execution get(String id) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        return store.find(id).orElseThrow(() -> new NotFoundException("Execution", id));
    }

    /**
     * The execution a caller's input refers to (events are posted to it, say): an id longer than the column is
     * refused as invalid input naming {@code execution_id}, where a path id would simply not be found.
     */
    public Execution referenced(String id) {
        return get(EngineLengths.EXECUTION_REF.require(id));
    }

    /** The execution in the current row of a read that selected every column of {@code executions}. */
    public Execution fromRow(java.sql.ResultSet row) throws java.sql.SQLException {
        return store.map(row);
    }

    /** Lists executions; without {@code includeSystemWorkflows} only non-system ones, as Cloudify does. */
    public Page<Execution> list(ListQuery query, boolean includeSystemWorkflows) {
        return list(query, includeSystemWorkflows, List.of());
    }

    /**
     * As {@link #list(ListQuery, boolean)} for a response of {@code fields} alone (every field when empty): the
     * executions carry those fields' values only, the others are left empty.
     */
    public Page<Execution> list(ListQuery query, boolean includeSystemWorkflows, List<String> fields) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        ListQuery scoped = includeSystemWorkflows || query.filters().containsKey("is_system_workflow")
                ? query : query.withFilter("is_system_workflow", List.of("false"));
        return store.list(scoped, fields);
    }

    /**
     * Deletes ended executions matching {@code filters}: all but the newest {@code keepLast}, or those that ended
     * before {@code endedBefore}. Exactly one of the two must be given. Returns how many were deleted.
     */
    public int deleteEnded(ListQuery filters, Integer keepLast, Instant endedBefore) {
        CallerScope.current().require(Permission.EXECUTION_DELETE);
        if ((keepLast == null) == (endedBefore == null)) {
            throw new InvalidInputException("Give exactly one of keep_last and to_datetime");
        }
        if (keepLast != null && keepLast < 0) {
            throw new InvalidInputException("keep_last must be a non-negative integer, got " + keepLast);
        }
        List<Execution> ended = store.list(new ListQuery(filters.filters(), List.of(), 0, 0, true)).items().stream()
                .filter(e -> e.status().isEnd())
                .sorted(Comparator.comparing(Execution::createdAt).reversed())
                .toList();
        List<Execution> doomed = keepLast != null
                ? ended.stream().skip(keepLast).toList()
                : ended.stream().filter(e -> e.endedAt() != null && e.endedAt().isBefore(endedBefore)).toList();
        return store.delete(doomed.stream().map(Execution::id).toList());
    }

    /** Cloudify's should-start: true when nothing else active on the deployment is ahead of this execution. */
    public boolean shouldStart(String id) {
        Execution execution = get(id);
        if (execution.deploymentId() == null) {
            return true;
        }
        return store.ofDeployment(execution.deploymentId(), EnumSet.copyOf(ExecutionStatus.ACTIVE)).stream()
                .noneMatch(other -> !other.id().equals(id));
    }

    /**
     * A deleted deployment takes its executions, their task graphs, histories and events with it: the ended ones and
     * the scheduled ones, which would otherwise come due for a deployment that is gone ({@link #checkDeletable}
     * refused anything running or queued).
     */
    @Override
    public void deleted(String deploymentId) {
        Set<ExecutionStatus> notBlocking = EnumSet.complementOf(EnumSet.copyOf(ExecutionQueue.BLOCKING));
        store.delete(store.ofDeployment(deploymentId, notBlocking).stream().map(Execution::id).toList());
    }

    @Override
    public void checkDeletable(String deploymentId) {
        List<Execution> running = store.ofDeployment(deploymentId, ExecutionQueue.BLOCKING);
        if (!running.isEmpty()) {
            throw new ConflictException(Problem.IN_USE, "Can't delete deployment " + deploymentId + " - There are"
                    + " running or queued executions for this deployment. Running executions ids: "
                    + running.stream().map(Execution::id).toList());
        }
    }
}
