package io.steward.engine.execution;

import io.steward.engine.workflow.TaskStore;
import io.steward.engine.workflow.TaskStore.StoredTask;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * An execution's stored task graph read as Cloudify's tasks graphs and operations: one graph per execution (its id
 * is the execution's), one operation per task, whose id is {@code <execution id>.<task id>}. Only executions the
 * caller may see are read, whatever visibility their tasks were stored with.
 */
@Singleton
public class ExecutionOperations {
    private final ExecutionQueries executions;
    private final TaskStore tasks;

    ExecutionOperations(ExecutionQueries executions, TaskStore tasks) {
        this.executions = executions;
        this.tasks = tasks;
    }

    /** A task of an execution, with the execution it belongs to. */
    public record Operation(Execution execution, StoredTask task) {
        public String id() {
            return execution.id() + "." + task.task().id();
        }
    }

    /** The visible execution (404 otherwise). */
    public Execution graphOf(String executionId) {
        return executions.get(executionId);
    }

    /** The operations of a visible execution, in task order. */
    public List<Operation> of(String executionId) {
        Execution execution = executions.get(executionId);
        return tasks.load(executionId).stream().map(t -> new Operation(execution, t)).toList();
    }

    public Operation get(String operationId) {
        int dot = operationId.indexOf('.');
        if (dot <= 0) {
            throw new NotFoundException("operation", operationId);
        }
        String executionId = operationId.substring(0, dot);
        String taskId = operationId.substring(dot + 1);
        Execution execution;
        try {
            execution = executions.get(executionId);
        } catch (NotFoundException e) {
            throw new NotFoundException("operation", operationId);
        }
        return tasks.load(executionId).stream().filter(t -> t.task().id().equals(taskId)).findFirst()
                .map(t -> new Operation(execution, t))
                .orElseThrow(() -> new NotFoundException("operation", operationId));
    }

    /** The execution a graph id names: Steward's graphs are one per execution, with its id. */
    public static String requireOne(String executionId, String graphId) {
        if ((executionId == null) == (graphId == null)) {
            throw new InvalidInputException("Exactly one of execution_id and graph_id must be given");
        }
        return executionId != null ? executionId : graphId;
    }
}
