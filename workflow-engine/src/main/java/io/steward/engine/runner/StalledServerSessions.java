package io.steward.engine.runner;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.steward.tenancy.store.Dialect;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * On PostgreSQL, a server that stalls inside a transaction (a frozen VM, a stopped process, a long GC pause) must not
 * hold its row locks for as long as it stalls: the server taking its executions over would wait on those rows, its
 * whole engine loop with it, and its own heartbeats would go stale in turn. So every session of this server is ended
 * by PostgreSQL once it sits idle in a transaction for half of {@code steward.engine.takeover-after} (at least a
 * second): its uncommitted writes roll back, and the takeover goes on. Steward's transactions only ever wait for the
 * database, so a live server never idles in one that long. Each session also names its server
 * ({@code steward <node-id>} in {@code pg_stat_activity.application_name}) unless the URL or the pool's properties
 * already name one.
 */
@Singleton
class StalledServerSessions implements BeanCreatedEventListener<DatasourceConfiguration> {
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private final Duration idleInTransaction;
    private final String applicationName;

    StalledServerSessions(@Value("${steward.engine.takeover-after:12s}") Duration takeoverAfter,
                          RunnerIdentity identity) {
        Duration half = takeoverAfter.dividedBy(2);
        this.idleInTransaction = half.compareTo(SHORTEST) < 0 ? SHORTEST : half;
        this.applicationName = "steward " + identity.nodeId();
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        String url = config.getUrl();
        if (Dialect.ofJdbcUrl(url) != Dialect.POSTGRES) {
            return config; // H2 lives in this one process: no other server waits on its locks
        }
        String timeout = "SET idle_in_transaction_session_timeout = " + idleInTransaction.toMillis();
        String configured = config.getConnectionInitSql();
        config.setConnectionInitSql(configured == null || configured.isBlank() ? timeout
                : configured + "; " + timeout);
        if (!url.contains("ApplicationName=") && !config.getDataSourceProperties().containsKey("ApplicationName")) {
            config.addDataSourceProperty("ApplicationName", applicationName);
        }
        return config;
    }
}
