package io.steward.dispatch.job;

import io.steward.dispatch.DispatchException;
import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.Platforms.Platform;
import io.steward.dispatch.platform.RemoteStatus;
import io.steward.dispatch.platform.ServiceRef;
import io.steward.dispatch.upscale.UpscaleStatus;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Upscale tasks: one job request run once per value of a dimension. A create records the task and its N unit jobs
 * (each an ordinary unit job and execution, the parameter {@code dimension.name} set to one value) in one
 * transaction and wakes the poller, which submits them side by side within the platform's
 * {@code max_concurrent_jobs}; no platform call is made in the request. The task's status is never stored: it is
 * aggregated from its jobs' statuses ({@link UpscaleStatus}) when read.
 */
@Singleton
public class UpscaleTasks {
    private final UnitJobs unitJobs;
    private final UnitJobStore jobStore;
    private final UpscaleTaskStore store;
    private final Clock clock;

    UpscaleTasks(UnitJobs unitJobs, UnitJobStore jobStore, UpscaleTaskStore store, Clock clock) {
        this.unitJobs = unitJobs;
        this.jobStore = jobStore;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Records the task and one unit job per value of {@code dimensionName}; returns it, its jobs {@code created}.
     * Refused (422) when the process is unknown or any job's parameters would not fit it.
     */
    public UpscaleTask create(JobRequest request, String dimensionName, List<Object> values, CallerToken caller) {
        CallerScope.current().require(Permission.EXECUTION_START);
        Platform platform = unitJobs.platformFor(request);
        List<Map<String, Object>> parameterSets = new ArrayList<>();
        for (Object value : values) {
            Map<String, Object> parameters = new LinkedHashMap<>(request.parameters() == null ? Map.of()
                    : request.parameters());
            parameters.put(dimensionName, value);
            parameterSets.add(parameters);
        }
        unitJobs.checkParameters(platform, request, parameterSets, caller);
        String id = UUID.randomUUID().toString();
        UpscaleTask task = unitJobs.inOneTransaction(() -> {
            store.insert(id, request.title(), request.label(), new ServiceRef(platform.endpoint(),
                    request.service().application(), request.service().namespace()), dimensionName, clock.instant());
            for (Map<String, Object> parameters : parameterSets) {
                unitJobs.record(new JobRequest(request.title(), request.label(), request.service(), parameters,
                        request.format()), platform, id, caller);
            }
            return read(store.byId(id).orElseThrow());
        });
        unitJobs.wakePoller();
        return task;
    }

    /** The task with its jobs; 404 {@code TASK_NOT_FOUND} when it is not the caller's to see. */
    public UpscaleTask get(long id) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        return read(store.byNumber(id).orElseThrow(() -> DispatchException.taskNotFound(id)));
    }

    /** The caller's tasks, newest first, each with its aggregated status (and no jobs). */
    public List<UpscaleTask> list(int offset, int limit) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        List<UpscaleTaskStore.Row> rows = store.list(offset, limit);
        Map<String, List<RemoteStatus>> statuses = jobStore.statusesByTask(rows.stream()
                .map(UpscaleTaskStore.Row::id).toList());
        List<UpscaleTask> tasks = new ArrayList<>();
        for (UpscaleTaskStore.Row row : rows) {
            tasks.add(task(row, UpscaleStatus.of(statuses.getOrDefault(row.id(), List.of())), List.of()));
        }
        return tasks;
    }

    /**
     * Cancels the task as a whole and deletes it: each unit job is deleted as {@code DELETE /unit_jobs/{id}} deletes
     * one (a job the platform still runs is dismissed there first). When one cannot be dismissed now (its platform
     * is down, or it is being submitted this moment) the delete fails with that job's error; the jobs already
     * dismissed are gone, the rest and the task stay, and the delete can be repeated.
     */
    public void delete(long id, CallerToken caller) {
        CallerScope.current().require(Permission.EXECUTION_CANCEL);
        UpscaleTaskStore.Row row = store.byNumber(id).orElseThrow(() -> DispatchException.taskNotFound(id));
        for (UnitJob job : jobStore.byTask(row.id())) {
            unitJobs.delete(job.id(), caller);
        }
        store.delete(row.id());
    }

    private UpscaleTask read(UpscaleTaskStore.Row row) {
        List<UnitJob> jobs = jobStore.byTask(row.id());
        return task(row, UpscaleStatus.of(jobs.stream().map(UnitJob::status).toList()), jobs);
    }

    private static UpscaleTask task(UpscaleTaskStore.Row row, RemoteStatus status, List<UnitJob> jobs) {
        java.time.Instant updated = row.updated();
        for (UnitJob job : jobs) {
            if (job.updated().isAfter(updated)) {
                updated = job.updated();
            }
        }
        return new UpscaleTask(row.number(), row.id(), row.title(), row.label(), row.service(), row.dimensionName(),
                status, row.created(), updated, jobs);
    }
}
