package io.steward.ogc.process;

import io.micronaut.context.annotation.Value;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionActions;
import io.steward.engine.execution.StartCommand;
import io.steward.engine.execution.StartExecution;
import io.steward.engine.storage.JsonColumns;
import io.steward.engine.workflow.TaskStore;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.store.Page;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OGC jobs over the engine. A job is an execution of {@code ogcapi_execute} on the process's deployment, started
 * with {@code force} so jobs of one process run side by side (the global cap still queues them); its id is the
 * execution id, so the executions API lists, cancels and kills it too.
 */
@Singleton
public class Jobs {
    private static final Duration POLL = Duration.ofMillis(20);

    private final ProcessRegistry processes;
    private final ProcessBlueprint blueprint;
    private final StartExecution start;
    private final ExecutionActions actions;
    private final TaskStore tasks;
    private final JobStore store;
    private final Clock clock;
    private final JsonColumns json;
    private final Duration dismissWait;
    private final InputReferences references;

    Jobs(ProcessRegistry processes, ProcessBlueprint blueprint, StartExecution start,
         ExecutionActions actions, TaskStore tasks, JobStore store, Clock clock, JsonColumns json,
         InputReferences references, @Value("${steward.engine.kill-grace:5s}") Duration killGrace) {
        this.references = references;
        this.processes = processes;
        this.blueprint = blueprint;
        this.start = start;
        this.actions = actions;
        this.tasks = tasks;
        this.store = store;
        this.clock = clock;
        this.json = json;
        this.dismissWait = killGrace.plusSeconds(5);
    }

    /**
     * Creates and starts a job of {@code processId}. Inputs by reference are fetched ({@link InputReferences}),
     * inputs are checked against the description and requested
     * outputs must exist ({@code InvalidParameterValue} otherwise); an invisible process is {@code no-such-process}.
     */
    public Job submit(String processId, ExecuteRequest request, String root) {
        CallerScope.current().require(Permission.EXECUTION_START);
        OgcLengths.CALLBACK_ROOT.require(root);
        ProcessDefinition process = processes.get(processId);
        Map<String, Object> inputs = ProcessInputs.check(process, request.inputs(), references::fetch);
        request.outputs().forEach((id, mode) -> {
            if (!process.outputs().containsKey(id)) {
                throw ProcessException.invalidInput("Process '" + processId + "' has no output '" + id
                        + "'; its outputs are " + process.outputs().keySet());
            }
            if (!process.outputTransmission().contains(mode.name().toLowerCase(Locale.ROOT))) {
                throw ProcessException.invalidInput("Process '" + processId + "' does not offer transmission mode "
                        + mode.name().toLowerCase(Locale.ROOT) + " (it offers " + process.outputTransmission() + ")");
            }
        });
        String deployment = blueprint.ensureDeployment(processId);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("operation", process.unit().operation());
        parameters.put("operation_kwargs", process.unit().operationInputs(inputs, json));
        Execution execution = start.start(new StartCommand(deployment, ProcessBlueprint.WORKFLOW, parameters,
                false, true, false, false, null, StartCommand.DEFAULT_WAIT_AFTER_FAIL));
        store.insert(execution.id(), processId, request, execution.createdAt(), root);
        // As stored: its times at the database's precision, the same in this answer as in every later read.
        return store.find(execution.id()).orElseThrow(() -> ProcessException.noSuchJob(execution.id()));
    }

    /** The job {@code id} as it stands now (one read); {@code no-such-job} when it is not the caller's tenant's. */
    public Job get(String id) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        return store.find(id).orElseThrow(() -> ProcessException.noSuchJob(id));
    }

    /**
     * The caller's tenant's jobs matching {@code filter}, oldest first; one page of them and the number matched.
     * Filters, paging and the count run in the database (two reads, whatever the history length).
     */
    public Page<Job> list(JobFilter filter) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        return store.list(filter, clock.instant());
    }

    /**
     * The results of a successful job, output id → value, only the outputs the request asked for (all when it named
     * none). {@code result-not-ready} while it runs; a failed or dismissed job has none and says why.
     */
    public Map<String, Object> results(String id) {
        Job job = get(id);
        switch (job.status()) {
            case ACCEPTED, RUNNING -> throw new ProcessException(ProcessException.Reason.RESULT_NOT_READY,
                    "Job '" + id + "' is " + job.status().wire() + "; its results are not ready");
            case FAILED, DISMISSED -> throw new ProcessException(ProcessException.Reason.JOB_FAILED,
                    "Job '" + id + "' has no results: " + job.message());
            default -> {
            }
        }
        Optional<ProcessDefinition> process = processes.find(job.processId());
        List<String> outputIds = process.map(p -> List.copyOf(p.outputs().keySet())).orElse(List.of());
        Object output = tasks.outputs(id).values().stream().findFirst().orElse(null);
        Map<String, Object> all = process.map(p -> p.unit().results(output, outputIds))
                .orElseGet(() -> undeployedResults(output));
        if (job.request().outputs().isEmpty()) {
            return all;
        }
        Map<String, Object> wanted = new LinkedHashMap<>();
        job.request().outputs().keySet().stream().filter(all::containsKey).forEach(o -> wanted.put(o, all.get(o)));
        return wanted;
    }

    /**
     * Dismisses job {@code id}. An accepted or running job is killed as the executions API's {@code kill} does (its
     * processes get SIGTERM, then SIGKILL after the grace period), waited for within the grace period, and answered
     * {@code dismissed}. A finished job is removed with its results; it is then {@code no-such-job}.
     */
    public Job dismiss(String id) {
        CallerScope.current().require(Permission.EXECUTION_CANCEL);
        Job job = get(id);
        if (job.status().isFinal()) {
            store.delete(id);
            tasks.clearOutputs(id);
            return new Job(id, job.processId(), job.request(), job.execution());
        }
        actions.act(id, ExecutionActions.Action.KILL);
        Job after = awaitFinal(id, dismissWait);
        return after;
    }

    /** Polls the job until it ends or {@code timeout} passes; returns it as it is then. */
    public Job awaitFinal(String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Job job = get(id);
        while (!job.status().isFinal() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
            job = get(id);
        }
        return job;
    }

    /** Results of a job whose process was undeployed since: the operation's output map as it is. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> undeployedResults(Object output) {
        return output instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
