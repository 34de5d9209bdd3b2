package io.steward.ogc.process;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.steward.engine.event.EventLog;
import io.steward.ogc.process.JobStore.DueCallback;
import io.steward.tenancy.member.SystemRole;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.threads.BackgroundThreads;
import io.steward.tenancy.threads.LoopHeartbeats;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Calls back a job's subscriber (OGC callback class): {@code inProgressUri} with the statusInfo once the job runs,
 * {@code successUri} with the results document when it succeeds, {@code failedUri} with the statusInfo when it
 * fails or is dismissed. Delivery is durable and at least once: what the subscriber was told is kept in the job row,
 * every engine-running node polls for notifications that are due (so jobs accepted before a restart, or on another
 * node, are called back), and each delivery is claimed with a compare-and-set on the row so one node sends it. A
 * failed delivery (no answer, or not 2xx) is retried with doubling delays; after {@code callback-attempts} tries it
 * is given up with a warning and a {@code ogc_callback_failed} event on the job's execution. A node that dies
 * between sending and recording may have the notification sent again by another.
 */
@Context
@Requires(property = "steward.engine.enabled", notEquals = "false")
public class JobCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(JobCallbacks.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Longer than one delivery can take, so a live node's claim never lapses mid-delivery. */
    private static final Duration CLAIM = REQUEST_TIMEOUT.plusSeconds(30);
    private static final int BATCH = 100;

    private final Provider<Jobs> jobs;
    private final JobStore store;
    private final Provider<CallbackPayloads> payloads;
    private final EventLog events;
    private final Clock clock;
    private final Duration retryBase;
    private final int attempts;
    /** Made on the first delivery: a JDK client sets up TLS and a selector thread, which a start need not pay. */
    private volatile HttpClient http;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            BackgroundThreads.factory("steward-ogc-callbacks"));
    private final ExecutorService senders = Executors.newFixedThreadPool(4,
            BackgroundThreads.factory("steward-ogc-callback-send"));

    JobCallbacks(Provider<Jobs> jobs, JobStore store, Provider<CallbackPayloads> payloads, EventLog events,
                 Clock clock, LoopHeartbeats heartbeats,
                 @Value("${steward.ogcapi.callback-poll:500ms}") Duration poll,
                 @Value("${steward.ogcapi.callback-retry-base:4s}") Duration retryBase,
                 @Value("${steward.ogcapi.callback-attempts:5}") int attempts) {
        this.jobs = jobs;
        this.store = store;
        this.payloads = payloads;
        this.events = events;
        this.clock = clock;
        this.retryBase = retryBase;
        this.attempts = Math.max(1, attempts);
        LoopHeartbeats.Heartbeat heartbeat = heartbeats.register("ogc-callbacks", poll);
        timer.scheduleWithFixedDelay(BackgroundThreads.round("the OGC callback sender", () -> {
                    heartbeat.beat();
                    deliverDue();
                }),
                poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: claims each due notification and hands it to a sender thread. */
    private void deliverDue() {
        try {
            Instant now = clock.instant();
            for (DueCallback due : store.dueCallbacksAcrossTenants(now, BATCH)) {
                String claim = UUID.randomUUID().toString();
                boolean claimed;
                try (var bound = CallerScope.bind(callerFor(due))) {
                    claimed = store.claimCallback(due, claim, now, now.plus(CLAIM));
                }
                if (claimed) {
                    senders.execute(() -> deliver(due, claim));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Looking for due OGC callbacks failed: {}; trying again next round", e.toString());
        }
    }

    private void deliver(DueCallback due, String claim) {
        try (var bound = CallerScope.bind(callerFor(due))) {
            Job job;
            try {
                job = jobs.get().get(due.id());
            } catch (ProcessException e) {
                return; // Dismissed and removed since: nothing more to tell, and no row to record it in.
            }
            JobStatus status = job.status();
            if (status == JobStatus.ACCEPTED) {
                store.callbackFailed(job.id(), claim, due.attempts(), clock.instant()); // nothing to tell yet
                return;
            }
            ExecuteRequest.Subscriber subscriber = job.request().subscriber();
            URI uri;
            String body;
            if (status == JobStatus.SUCCESSFUL) {
                uri = subscriber.successUri();
                body = uri == null ? null : payloads.get().results(job, jobs.get().results(job.id()), due.root());
            } else {
                uri = status.isFinal() ? subscriber.failedUri() : subscriber.inProgressUri();
                body = uri == null ? null : payloads.get().statusInfo(job, due.root());
            }
            String failure = uri == null ? null : post(uri, body);
            if (failure == null) {
                store.callbackSettled(job.id(), claim, status);
            } else if (due.attempts() + 1 < attempts) {
                Duration delay = retryBase.multipliedBy(1L << Math.min(due.attempts(), 20));
                LOG.info("Callback of job {} ({}) to {} failed: {}; retrying in {} ms", job.id(), status.wire(), uri,
                        failure, delay.toMillis());
                store.callbackFailed(job.id(), claim, due.attempts() + 1, clock.instant().plus(delay));
            } else {
                giveUp(job, status, uri, failure);
                store.callbackSettled(job.id(), claim, status);
            }
        } catch (RuntimeException e) {
            LOG.warn("Callback of job {} could not be delivered: {}; another round will try again once the claim"
                    + " lapses", due.id(), e.toString());
        }
    }

    private void giveUp(Job job, JobStatus status, URI uri, String failure) {
        String message = "Callback of OGC job " + job.id() + " (" + status.wire() + ") to " + uri + " given up after "
                + attempts + " attempts; last: " + failure;
        LOG.warn(message);
        var execution = job.execution();
        events.failure(execution.eventContext(), "ogc_callback_failed", message, "CallbackDeliveryFailed", failure);
    }

    /** POSTs {@code body}; null when the subscriber took it (2xx), else what went wrong. */
    private String post(URI uri, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            int status = http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "answered " + status;
        } catch (java.io.IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private HttpClient http() {
        HttpClient made = http;
        if (made == null) {
            synchronized (this) {
                made = http;
                if (made == null) {
                    made = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    http = made;
                }
            }
        }
        return made;
    }

    /** The job's creator in its tenant, with the rights the engine acts with on a tenant's behalf. */
    private static Caller callerFor(DueCallback due) {
        return new Caller(due.createdBy(), SystemRole.DEFAULT, due.tenant(), TenantRole.MANAGER);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        senders.shutdownNow();
    }
}
