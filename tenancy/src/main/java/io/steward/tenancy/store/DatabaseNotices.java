package io.steward.tenancy.store;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.steward.tenancy.threads.BackgroundThreads;
import io.steward.tenancy.threads.LoopHeartbeats;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Short notices between the servers of a cluster through PostgreSQL's {@code LISTEN/NOTIFY}: delivered to every
 * listening server once the sending transaction commits, within milliseconds, and lost when no one listens (so they
 * only ever speed up what polling would do anyway). On H2, the single-server database, there is no one to tell:
 * {@link #publish} does nothing and {@link #listen} returns false.
 */
@Singleton
public class DatabaseNotices {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseNotices.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_]{1,63}");
    private static final int WAIT_MILLIS = 500;

    private final Database database;
    private final DataSource dataSource;
    private final LoopHeartbeats heartbeats;
    private volatile boolean closed;

    DatabaseNotices(Database database, DataSource dataSource, LoopHeartbeats heartbeats) {
        this.database = database;
        this.heartbeats = heartbeats;
        // The listening connection lives outside any transaction.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Whether notices travel between servers here (PostgreSQL), rather than only by polling. */
    public boolean delivered() {
        return database.dialect() == Dialect.POSTGRES;
    }

    /** Sends {@code payload} on {@code channel} when the surrounding transaction (or this call) commits. */
    public void publish(String channel, String payload) {
        if (!delivered()) {
            return;
        }
        database.write(c -> Sql.query(c, "SELECT pg_notify(?, ?)", List.of(requireChannel(channel), payload),
                rs -> rs.getString(1)));
    }

    /**
     * Calls {@code handler} with each notice's payload on {@code channel}, on a daemon thread that holds one
     * connection, reconnecting after a failure, until this bean closes. Returns false (and does nothing) on H2.
     */
    public boolean listen(String channel, Consumer<String> handler) {
        if (!delivered()) {
            return false;
        }
        String checked = requireChannel(channel);
        // A round is one wait for notices, or one pause before listening again after a failure.
        LoopHeartbeats.Heartbeat heartbeat = heartbeats.register("notices-" + checked, Duration.ofSeconds(1));
        BackgroundThreads.daemon("steward-notices-" + checked, () -> {
            try {
                listenUntilClosed(checked, handler, heartbeat);
            } finally {
                if (closed) {
                    heartbeats.forget(heartbeat);
                }
            }
        }).start();
        return true;
    }

    private void listenUntilClosed(String channel, Consumer<String> handler, LoopHeartbeats.Heartbeat heartbeat) {
        while (!closed) {
            heartbeat.beat();
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                connection.createStatement().execute("LISTEN " + channel);
                PGConnection notices = connection.unwrap(PGConnection.class);
                while (!closed) {
                    heartbeat.beat();
                    PGNotification[] received = notices.getNotifications(WAIT_MILLIS);
                    for (PGNotification notice : received == null ? new PGNotification[0] : received) {
                        deliver(handler, notice.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (DatabaseUnreachable.explains(e)) { // an outage: one line each second, not a stack trace
                    LOG.warn("Listening on '{}' failed, database unreachable; polling covers meanwhile, listening"
                            + " again in 1 s: {}", channel, e.getMessage());
                } else {
                    LOG.warn("Listening on '{}' failed; polling covers meanwhile, listening again in 1 s", channel, e);
                }
                pause();
            }
        }
    }

    private static void deliver(Consumer<String> handler, String payload) {
        try {
            handler.accept(payload);
        } catch (RuntimeException e) {
            LOG.warn("A notice could not be handled: {}", payload, e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static String requireChannel(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("Not a channel name: " + channel);
        }
        return channel;
    }

    @PreDestroy
    void close() {
        closed = true;
    }
}
