package bench.peer;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The side-by-side peer of Steward's one-task benchmark: db-scheduler draining N bare one-time tasks (an empty body)
 * from PostgreSQL, in its lock-and-fetch mode ({@code FOR UPDATE SKIP LOCKED}). Prints one line:
 * {@code RESULT tasks=N seconds=S rate=R cpu_ms_per_task=C}, where C is the CPU time of this JVM and of the database's
 * backends (read from /proc: PostgreSQL must run on this host) per task, the figure to compare on a shared machine.
 * Arguments: jdbc url, user, N, threads.
 */
public final class DrainOneTimeTasks {

  private static final String SCHEMA = """
      CREATE TABLE scheduled_tasks (
        task_name TEXT NOT NULL,
        task_instance TEXT NOT NULL,
        task_data BYTEA,
        execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
        picked BOOLEAN NOT NULL,
        picked_by TEXT,
        last_success TIMESTAMP WITH TIME ZONE,
        last_failure TIMESTAMP WITH TIME ZONE,
        consecutive_failures INT,
        last_heartbeat TIMESTAMP WITH TIME ZONE,
        version BIGINT NOT NULL,
        priority SMALLINT,
        PRIMARY KEY (task_name, task_instance));
      CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
      CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
      """;

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    int tasks = Integer.parseInt(args[2]);
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 10;

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(threads + 4);
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS scheduled_tasks");
        statement.execute(SCHEMA);
        // Every task is due now; the rows are what db-scheduler's own schedule() writes for a Void one-time task.
        statement.execute("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
            + "SELECT 'bare', 'i' || g, now(), false, 1 FROM generate_series(1, " + tasks + ") g");
      }
      CountDownLatch done = new CountDownLatch(tasks);
      OneTimeTask<Void> bare = Tasks.oneTime("bare").execute((instance, context) -> done.countDown());
      Scheduler scheduler = Scheduler.create(dataSource, bare)
          .threads(threads)
          .pollUsingLockAndFetch(0.5, 1.0)
          .pollingInterval(Duration.ofMillis(100))
          .build();
      Map<Long, Long> backends0 = backendTicks(dataSource);
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      scheduler.start();
      boolean all = done.await(300, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long cpu1 = processCpuNanos();
      Map<Long, Long> backends1 = backendTicks(dataSource);
      scheduler.stop();
      long backendTicks = 0;
      for (Map.Entry<Long, Long> backend : backends1.entrySet()) {
        backendTicks += backend.getValue() - backends0.getOrDefault(backend.getKey(), 0L);
      }
      long drained = tasks - done.getCount();
      double cpuMs = (cpu1 - cpu0) / 1e6 + backendTicks * 10.0; // USER_HZ is 100 on Linux
      System.out.printf(Locale.ROOT, "RESULT tasks=%d seconds=%.2f rate=%.0f cpu_ms_per_task=%.3f%s%n", drained,
          seconds, drained / seconds, cpuMs / Math.max(drained, 1), all ? "" : " TIMED_OUT");
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** utime + stime (clock ticks) of every backend serving this database, by pid. */
  private static Map<Long, Long> backendTicks(HikariDataSource dataSource) throws Exception {
    Map<Long, Long> ticks = new HashMap<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet pids = statement.executeQuery(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
      while (pids.next()) {
        long pid = pids.getLong(1);
        try {
          String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (java.io.IOException gone) {
          // the backend ended between the query and the read
        }
      }
    }
    return ticks;
  }
}
