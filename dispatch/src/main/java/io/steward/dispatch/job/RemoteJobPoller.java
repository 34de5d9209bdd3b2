package io.steward.dispatch.job;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.Platforms;
import io.steward.dispatch.platform.Platforms.Platform;
import io.steward.dispatch.platform.RemoteJobRef;
import io.steward.dispatch.platform.RemoteJobRequest;
import io.steward.dispatch.platform.RemoteJobState;
import io.steward.dispatch.platform.RemoteStatus;
import io.steward.dispatch.platform.Submission;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.ExecutionQueue;
import io.steward.engine.execution.RemoteJobExecutions;
import io.steward.engine.execution.RemoteJobExecutions.Ending;
import io.steward.engine.storage.JsonColumns;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.threads.BackgroundThreads;
import io.steward.tenancy.threads.LoopHeartbeats;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Submits recorded unit jobs and keeps the statuses of submitted ones fresh, for every tenant, from the database:
 * nothing is held in memory between rounds, so a restart (or another server) goes on where this one stopped. Each
 * round leases the rows it works on (a compare-and-set, released at the end of the round; a server that dies loses
 * its leases when they run out), so a remote job is polled by one server at a time. Per platform, the round
 * submits within {@code max_concurrent_jobs} and asks for the statuses of its tracked jobs in one batch. A platform
 * that cannot be reached is asked again later, with exponential backoff and jitter; its jobs keep their last status.
 * No thread waits on a remote job between polls.
 */
@Context
public class RemoteJobPoller {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteJobPoller.class);
    private static final int ROUND_LIMIT = 2000;
    /**
     * Rows polled early with the due ones at most, where a list answers them: a platform's whole set at once, so the
     * list is read once per interval rather than once per round-sized part of it.
     */
    private static final int EARLY_LIMIT = 5 * ROUND_LIMIT;
    /**
     * Rows to submit (or to end) per round: a round submits for a tenth of the interval only, so leasing more would
     * only hand them back; a full batch makes the next round follow at once.
     */
    private static final int OTHERS_LIMIT = 100;
    /** Submissions refused by an unreachable platform are tried this often before the job fails. */
    private static final int SUBMIT_ATTEMPTS = 20;

    private final UnitJobStore store;
    private final Platforms platforms;
    private final RemoteJobExecutions executions;
    private final JsonColumns json;
    private final CallerTokens tokens;
    private final Clock clock;
    private final Duration interval;
    private final Duration maxBackoff;
    private final Duration lease;
    private final boolean enabled;
    private final LoopHeartbeats heartbeats;
    private LoopHeartbeats.Heartbeat heartbeat;
    private final String owner = "poller-" + UUID.randomUUID();
    private final Semaphore wake = new Semaphore(0);
    /** Platforms of one round, up to four side by side; a thread is made only when no idle one is there. */
    private final ExecutorService workers = onDemand(4, Duration.ofSeconds(10), "steward-apex-poller");
    /**
     * Submissions of one platform's round run on this many threads at once (a platform may take a second to accept
     * a job); threads that have nothing to submit end, so an idle or only polling server keeps none.
     */
    private final ThreadPoolExecutor submitters;
    private volatile boolean stopping;
    /** A round handed submissions to the next one: it follows at once. */
    private volatile boolean submissionsLeft;
    private Thread loop;

    RemoteJobPoller(UnitJobStore store, Platforms platforms, RemoteJobExecutions executions, JsonColumns json,
                    CallerTokens tokens, Clock clock, LoopHeartbeats heartbeats,
                    @Value("${steward.apex.poll-interval:5s}") Duration interval,
                    @Value("${steward.apex.max-backoff:5m}") Duration maxBackoff,
                    @Value("${steward.apex.lease:2m}") Duration lease,
                    @Value("${steward.apex.poller.enabled:true}") boolean enabled,
                    @Value("${steward.apex.parallel-submissions:8}") int parallelSubmissions) {
        if (parallelSubmissions < 1) {
            throw new IllegalArgumentException("steward.apex.parallel-submissions must be at least 1, not "
                    + parallelSubmissions);
        }
        this.submitters = onDemand(parallelSubmissions, Duration.ofSeconds(2), "steward-apex-submit");
        this.store = store;
        this.platforms = platforms;
        this.executions = executions;
        this.json = json;
        this.tokens = tokens;
        this.clock = clock;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
        this.lease = lease;
        this.enabled = enabled;
        this.heartbeats = heartbeats;
    }

    /**
     * At most {@code max} threads, each made only when no idle one can take the task and ended after {@code idle}
     * without work; when all are busy the caller runs the task itself. A burst of submissions leaves no threads behind.
     */
    private static ThreadPoolExecutor onDemand(int max, Duration idle, String name) {
        return new ThreadPoolExecutor(0, max, idle.toMillis(), TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
                BackgroundThreads.factory(name), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    @PostConstruct
    void start() {
        if (enabled) {
            // /health names the loop ("apex-poller") once its rounds stop.
            heartbeat = heartbeats.register("apex-poller", interval);
            loop = BackgroundThreads.daemon("steward-apex-poller-loop", this::loop);
            loop.start();
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (heartbeat != null) {
            heartbeats.forget(heartbeat);
        }
        wake.release();
        workers.shutdownNow();
        submitters.shutdownNow();
    }

    /** New work: a job was recorded or a cancel requested. */
    public void wake() {
        wake.release();
    }

    /**
     * Rounds one after another while they find a full batch or leave submissions over (a backlog), else one every
     * tenth of the interval: a job is polled at most a tick after it is due, so its status is never older than the
     * interval (see {@link #jittered}).
     */
    private void loop() {
        long tick = Math.max(1, interval.toMillis() / 10);
        while (!stopping) {
            heartbeat.beat();
            boolean more = false;
            try {
                more = round();
            } catch (RuntimeException e) {
                LOG.warn("APEx poller round failed; the next round retries in {}", interval, e);
            }
            if (more || submissionsLeft) {
                submissionsLeft = false;
                continue;
            }
            try {
                wake.tryAcquire(tick, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * One round: the due polls (at most {@value #ROUND_LIMIT}) and other due rows (at most {@value #OTHERS_LIMIT}),
     * grouped by platform, each group on a worker. True when a batch was full: more is due.
     */
    boolean round() {
        Instant now = clock.instant();
        Map<List<String>, List<UnitJobStore.Due>> byPlatform = new LinkedHashMap<>();
        List<UnitJobStore.Due> polls = store.duePollsAcrossTenants(now, ROUND_LIMIT);
        List<UnitJobStore.Due> others = store.dueOthersAcrossTenants(now, OTHERS_LIMIT);
        boolean more = polls.size() >= ROUND_LIMIT || others.size() >= OTHERS_LIMIT;
        List<UnitJobStore.Due> dueRows = new ArrayList<>(polls);
        dueRows.addAll(others);
        for (UnitJobStore.Due due : dueRows) {
            byPlatform.computeIfAbsent(List.of(due.endpoint(), due.label()), e -> new ArrayList<>()).add(due);
        }
        List<Future<?>> groups = new ArrayList<>();
        byPlatform.forEach((key, due) -> groups.add(workers.submit(() -> platformRound(key.get(0), key.get(1),
                due))));
        for (Future<?> group : groups) {
            try {
                awaitBeating(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return more;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("APEx poller round failed for a platform", e.getCause());
            }
        }
        return more;
    }

    /**
     * Waits for one platform's part of the round, beating while it runs: a slow platform (each call bounded by
     * {@code steward.apex.platform-timeout}) is no dead loop.
     */
    private void awaitBeating(Future<?> group) throws InterruptedException, java.util.concurrent.ExecutionException {
        while (true) {
            try {
                group.get(interval.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                if (heartbeat != null) {
                    heartbeat.beat();
                }
            }
        }
    }

    private void platformRound(String endpoint, String label, List<UnitJobStore.Due> due) {
        Optional<Platform> platform = platforms.find(label, endpoint);
        long inFlight = store.inFlightAcrossTenants(endpoint);
        int room = platform.map(p -> (int) Math.max(0, p.config().maxConcurrentJobs() - inFlight)).orElse(0);
        List<UnitJob> leased = leased(due);
        List<UnitJob> tracked = new ArrayList<>();
        List<UnitJob> toSubmit = new ArrayList<>();
        for (UnitJob job : leased) {
            try (var bound = CallerScope.bind(ExecutionQueue.engineCaller(job.tenant(), job.owner()))) {
                if (platform.isEmpty()) {
                    release(job, "The platform " + endpoint + " is no longer configured", 1);
                    continue;
                }
                if (cancelRequested(job)) {
                    cancel(job, platform.get());
                } else if (!"started".equals(job.executionStatus())) {
                    end(job, RemoteStatus.FAILED, job.status(), "A unit job cannot be resumed; submit it again");
                } else if (job.state() == UnitJobState.SUBMIT) {
                    if (room > 0) {
                        room--;
                        toSubmit.add(job);
                    } else {
                        release(job, null, 0);
                    }
                } else if (job.state() == UnitJobState.SUBMITTING) {
                    // Its lease ran out mid-submission: the server sending it stopped. The platform may have it.
                    end(job, RemoteStatus.UNKNOWN, RemoteStatus.UNKNOWN, "The server submitting this job to "
                            + endpoint + " stopped before the platform's answer was recorded; whether the platform"
                            + " has it is unknown, so it is not sent again");
                } else {
                    tracked.add(job);
                }
            } catch (RuntimeException e) {
                LOG.warn("APEx poller could not handle unit job {}", job.executionId(), e);
            }
        }
        if (platform.isPresent()) {
            tracked.addAll(dueSoon(endpoint, label, platform.get(), tracked));
        }
        Map<CallerToken, List<UnitJob>> byToken = new LinkedHashMap<>();
        tracked.forEach(job -> byToken.computeIfAbsent(tokens.of(job), t -> new ArrayList<>()).add(job));
        byToken.forEach((token, jobs) -> poll(jobs, platform.get(), token));
        submitWithinBudget(toSubmit, platform.orElse(null));
    }

    /**
     * The platform's tracked jobs due within half an interval, leased now too, for each host of the due ones whose
     * statuses a list request answers, once they make a batch big enough: polled early with the due ones and released
     * together, they stay one batch. Without this, jobs submitted at different moments would stay in small cohorts,
     * none big enough for the list.
     */
    private List<UnitJob> dueSoon(String endpoint, String label, Platform platform, List<UnitJob> tracked) {
        Map<String, Integer> batchOf = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (UnitJob job : tracked) {
            String host = namespace(job.service().namespace());
            batchOf.computeIfAbsent(host, h -> platform.client().listBatch(job.service(), tokens.of(job)));
            count.merge(host, 1, Integer::sum);
        }
        if (batchOf.values().stream().noneMatch(batch -> batch > 0)) {
            return List.of();
        }
        Instant now = clock.instant();
        List<UnitJobStore.Due> soon = store.duePollsOfPlatformAcrossTenants(endpoint, label, now,
                now.plus(interval.dividedBy(2)), EARLY_LIMIT).stream()
                .filter(due -> batchOf.getOrDefault(namespace(due.namespace()), 0) > 0).toList();
        soon.forEach(due -> count.merge(namespace(due.namespace()), 1, Integer::sum));
        List<UnitJobStore.Due> worth = soon.stream().filter(due -> count.get(namespace(due.namespace()))
                >= batchOf.get(namespace(due.namespace()))).toList();
        List<UnitJob> polled = new ArrayList<>();
        Map<String, List<UnitJob>> othersByTenant = new LinkedHashMap<>();
        for (UnitJob job : leased(worth)) {
            if (job.state() == UnitJobState.TRACKING && "started".equals(job.executionStatus())) {
                polled.add(job);
            } else {
                othersByTenant.computeIfAbsent(job.tenant(), t -> new ArrayList<>()).add(job);
            }
        }
        // Changed since it was found (a cancel, say): due at once, for the next round to handle as such.
        othersByTenant.forEach((tenant, others) -> {
            try (var bound = CallerScope.bind(ExecutionQueue.engineCaller(tenant, others.get(0).owner()))) {
                store.releaseAll(others.stream().map(UnitJob::executionId).toList(), owner, clock.instant(), false);
            } catch (RuntimeException e) {
                LOG.warn("APEx poller could not hand {} unit jobs of tenant {} to the next round", others.size(),
                        tenant, e);
            }
        });
        return polled;
    }

    /** The namespace as a host key: none and blank are the endpoint itself. */
    private static String namespace(String namespace) {
        return namespace == null ? "" : namespace.trim();
    }

    /**
     * Submits on up to {@code steward.apex.parallel-submissions} threads for at most a tenth of the interval (each
     * thread sends at least one), then hands the rest to the next round (due at once): a backlog of submissions never
     * delays the next round's polls by more than that. The jobs were chosen within the platform's room, so sending
     * them side by side keeps within its {@code max_concurrent_jobs}.
     */
    private void submitWithinBudget(List<UnitJob> jobs, Platform platform) {
        if (jobs.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + interval.toNanos() / 10;
        ConcurrentLinkedQueue<UnitJob> queue = new ConcurrentLinkedQueue<>(jobs);
        List<Future<?>> lanes = new ArrayList<>();
        int laneCount = Math.min(submitters.getMaximumPoolSize(), jobs.size());
        for (int lane = 0; lane < laneCount; lane++) {
            lanes.add(submitters.submit(() -> {
                boolean first = true;
                UnitJob job;
                while ((first || System.nanoTime() < deadline) && !stopping && (job = queue.poll()) != null) {
                    first = false;
                    try (var bound = CallerScope.bind(ExecutionQueue.engineCaller(job.tenant(), job.owner()))) {
                        submit(job, platform);
                    } catch (RuntimeException e) {
                        LOG.warn("APEx poller could not submit unit job {}", job.executionId(), e);
                    }
                }
            }));
        }
        for (Future<?> lane : lanes) {
            try {
                lane.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("APEx poller submissions failed", e.getCause());
            }
        }
        List<UnitJob> left = new ArrayList<>(queue);
        if (!left.isEmpty()) {
            submissionsLeft = true;
        }
        Map<String, List<UnitJob>> leftByTenant = new LinkedHashMap<>();
        left.forEach(job -> leftByTenant.computeIfAbsent(job.tenant(), t -> new ArrayList<>()).add(job));
        leftByTenant.forEach((tenant, rest) -> {
            try (var bound = CallerScope.bind(ExecutionQueue.engineCaller(tenant, rest.get(0).owner()))) {
                store.releaseAll(rest.stream().map(UnitJob::executionId).toList(), owner, clock.instant(), false);
            } catch (RuntimeException e) {
                LOG.warn("APEx poller could not hand {} submissions of tenant {} to the next round", rest.size(),
                        tenant, e);
            }
        });
    }

    /** The due rows this server could lease, a few statements per tenant rather than two per row. */
    private List<UnitJob> leased(List<UnitJobStore.Due> due) {
        Map<String, List<UnitJobStore.Due>> byTenant = new LinkedHashMap<>();
        due.forEach(row -> byTenant.computeIfAbsent(row.tenant(), t -> new ArrayList<>()).add(row));
        List<UnitJob> leased = new ArrayList<>();
        byTenant.forEach((tenant, rows) -> {
            try (var bound = CallerScope.bind(ExecutionQueue.engineCaller(tenant, rows.get(0).createdBy()))) {
                Instant now = clock.instant();
                leased.addAll(store.leaseAll(rows.stream().map(UnitJobStore.Due::id).toList(), owner, now,
                        now.plus(lease)));
            } catch (RuntimeException e) {
                LOG.warn("APEx poller could not lease the due unit jobs of tenant {}", tenant, e);
            }
        });
        return leased;
    }

    private static boolean cancelRequested(UnitJob job) {
        String status = job.executionStatus();
        return "cancelling".equals(status) || "force_cancelling".equals(status) || "kill_cancelling".equals(status)
                || "cancelled".equals(status);
    }

    private void submit(UnitJob job, Platform platform) {
        if (!store.move(job.executionId(), UnitJobState.SUBMIT, UnitJobState.SUBMITTING, Map.of())) {
            return;
        }
        Execution execution = execution(job);
        Submission submission;
        try {
            submission = platform.client().submit(new RemoteJobRequest(job.service(), job.parameters(), job.title(),
                    job.format()), tokens.of(job));
        } catch (PlatformException e) {
            if (e.getCause() instanceof ConnectException && job.pollFailures() + 1 < SUBMIT_ATTEMPTS) {
                // Refused before anything was sent: it surely did not arrive, so sending it again is safe.
                Map<String, Object> values = released(backoff(job.pollFailures() + 1), job.pollFailures() + 1);
                values.put("message", "The platform could not be reached; Steward tries again: " + e.getMessage());
                store.move(job.executionId(), UnitJobState.SUBMITTING, UnitJobState.SUBMIT, values);
                return;
            }
            RemoteStatus status = e.kind() == PlatformException.Kind.UNAVAILABLE ? RemoteStatus.UNKNOWN
                    : RemoteStatus.FAILED;
            endFrom(job, UnitJobState.SUBMITTING, status, status, "Submitting to " + platform.endpoint()
                    + " failed: " + e.getMessage(), null, null);
            return;
        }
        RemoteJobState state = submission.state();
        executions.event(execution, "remote_job_submitted", "Submitted to " + platform.endpoint() + " as job "
                + submission.job().remoteJobId() + " (" + state.status().wire() + ")");
        if (state.status().terminal()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("remote_job_id", submission.job().remoteJobId());
            endFrom(job, UnitJobState.SUBMITTING, state.status(), state.status(), state.message(),
                    submission.results(), state.platformStatus());
            return;
        }
        Map<String, Object> values = released(interval, 0);
        values.put("remote_job_id", submission.job().remoteJobId());
        values.put("status", state.status().wire());
        values.put("platform_status", state.platformStatus());
        values.put("message", state.message());
        values.put("updated_at", clock.instant());
        if (!store.move(job.executionId(), UnitJobState.SUBMITTING, UnitJobState.TRACKING, values)) {
            LOG.warn("Unit job {} was deleted while it was being submitted; remote job {} stays on {}",
                    job.executionId(), submission.job().remoteJobId(), platform.endpoint());
        }
    }

    /** The statuses of a platform's tracked jobs, in one batch per caller token (all Steward's own here). */
    private void poll(List<UnitJob> jobs, Platform platform, CallerToken token) {
        Map<RemoteJobRef, UnitJob> byRef = new LinkedHashMap<>();
        jobs.forEach(job -> byRef.put(new RemoteJobRef(job.service(), job.remoteJobId()), job));
        Map<RemoteJobRef, RemoteJobState> states;
        Instant answered;
        try {
            states = platform.client().statuses(new ArrayList<>(byRef.keySet()), token);
            // The next poll is due an interval after the answers came, not after the writes that follow (many rows'
            // worth in a big batch); never sooner, so one job's polls stay that far apart.
            answered = clock.instant();
        } catch (PlatformException e) {
            for (UnitJob job : jobs) {
                try (var bound = CallerScope.bind(ExecutionQueue.engineCaller(job.tenant(), job.owner()))) {
                    release(job, "The platform could not be asked for the status: " + e.getMessage(),
                            job.pollFailures() + 1);
                }
            }
            return;
        }
        // Most polls change nothing: those rows are released together, per tenant.
        Map<String, List<String>> unchangedByTenant = new LinkedHashMap<>();
        byRef.forEach((ref, job) -> {
            RemoteJobState state = states.get(ref);
            if (state != null && unchanged(job, state)) {
                unchangedByTenant.computeIfAbsent(job.tenant(), t -> new ArrayList<>()).add(job.executionId());
                return;
            }
            try (var bound = CallerScope.bind(ExecutionQueue.engineCaller(job.tenant(), job.owner()))) {
                if (state == null) {
                    release(job, job.message(), job.pollFailures() + 1);
                } else {
                    observed(job, state, platform);
                }
            } catch (RuntimeException e) {
                LOG.warn("APEx poller could not record the status of unit job {}", job.executionId(), e);
            }
        });
        unchangedByTenant.forEach((tenant, ids) -> {
            String anyOwner = jobs.stream().filter(j -> j.tenant().equals(tenant)).findFirst().orElseThrow().owner();
            try (var bound = CallerScope.bind(ExecutionQueue.engineCaller(tenant, anyOwner))) {
                store.releaseAll(ids, owner, answered.plus(jittered(interval)), true);
            } catch (RuntimeException e) {
                LOG.warn("APEx poller could not record the statuses of {} unit jobs of tenant {}", ids.size(),
                        tenant, e);
            }
        });
    }

    /** The platform says what the row says, and the row has no failures to forget: nothing to write but the lease. */
    private static boolean unchanged(UnitJob job, RemoteJobState state) {
        return !state.status().terminal() && state.status() == job.status()
                && java.util.Objects.equals(state.platformStatus(), job.platformStatus())
                && java.util.Objects.equals(state.message(), job.message()) && job.pollFailures() == 0;
    }

    private void observed(UnitJob job, RemoteJobState state, Platform platform) {
        if (state.status() != job.status() || !java.util.Objects.equals(state.platformStatus(),
                job.platformStatus())) {
            executions.event(execution(job), "remote_job_status", "Remote job " + job.remoteJobId() + " is "
                    + state.status().wire() + (state.platformStatus() == null ? "" : " (" + state.platformStatus()
                    + ")") + (state.message() == null ? "" : ": " + state.message()));
        }
        if (!state.status().terminal()) {
            Map<String, Object> values = released(interval, 0);
            values.put("status", state.status().wire());
            values.put("platform_status", state.platformStatus());
            values.put("message", state.message());
            if (state.status() != job.status()) {
                values.put("updated_at", clock.instant());
            }
            store.update(job.executionId(), owner, values);
            return;
        }
        Map<String, Object> results = null;
        if (state.status() == RemoteStatus.FINISHED) {
            try {
                results = platform.client().results(new RemoteJobRef(job.service(), job.remoteJobId()),
                        tokens.of(job));
                executions.event(execution(job), "remote_job_results", "Results of remote job "
                        + job.remoteJobId() + " kept: STAC Collection " + results.get("id"));
            } catch (PlatformException e) {
                // Kept for later: GET /results asks the platform again.
                executions.event(execution(job), "remote_job_results", "Results of remote job " + job.remoteJobId()
                        + " could not be read yet: " + e.getMessage());
            }
        }
        endFrom(job, UnitJobState.TRACKING, state.status(), state.status(), state.message(), results,
                state.platformStatus());
    }

    private void cancel(UnitJob job, Platform platform) {
        if (job.state() == UnitJobState.TRACKING && !job.status().terminal()) {
            try {
                platform.client().cancel(new RemoteJobRef(job.service(), job.remoteJobId()), tokens.of(job));
            } catch (PlatformException e) {
                if (e.kind() == PlatformException.Kind.UNAVAILABLE) {
                    release(job, "Dismissing the remote job failed; Steward tries again: " + e.getMessage(),
                            job.pollFailures() + 1);
                    return;
                }
                executions.event(execution(job), "remote_job_cancel_failed", "The platform refused to dismiss"
                        + " remote job " + job.remoteJobId() + ": " + e.getMessage());
            }
            executions.event(execution(job), "remote_job_dismissed", "Remote job " + job.remoteJobId()
                    + " dismissed on " + platform.endpoint());
        }
        RemoteStatus status = job.state() == UnitJobState.SUBMITTING ? RemoteStatus.UNKNOWN : RemoteStatus.CANCELED;
        end(job, status, status, job.state() == UnitJobState.SUBMITTING
                ? "Cancelled while its submission's outcome was unknown; the platform may still have it"
                : "Cancelled");
    }

    private void end(UnitJob job, RemoteStatus status, RemoteStatus shown, String message) {
        endFrom(job, job.state(), status, shown, message, null, job.platformStatus());
    }

    /** Ends the row and its execution: finished → terminated, cancel requested → cancelled, else failed. */
    private void endFrom(UnitJob job, UnitJobState from, RemoteStatus status, RemoteStatus shown, String message,
                         Map<String, Object> results, String platformStatus) {
        Map<String, Object> values = released(interval, job.pollFailures());
        values.put("status", shown.wire());
        values.put("platform_status", platformStatus);
        values.put("message", message);
        values.put("updated_at", clock.instant());
        if (results != null) {
            values.put("results", json.write(results));
        }
        // The row and its execution end together: nobody sees one ended and the other not.
        boolean ended = executions.inOneTransaction(() -> {
            if (!store.move(job.executionId(), from, UnitJobState.ENDED, values)) {
                return false;
            }
            executions.end(job.executionId(), status == RemoteStatus.FINISHED ? Ending.SUCCEEDED : Ending.FAILED,
                    message == null ? "Remote job " + status.wire() : "Remote job " + status.wire() + ": " + message);
            return true;
        });
        if (ended) {
            store.committed();
        }
    }

    /** Gives the row up until its next poll; {@code failures} > 0 backs off exponentially, with jitter. */
    private void release(UnitJob job, String message, int failures) {
        Map<String, Object> values = released(failures > 0 ? backoff(failures) : interval, failures);
        values.put("message", message);
        store.update(job.executionId(), owner, values);
    }

    private Map<String, Object> released(Duration wait, int failures) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("lease_owner", null);
        values.put("lease_until", null);
        values.put("poll_failures", failures);
        values.put("next_poll_at", clock.instant().plus(jittered(wait)));
        return values;
    }

    private Duration backoff(int failures) {
        long factor = 1L << Math.min(failures, 16);
        Duration wait = interval.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /**
     * 50–70 % of {@code wait}: jobs submitted together do not stay in lockstep, and with the loop's tick (a tenth),
     * the submissions' share of a round (a tenth) and the round's own reads and writes (about a second for 10,000
     * jobs on two cores, measured) a job is polled again within the interval, so no status the API shows is older
     * than that.
     */
    private static Duration jittered(Duration wait) {
        double spread = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.2;
        return Duration.ofNanos((long) (wait.toNanos() * spread));
    }

    private Execution execution(UnitJob job) {
        return executions.find(job.executionId()).orElseThrow();
    }
}
