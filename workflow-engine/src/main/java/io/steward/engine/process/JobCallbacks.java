package io.steward.engine.process;

import io.micronaut.context.annotation.Value;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Calls back a job's subscriber (OGC callback class): {@code inProgressUri} with the statusInfo once the job runs,
 * {@code successUri} with the results document when it succeeds, {@code failedUri} with the statusInfo when it
 * fails. The node that accepted the job watches it by polling its status, so callbacks work whichever node runs
 * it; they run on their own threads and never hold up the engine. A delivery that fails is logged, not retried.
 * Jobs accepted before a restart are not watched after it.
 */
@Singleton
public class JobCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(JobCallbacks.class);

    private final Provider<Jobs> jobs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "steward-ogc-callbacks");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Watch> watched = new ConcurrentHashMap<>();

    JobCallbacks(Provider<Jobs> jobs, @Value("${steward.ogcapi.callback-poll:100ms}") Duration poll) {
        this.jobs = jobs;
        timer.scheduleWithFixedDelay(this::checkAll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static final class Watch {
        final Caller caller;
        final ExecuteRequest.Subscriber subscriber;
        final CallbackPayloads payloads;
        boolean runningSent;

        Watch(Caller caller, ExecuteRequest.Subscriber subscriber, CallbackPayloads payloads) {
            this.caller = caller;
            this.subscriber = subscriber;
            this.payloads = payloads;
        }
    }

    void watch(Job job, CallbackPayloads payloads) {
        if (job.request().subscriber() != null) {
            watched.put(job.id(), new Watch(CallerScope.current(), job.request().subscriber(), payloads));
        }
    }

    private void checkAll() {
        watched.forEach((id, watch) -> {
            try (var bound = CallerScope.bind(watch.caller)) {
                check(id, watch);
            } catch (RuntimeException e) {
                // The job is gone (dismissed and removed, or its execution deleted): nothing more to say.
                LOG.debug("Stopped watching job {} for callbacks: {}", id, e.getMessage());
                watched.remove(id);
            }
        });
    }

    private void check(String id, Watch watch) {
        Job job = jobs.get().get(id);
        if (!watch.runningSent && job.status() != JobStatus.ACCEPTED) {
            watch.runningSent = true;
            if (job.status() == JobStatus.RUNNING) {
                post(watch.subscriber.inProgressUri(), watch.payloads.statusInfo(job), id);
            }
        }
        if (!job.status().isFinal()) {
            return;
        }
        watched.remove(id);
        if (job.status() == JobStatus.SUCCESSFUL) {
            post(watch.subscriber.successUri(), watch.payloads.results(job, jobs.get().results(id)), id);
        } else {
            post(watch.subscriber.failedUri(), watch.payloads.statusInfo(job), id);
        }
    }

    private void post(URI uri, String body, String jobId) {
        if (uri == null) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                LOG.warn("Callback for job {} to {} failed: {}; it is not retried", jobId, uri, error.toString());
            } else if (response.statusCode() >= 300) {
                LOG.warn("Callback for job {} to {} answered {}; it is not retried", jobId, uri,
                        response.statusCode());
            }
        });
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
