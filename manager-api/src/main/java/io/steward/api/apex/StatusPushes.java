package io.steward.api.apex;

import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.steward.api.security.QueryTokenCallers;
import io.steward.dispatch.DispatchException;
import io.steward.dispatch.job.DispatchChanges;
import io.steward.tenancy.error.StewardException;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The APEx WebSockets' pushes. A socket is accepted first (as the reference does), then, off the event loop, its
 * {@code token} query parameter identifies the caller: missing or refused, the socket is closed with 1008. It gets
 * {@code init}, {@code loading} and a first {@code status}; after that a {@code status} each time what it shows
 * changes: at once when this server records a change ({@link DispatchChanges}), and otherwise at most
 * {@code interval} seconds late (what other servers of a cluster changed is seen by re-reading at that interval;
 * an unchanged answer is not sent again). A read that fails sends {@code error} and closes with 1011.
 */
@Singleton
class StatusPushes {
    static final int DEFAULT_INTERVAL = 10;
    private static final int MAX_INTERVAL = 3600;
    private static final Logger LOG = LoggerFactory.getLogger(StatusPushes.class);

    private final QueryTokenCallers callers;
    private final DispatchChanges changes;
    private final JsonMapper json;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "apex-status-push");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Push> pushes = new ConcurrentHashMap<>();

    StatusPushes(QueryTokenCallers callers, DispatchChanges changes, JsonMapper json) {
        this.callers = callers;
        this.changes = changes;
        this.json = json;
    }

    /**
     * Starts pushing to {@code session} what {@code read} answers for the caller; {@code extra} goes into every
     * message (the upscale socket's {@code task_id}).
     */
    void open(WebSocketSession session, Map<String, Object> extra, java.util.function.Function<Caller,
            Supplier<Object>> reader) {
        var parameters = session.getRequestParameters();
        String token = parameters.get("token");
        if (token == null || token.isBlank()) {
            session.close(new CloseReason(CloseReason.POLICY_VIOLATION.getCode(), "Missing token"));
            return;
        }
        executor.execute(() -> start(session, token, parameters.get("interval"), extra, reader));
    }

    void close(WebSocketSession session) {
        Push push = pushes.remove(session.getId());
        if (push != null) {
            push.stop();
        }
    }

    private void start(WebSocketSession session, String token, String interval, Map<String, Object> extra,
                       java.util.function.Function<Caller, Supplier<Object>> reader) {
        Caller caller;
        try {
            caller = callers.caller(token, null);
        } catch (StewardException e) {
            send(session, message("error", null, "Authentication failed: " + e.getMessage(), extra));
            session.close(new CloseReason(CloseReason.POLICY_VIOLATION.getCode(), "Invalid token"));
            return;
        }
        int seconds;
        Supplier<Object> read;
        try {
            seconds = interval == null ? DEFAULT_INTERVAL
                    : ApexBodies.queryInt("interval", interval, 1, MAX_INTERVAL);
            try (var bound = CallerScope.bind(caller)) {
                read = reader.apply(caller);
            }
        } catch (DispatchException e) {
            send(session, message("error", null, e.getMessage(), extra));
            session.close(new CloseReason(CloseReason.POLICY_VIOLATION.getCode(), "Bad request"));
            return;
        }
        Push push = new Push(session, caller, read, extra);
        pushes.put(session.getId(), push);
        send(session, message("init", null, "Connected; status follows on every change", extra));
        send(session, message("loading", null, "Loading status", extra));
        push.refresh();
        push.listening = changes.listen(push::refresh);
        push.tick = executor.scheduleWithFixedDelay(push::refresh, seconds, seconds, TimeUnit.SECONDS);
        if (!session.isOpen()) {
            close(session); // closed while it was set up: @OnClose may have run before it was registered
        }
    }

    private Map<String, Object> message(String type, Object data, String text, Map<String, Object> extra) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.putAll(extra);
        message.put("data", data);
        message.put("message", text);
        return message;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void send(WebSocketSession session, Map<String, Object> message) {
        if (session.isOpen()) {
            session.sendAsync(write(message));
        }
    }

    /** One socket's pushes: at most one read queued at a time, however many changes come meanwhile. */
    private final class Push {
        private final WebSocketSession session;
        private final Caller caller;
        private final Supplier<Object> read;
        private final Map<String, Object> extra;
        private final AtomicBoolean queued = new AtomicBoolean();
        private volatile String lastSent;
        private volatile AutoCloseable listening;
        private volatile ScheduledFuture<?> tick;
        private volatile boolean stopped;

        Push(WebSocketSession session, Caller caller, Supplier<Object> read, Map<String, Object> extra) {
            this.session = session;
            this.caller = caller;
            this.read = read;
            this.extra = extra;
        }

        void refresh() {
            if (stopped || !queued.compareAndSet(false, true)) {
                return;
            }
            executor.execute(() -> {
                queued.set(false);
                if (stopped || !session.isOpen()) {
                    return;
                }
                try {
                    Object data;
                    try (var bound = CallerScope.bind(caller)) {
                        data = read.get();
                    }
                    String body = write(message("status", data, null, extra));
                    if (!body.equals(lastSent)) {
                        lastSent = body;
                        session.sendAsync(body);
                    }
                } catch (RuntimeException e) {
                    LOG.debug("A status push failed", e);
                    send(session, message("error", null, e.getMessage(), extra));
                    stop();
                    session.close(new CloseReason(CloseReason.INTERNAL_ERROR.getCode(), "Error"));
                }
            });
        }

        void stop() {
            stopped = true;
            ScheduledFuture<?> scheduled = tick;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            AutoCloseable listener = listening;
            if (listener != null) {
                try {
                    listener.close();
                } catch (Exception e) {
                    LOG.debug("Could not stop listening", e);
                }
            }
        }
    }

    @PreDestroy
    void shutdown() {
        pushes.values().forEach(Push::stop);
        executor.shutdownNow();
    }

}
