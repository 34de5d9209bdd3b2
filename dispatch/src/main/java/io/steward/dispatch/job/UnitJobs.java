package io.steward.dispatch.job;

import io.steward.dispatch.DispatchException;
import io.steward.dispatch.DispatchException.Reason;
import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformConfig;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.Platforms;
import io.steward.dispatch.platform.Platforms.Platform;
import io.steward.dispatch.platform.ProcessParameter;
import io.steward.dispatch.platform.RemoteJobRef;
import io.steward.dispatch.platform.RemoteJobRequest;
import io.steward.dispatch.platform.RemoteStatus;
import io.steward.dispatch.platform.ServiceRef;
import io.steward.dispatch.platform.StacCollections;
import io.steward.dispatch.platform.ogc.OgcProcessesPlatform;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionActions;
import io.steward.engine.execution.RemoteJobExecutions;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.scope.Visibility;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unit jobs, the APEx dispatch's use cases. A create makes no platform call: it records the job (an execution that
 * is started at once, and the row saying what to send where) in one transaction and wakes the poller, which submits
 * it. A get or a list reads the database only; statuses are kept fresh by the poller.
 */
@Singleton
public class UnitJobs {
    private final Platforms platforms;
    private final UnitJobStore store;
    private final RemoteJobExecutions executions;
    private final ExecutionActions actions;
    private final RemoteJobPoller poller;
    private final CallerTokens tokens;
    private final ProcessChecks checks;
    private final Clock clock;

    UnitJobs(Platforms platforms, UnitJobStore store, RemoteJobExecutions executions, ExecutionActions actions,
             RemoteJobPoller poller, CallerTokens tokens, ProcessChecks checks, Clock clock) {
        this.tokens = tokens;
        this.checks = checks;
        this.platforms = platforms;
        this.store = store;
        this.executions = executions;
        this.actions = actions;
        this.poller = poller;
        this.clock = clock;
    }

    /**
     * Records a unit job for the bound caller and returns it, {@code created}; the poller submits it. A job for a
     * process its platform does not have, or whose parameters do not fit, is refused first (422).
     */
    public UnitJob create(JobRequest request, CallerToken caller) {
        CallerScope.current().require(Permission.EXECUTION_START);
        Platform platform = platforms.require(request.label(), request.service().endpoint());
        checks.check(platform, request.label(), checked(request.label(), platform, request), request.parameters(),
                caller);
        tokens.remember(CallerScope.current().tenant(), CallerScope.current().username(), caller);
        UnitJob job = executions.inOneTransaction(() -> record(request, platform, null, caller));
        store.committed();
        poller.wake();
        return job;
    }

    /**
     * Records one unit job (its execution, started, and its row) inside the caller's transaction; the poller submits
     * it once woken. The caller's token is kept with it, sealed, when its platform authenticates as the caller.
     */
    UnitJob record(JobRequest request, Platform platform, String upscaleTaskId, CallerToken caller) {
        ServiceRef service = new ServiceRef(platform.endpoint(), request.service().application(),
                request.service().namespace());
        checkApplication(request.label(), service);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("title", request.title());
        parameters.put("label", request.label());
        parameters.put("endpoint", service.endpoint());
        parameters.put("application", service.application());
        parameters.put("namespace", service.namespace());
        if (upscaleTaskId != null) {
            parameters.put("upscale_task", upscaleTaskId);
        }
        Execution execution = executions.newStarted(parameters, Visibility.PRIVATE);
        UnitJobStore.NewJob job = store.newJob(execution.id(), execution.status().wire(), request.title(),
                request.label(), service, request.parameters(), request.format(), clock.instant(), upscaleTaskId,
                platform.config().usesCallerToken() ? tokens.seal(CallerScope.current().tenant(), execution.id(),
                        caller) : null);
        List<Long> numbers = executions.record(execution, List.of(job.row(), executions.eventRow(execution,
                "remote_job_recorded", "Unit job recorded; it is submitted to " + service.endpoint() + " next")));
        return job.recorded().apply(numbers.get(0));
    }

    /** The request's service at its configured platform, its application checked for its form. */
    ServiceRef checked(String label, Platform platform, JobRequest request) {
        ServiceRef service = new ServiceRef(platform.endpoint(), request.service().application(),
                request.service().namespace());
        checkApplication(label, service);
        return service;
    }

    /** Refuses parameter sets that do not fit the service's process (see {@link ProcessChecks}). */
    void checkParameters(Platform platform, JobRequest request, List<Map<String, Object>> parameterSets,
                         CallerToken caller) {
        checks.check(platform, request.label(), checked(request.label(), platform, request), parameterSets, caller);
    }

    Platform platformFor(JobRequest request) {
        return platforms.require(request.label(), request.service().endpoint());
    }

    <T> T inOneTransaction(java.util.function.Supplier<T> work) {
        return executions.inOneTransaction(work);
    }

    void wakePoller() {
        poller.wake();
    }

    public UnitJob get(long id) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        return store.byNumber(id).orElseThrow(() -> DispatchException.jobNotFound(id));
    }

    /** The caller's unit jobs, newest first (a tenant manager's: the tenant's). */
    public List<UnitJob> list(int offset, int limit) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        return store.list(offset, limit);
    }

    /** As {@link #get(long)}, as a summary: what {@code GET /unit_jobs/{id}} shows, read cheaply. */
    public UnitJobSummary summary(long id) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        return store.summaryByNumber(id).orElseThrow(() -> DispatchException.jobNotFound(id));
    }

    /** As {@link #list(int, int)}, as summaries: what a status list of thousands of jobs shows, read cheaply. */
    public List<UnitJobSummary> summaries(int offset, int limit) {
        CallerScope.current().require(Permission.EXECUTION_LIST);
        return store.summaries(offset, limit);
    }

    /**
     * The job's results as a STAC Collection: kept from when it finished, else asked of the platform now; 404
     * {@code JOB_NOT_FOUND} when there are none (yet).
     */
    public Map<String, Object> results(long id, CallerToken caller) {
        UnitJob job = get(id);
        String fallbackId = (job.service().namespace() == null ? "" : job.service().namespace()) + "-"
                + job.remoteJobId();
        if (job.results() != null) {
            return StacCollections.complete(job.results(), fallbackId);
        }
        if (job.remoteJobId() == null || job.status() == RemoteStatus.FAILED || job.status() == RemoteStatus.CANCELED) {
            throw new DispatchException(Reason.JOB_NOT_FOUND, "Unit job " + id + " has no results (it is "
                    + job.status().wire() + ")");
        }
        Platform platform = platforms.require(job.label(), job.service().endpoint());
        try {
            return StacCollections.complete(platform.client().results(new RemoteJobRef(job.service(),
                    job.remoteJobId()), caller), fallbackId);
        } catch (PlatformException e) {
            if (e.kind() == PlatformException.Kind.REFUSED) {
                throw new DispatchException(Reason.JOB_NOT_FOUND, "Unit job " + id + " has no results yet (it is "
                        + job.status().wire() + "): " + e.getMessage());
            }
            throw platformFailure(e);
        }
    }

    /**
     * Deletes the unit job. One the platform still runs is dismissed there first (a platform that cannot be reached
     * keeps the job, and the delete fails with 502 so it can be tried again); its execution ends {@code cancelled}
     * and stays in the executions history.
     */
    public void delete(long id, CallerToken caller) {
        CallerScope.current().require(Permission.EXECUTION_CANCEL);
        UnitJob job = get(id);
        if (job.state() == UnitJobState.SUBMIT && !store.move(job.executionId(), UnitJobState.SUBMIT,
                UnitJobState.ENDED, Map.of("status", RemoteStatus.CANCELED.wire(), "updated_at", clock.instant()))) {
            job = get(id); // a server took it up meanwhile
        }
        if (job.state() == UnitJobState.SUBMITTING) {
            throw new DispatchException(Reason.REFUSED, "Unit job " + id + " is being submitted to its platform right"
                    + " now; delete it again in a moment, once the platform has it");
        }
        if (job.state() == UnitJobState.TRACKING && !job.status().terminal()) {
            // Under a lease of its own, so that the poller neither polls nor dismisses it meanwhile.
            String lease = "delete-" + java.util.UUID.randomUUID();
            job = leaseForDelete(id, lease);
            if (job.state() == UnitJobState.TRACKING && !job.status().terminal()) {
                Platform platform = platforms.require(job.label(), job.service().endpoint());
                try {
                    platform.client().cancel(new RemoteJobRef(job.service(), job.remoteJobId()), caller);
                } catch (PlatformException e) {
                    store.update(job.executionId(), lease, java.util.Collections.singletonMap("lease_until", null));
                    throw platformFailure(e);
                }
            }
            // Ended before the execution is killed: the poller would otherwise see the kill and dismiss it again.
            store.move(job.executionId(), UnitJobState.TRACKING, UnitJobState.ENDED,
                    Map.of("status", RemoteStatus.CANCELED.wire(), "updated_at", clock.instant()));
        }
        UnitJob deleting = job;
        executions.find(job.executionId()).ifPresent(execution -> {
            if (!execution.status().isEnd()) {
                actions.act(execution.id(), ExecutionActions.Action.KILL);
                executions.end(execution.id(), RemoteJobExecutions.Ending.FAILED, null);
            }
            executions.event(execution, "remote_job_deleted", deleting.remoteJobId() == null
                    ? "Unit job deleted before it was submitted"
                    : "Unit job deleted; remote job " + deleting.remoteJobId() + " dismissed on "
                    + deleting.service().endpoint());
        });
        store.delete(job.executionId());
    }

    /** Takes the job's lease for a delete, waiting out a poller round that holds it (a round is short). */
    private UnitJob leaseForDelete(long id, String lease) {
        for (int attempt = 0; attempt < 100; attempt++) {
            UnitJob job = get(id);
            Instant now = clock.instant();
            if (job.state() != UnitJobState.TRACKING
                    || store.lease(job, lease, now, now.plus(java.time.Duration.ofMinutes(2)))) {
                return get(id);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new DispatchException(Reason.REFUSED, "Unit job " + id + " is being polled right now; delete it again"
                + " in a moment");
    }

    /** The parameters of the service's process, asked of the platform now. */
    public List<ProcessParameter> parameters(String label, ServiceRef service, CallerToken caller) {
        Platform platform = platforms.require(label, service.endpoint());
        ServiceRef at = new ServiceRef(platform.endpoint(), service.application(), service.namespace());
        checkApplication(label, at);
        try {
            return platform.client().parameters(at, caller);
        } catch (PlatformException e) {
            throw platformFailure(e);
        }
    }

    /** Runs the job synchronously on its platform and returns the platform's answer as it is. */
    public Object runSynchronously(JobRequest request, CallerToken caller) {
        CallerScope.current().require(Permission.EXECUTION_START);
        Platform platform = platforms.require(request.label(), request.service().endpoint());
        ServiceRef service = checked(request.label(), platform, request);
        checks.check(platform, request.label(), service, request.parameters(), caller);
        try {
            return platform.client().runSynchronously(new RemoteJobRequest(service, request.parameters(),
                    request.title(), request.format()), caller);
        } catch (PlatformException e) {
            throw platformFailure(e);
        }
    }

    private static void checkApplication(String label, ServiceRef service) {
        if (isOgc(label) && OgcProcessesPlatform.processId(service.application()).isEmpty()) {
            throw new DispatchException(Reason.VALIDATION, "application must name a process",
                    List.of(ValidationErrors.error(List.of("body", "service", "application"),
                            "Value error, application must be a process id or a path ending in /processes/{id}",
                            "value_error")));
        }
    }

    static DispatchException platformFailure(PlatformException e) {
        return switch (e.kind()) {
            case UNAUTHORIZED -> new DispatchException(Reason.PLATFORM_AUTHENTICATION,
                    "The platform refused Steward's credentials: " + e.getMessage());
            case REFUSED -> new DispatchException(Reason.REFUSED, e.getMessage());
            default -> new DispatchException(Reason.PLATFORM_UNAVAILABLE, e.getMessage());
        };
    }

    static boolean isOgc(String label) {
        return PlatformConfig.OGC.equals(label);
    }

    Instant now() {
        return clock.instant();
    }
}
