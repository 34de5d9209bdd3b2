package io.steward.api.cloudify;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.sse.Event;
import io.steward.api.cloudify.wire.EventWire;
import io.steward.engine.deployment.DeploymentService;
import io.steward.engine.event.EventFilter;
import io.steward.engine.event.EventLog;
import io.steward.engine.execution.ExecutionQueries;
import io.steward.engine.execution.ExecutionStatus;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.store.ListQuery;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /events/stream}: one execution's (or one deployment's) events as Server-Sent Events, each with its
 * storage id as the SSE {@code id}, so a client that reconnects with {@code Last-Event-ID} gets exactly the events
 * after the last one it saw. The events are read as {@code GET /events} reads them, in the caller's tenant and
 * visibility. The stream ends, with an {@code end} event, once the execution has ended (for a deployment: once none
 * of its executions is unfinished) and every event it wrote was sent.
 * <p>
 * Backpressure: events are read in batches of {@value #BATCH}, and the next batch is read only once the client has
 * taken the last one, so a slow client holds at most two batches in memory. Events carry no database notice, so
 * while nothing new is written the stream reads again every {@code steward.events.stream-poll} (250 ms); the reads
 * run off the event loop and hold no thread while waiting.
 */
@Singleton
class EventStream {
    static final int BATCH = 100;
    private static final Set<String> PARAMETERS = Set.of("execution_id", "deployment_id");
    private static final List<String> UNFINISHED = java.util.Arrays.stream(ExecutionStatus.values())
            .filter(s -> !s.isEnd()).map(ExecutionStatus::wire).toList();

    private final EventLog events;
    private final ExecutionQueries executions;
    private final DeploymentService deployments;
    private final Duration poll;
    private final Scheduler reads = Schedulers.boundedElastic();

    EventStream(EventLog events, ExecutionQueries executions, DeploymentService deployments,
                @Value("${steward.events.stream-poll:250ms}") Duration poll) {
        this.events = events;
        this.executions = executions;
        this.deployments = deployments;
        this.poll = poll;
    }

    /** What the request asks to follow, checked before the stream starts (400 or 404 as Cloudify renders them). */
    record Target(String field, String id, long after) {
    }

    Target target(HttpParameters parameters, String lastEventId) {
        for (String name : parameters.names()) {
            if (!PARAMETERS.contains(name)) {
                throw new InvalidInputException("Unknown parameter of the event stream: " + name
                        + ". Allowed values: " + PARAMETERS.stream().sorted().toList());
            }
            if (parameters.getAll(name).size() != 1) {
                throw new InvalidInputException(name + " must be given once");
            }
        }
        String execution = parameters.get("execution_id");
        String deployment = parameters.get("deployment_id");
        if ((execution == null) == (deployment == null)) {
            throw new InvalidInputException("The event stream follows one execution or one deployment: give"
                    + " execution_id or deployment_id");
        }
        long after = lastEventId(lastEventId);
        if (execution != null) {
            executions.referenced(execution);
            return new Target("execution_id", execution, after);
        }
        deployments.get(deployment);
        return new Target("deployment_id", deployment, after);
    }

    private static long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            long id = Long.parseLong(header.trim());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Last-Event-ID must be the id of an event this stream sent, got `"
                    + header + "`");
        }
    }

    /** The stream of {@code target}'s events, read as {@code caller}. */
    Publisher<Event<Map<String, Object>>> stream(Target target, Caller caller) {
        Cursor cursor = new Cursor(target, caller);
        Flux<Batch> batches = Mono.fromCallable(cursor::next).subscribeOn(reads)
                .repeatWhen(done -> done.concatMap(x -> cursor.caughtUp ? Mono.delay(poll) : Mono.just(0L)))
                .takeUntil(batch -> batch.last);
        return batches.concatMapIterable(Batch::events, 1)
                .concatWith(Mono.fromSupplier(() -> Event.of(end(target)).name("end")));
    }

    private static Map<String, Object> end(Target target) {
        Map<String, Object> end = new LinkedHashMap<>();
        end.put(target.field(), target.id());
        end.put("reason", target.field().equals("execution_id") ? "the execution ended"
                : "no execution of the deployment is unfinished");
        return end;
    }

    /** One read: the events after the cursor, and whether they are the last the stream sends. */
    private record Batch(List<Event<Map<String, Object>>> events, boolean last) {
    }

    /** Where one stream is: the last event sent, and whether the last read found nothing new. */
    private final class Cursor {
        private final Target target;
        private final Caller caller;
        private long after;
        private volatile boolean caughtUp;

        Cursor(Target target, Caller caller) {
            this.target = target;
            this.caller = caller;
            this.after = target.after();
        }

        Batch next() {
            try (var bound = CallerScope.bind(caller)) {
                // Whether it has ended is read before the events: an ended execution writes no more, so once the
                // events read after that come back short, there is nothing left to send.
                boolean ended = ended();
                var page = events.list(EventFilter.after(after), new ListQuery(
                        Map.of(target.field(), List.of(target.id())),
                        List.of(new ListQuery.SortKey("_storage_id", false)), BATCH, 0, false));
                List<Event<Map<String, Object>>> rendered = page.items().stream()
                        .map(e -> Event.of(EventWire.render(e)).id(String.valueOf(e.storageId()))).toList();
                if (!page.items().isEmpty()) {
                    after = page.items().get(page.items().size() - 1).storageId();
                }
                caughtUp = page.items().size() < BATCH;
                return new Batch(rendered, ended && caughtUp);
            }
        }

        private boolean ended() {
            if (target.field().equals("execution_id")) {
                return executions.get(target.id()).status().isEnd();
            }
            return executions.list(new ListQuery(Map.of("deployment_id", List.of(target.id()),
                    "status", UNFINISHED), List.of(), 1, 0, false), true).total() == 0;
        }
    }
}
