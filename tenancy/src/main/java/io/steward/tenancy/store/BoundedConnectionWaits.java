package io.steward.tenancy.store;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Two waits for a pooled connection: the pool's own ({@code connection-timeout}, 30 s) for the engine and other
 * background work while the pool is merely busy, and {@code steward.db.request-connection-timeout}
 * (1 s) for request threads ({@link BriefConnectionWait}) and for everyone while the database is known to be
 * unreachable ({@link DatabaseReachability}), so that requests answer 503 at once instead of hanging. Wraps the
 * pool before Micronaut Data's transaction-aware proxy does (highest precedence), so the proxy's connections come
 * from here.
 */
@Singleton
class BoundedConnectionWaits implements BeanCreatedEventListener<DataSource>, Ordered {
    private final Duration briefWait;
    private final BeanProvider<BriefConnectionWait> brief;
    private final DatabaseReachability reachability;

    BoundedConnectionWaits(@Value("${steward.db.request-connection-timeout:1s}") Duration briefWait,
                           BeanProvider<BriefConnectionWait> brief, DatabaseReachability reachability) {
        this.briefWait = briefWait;
        this.brief = brief;
        this.reachability = reachability;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        return event.getBean() instanceof HikariDataSource pool ? new BoundedWaitDataSource(pool) : event.getBean();
    }

    private boolean waitBriefly() {
        return !reachability.reachable() || brief.isPresent() && brief.get().appliesToCurrentThread();
    }

    /** Not a {@code DelegatingDataSource} on purpose: Micronaut Data unwraps those and would bypass the waits. */
    private final class BoundedWaitDataSource implements DataSource {
        private final HikariDataSource pool;

        BoundedWaitDataSource(HikariDataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            try {
                Connection connection = pool.getHikariPoolMXBean() instanceof HikariPool hikari
                        ? (waitBriefly() ? hikari.getConnection(briefWait.toMillis()) : patiently(hikari))
                        : pool.getConnection();
                reachability.connected();
                return connection;
            } catch (SQLException e) {
                if (DatabaseUnreachable.explains(e)) {
                    reachability.failedToConnect(e);
                }
                throw e;
            }
        }

        /**
         * The pool's whole wait while the pool is only busy, but not while the database refuses connections: Hikari
         * then names its last failure to connect as the cause of a timeout, and waiting on would only delay the
         * news (an engine write that waits the outage out would sit in one 30 s wait instead of retrying).
         */
        private Connection patiently(HikariPool hikari) throws SQLException {
            long deadline = System.nanoTime() + Duration.ofMillis(pool.getConnectionTimeout()).toNanos();
            while (true) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                try {
                    return hikari.getConnection(Math.min(briefWait.toMillis(), left));
                } catch (SQLTransientConnectionException e) {
                    if (e.getCause() != null || System.nanoTime() - deadline >= 0) {
                        throw e;
                    }
                }
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return pool.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return type.isInstance(this) || pool.isWrapperFor(type);
        }
    }
}
