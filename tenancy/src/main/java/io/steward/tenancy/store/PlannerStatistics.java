package io.steward.tenancy.store;

import io.micronaut.context.annotation.Value;
import io.steward.tenancy.threads.BackgroundThreads;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps PostgreSQL's planner statistics of Steward's tables up to date while they are young and growing fast: a
 * table is {@code ANALYZE}d (in the background) each time the rows inserted through this server since the planner
 * last looked reach the number it then knew of (and at least {@value #MIN_ROWS}). That is a doubling, so it happens a
 * handful of times, then autovacuum's own thresholds come first.
 * <p>
 * Why: pgjdbc prepares hot statements on the server, and PostgreSQL keeps one generic plan per statement and
 * connection, planned from the statistics of that moment. On a new database that moment is its first seconds, when
 * the tables are nearly empty and every index looks as good as the primary key: an {@code UPDATE executions … WHERE
 * tenant_name = ? AND id = ?} was planned as a scan of the tenant's rows through another index and got slower with
 * every execution (1–3 ms each after 3,000, against 0.2 ms), until autovacuum analyzed the table a minute or more
 * later. An {@code ANALYZE} invalidates those plans, so the next execution plans again with the table's real shape.
 * On H2 this does nothing.
 */
@Singleton
public class PlannerStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(PlannerStatistics.class);
    static final long MIN_ROWS = 64;

    private final Database database;
    private final boolean enabled;
    private final ConcurrentHashMap<String, Growth> tables = new ConcurrentHashMap<>();
    // One ANALYZE at a time, off the request threads; its thread starts with the first ANALYZE.
    private final ExecutorService analyzer = Executors.newSingleThreadExecutor(
            BackgroundThreads.factory("steward-analyze"));

    PlannerStatistics(Database database, @Value("${steward.db.analyze-growing-tables:true}") boolean enabled) {
        this.database = database;
        this.enabled = enabled && database.dialect() == Dialect.POSTGRES;
    }

    /** {@code rows} were inserted into {@code table} (a name from code): may start an ANALYZE of it. */
    public void inserted(String table, int rows) {
        if (!enabled) {
            return;
        }
        Growth growth = tables.computeIfAbsent(table, t -> new Growth());
        if (growth.inserted.addAndGet(rows) >= growth.due && growth.checking.compareAndSet(false, true)) {
            try {
                analyzer.execute(() -> check(table, growth));
            } catch (RejectedExecutionException stopping) {
                growth.checking.set(false);
            }
        }
    }

    /** Reads what the planner knows of the table; analyzes it when the rows inserted since are as many. */
    private void check(String table, Growth growth) {
        try {
            long known = database.write(c -> {
                long planned = knownRows(c, table);
                if (growth.inserted.get() < Math.max(MIN_ROWS, planned)) {
                    return planned;
                }
                growth.inserted.set(0);
                try (var statement = c.createStatement()) {
                    statement.execute("ANALYZE " + table);
                }
                return knownRows(c, table);
            });
            growth.due = Math.max(MIN_ROWS, known);
        } catch (RuntimeException e) {
            // Not the owner of the table, or the server is stopping: autovacuum still analyzes, only later.
            LOG.debug("Could not analyze {}; autovacuum will", table, e);
            growth.due = Long.MAX_VALUE;
        } finally {
            growth.checking.set(false);
        }
    }

    /** The planner's row estimate of the table; 0 when never analyzed (PostgreSQL keeps -1 then). */
    private static long knownRows(Connection c, String table) throws SQLException {
        Long rows = Sql.queryOne(c, "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)",
                List.of(table), rs -> rs.getLong(1)).orElse(0L);
        return Math.max(0, rows);
    }

    @PreDestroy
    void stop() {
        analyzer.shutdownNow();
    }

    private static final class Growth {
        final AtomicLong inserted = new AtomicLong();
        final AtomicBoolean checking = new AtomicBoolean();
        volatile long due = MIN_ROWS;
    }
}
