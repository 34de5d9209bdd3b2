package io.steward.dispatch.job;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micronaut.context.annotation.Value;
import io.steward.dispatch.DispatchException;
import io.steward.dispatch.DispatchException.Reason;
import io.steward.dispatch.describe.DescriptionSource;
import io.steward.dispatch.describe.ParameterValidation;
import io.steward.dispatch.describe.ProcessDescription;
import io.steward.dispatch.describe.ProcessDescriptions;
import io.steward.dispatch.describe.UnknownProcessException;
import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.Platforms.Platform;
import io.steward.dispatch.platform.ServiceRef;
import io.steward.dispatch.validation.FieldError;
import io.steward.tenancy.threads.BackgroundThreads;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks a job against its platform's process description before it is recorded: a process the platform does not
 * have, or parameters that do not fit its inputs, are refused at once (422 {@code VALIDATION_ERROR} naming the
 * field). Descriptions come from one {@link ProcessDescriptions} cache per platform client, so a job for a known
 * process makes no platform call; only a miss asks the platform, inside the request. A platform that cannot be asked
 * is no reason to refuse: the job is recorded unchecked and the platform judges it when it is submitted.
 */
@Singleton
public class ProcessChecks {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessChecks.class);

    private final Map<List<String>, ProcessDescriptions> byPlatform = new ConcurrentHashMap<>();
    private final ExecutorService refresher = Executors.newFixedThreadPool(2,
            BackgroundThreads.factory("steward-apex-descriptions"));
    private final ScheduledExecutorService periodic = Executors.newSingleThreadScheduledExecutor(
            BackgroundThreads.factory("steward-apex-descriptions-refresh"));
    private final Duration refreshAfter;
    private final Duration expireAfter;
    private final Duration unknownFor;

    ProcessChecks(@Value("${steward.apex.descriptions.refresh-after:5m}") Duration refreshAfter,
                  @Value("${steward.apex.descriptions.expire-after:1h}") Duration expireAfter,
                  @Value("${steward.apex.descriptions.unknown-for:1m}") Duration unknownFor) {
        this.refreshAfter = refreshAfter;
        this.expireAfter = expireAfter;
        this.unknownFor = unknownFor;
        long every = Math.max(1, refreshAfter.toMillis() / 2);
        periodic.scheduleWithFixedDelay(this::refreshStale, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        periodic.shutdownNow();
        refresher.shutdownNow();
    }

    /**
     * Refuses the job when its platform says the process does not exist or its parameters do not fit; each problem
     * is named at its place in the request body ({@code ["body", "parameters", name]}, or the service's application).
     */
    public void check(Platform platform, String label, ServiceRef service, Map<String, Object> parameters,
                      CallerToken caller) {
        check(platform, label, service, List.of(parameters == null ? Map.of() : parameters), caller);
    }

    /** As {@link #check(Platform, String, ServiceRef, Map, CallerToken)} for several jobs of one process at once. */
    public void check(Platform platform, String label, ServiceRef service, List<Map<String, Object>> parameterSets,
                      CallerToken caller) {
        ProcessDescription description;
        try {
            description = descriptions(platform, label).describe(service, caller);
        } catch (UnknownProcessException e) {
            throw new DispatchException(Reason.VALIDATION, "Request validation failed", List.of(
                    FieldError.typed("value_error", "Value error, " + e.getMessage(), "service", "application")
                            .pydantic("body")));
        } catch (PlatformException e) {
            LOG.debug("The process description of {} could not be had; the job is recorded unchecked", service, e);
            return;
        }
        Map<String, Map<String, Object>> errors = new LinkedHashMap<>();
        for (Map<String, Object> parameters : parameterSets) {
            for (FieldError error : ParameterValidation.validate(description, parameters)) {
                errors.putIfAbsent(error.field(), error.pydantic("body"));
            }
        }
        if (!errors.isEmpty()) {
            throw new DispatchException(Reason.VALIDATION, "Request validation failed",
                    new ArrayList<>(errors.values()));
        }
    }

    /** Forgets the description, e.g. after the platform refused a job it allowed. */
    void invalidate(Platform platform, String label, ServiceRef service) {
        descriptions(platform, label).invalidate(service);
    }

    private ProcessDescriptions descriptions(Platform platform, String label) {
        return byPlatform.computeIfAbsent(List.of(platform.endpoint(), label), key -> new ProcessDescriptions(
                DescriptionSource.of(platform.client()), refreshAfter, expireAfter, unknownFor, refresher,
                Ticker.systemTicker()));
    }

    private void refreshStale() {
        try {
            byPlatform.values().forEach(ProcessDescriptions::refreshStale);
        } catch (RuntimeException e) {
            LOG.warn("Refreshing the platforms' process descriptions failed; the next run tries again", e);
        }
    }
}
