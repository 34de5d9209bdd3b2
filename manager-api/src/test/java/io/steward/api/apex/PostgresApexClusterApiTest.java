package io.steward.api.apex;

import io.steward.api.support.Await;
import io.steward.api.support.ServerProcess;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Steward server processes on one PostgreSQL database dispatching to one OGC platform: each remote job is polled
 * by one server at a time (a lease on its row), and the jobs a server holds when it dies are taken over by the other
 * once its leases run out, without anything being submitted twice. Each server calls the platform with its own
 * bearer token, so the platform can tell who polled. Separate processes (as in the engine's cluster test), so the
 * clock is the real one: short intervals, and assertions on the order of events rather than on exact times.
 */
class PostgresApexClusterApiTest {
    private static final Duration POLL = Duration.ofMillis(300);
    /** Long enough that the stuck round's leases are still held when the test has seen it and kills the server. */
    private static final Duration LEASE = Duration.ofSeconds(8);
    /** The poller waits 50–70 % of the interval between two polls of a job (jitter). */
    private static final Duration SHORTEST_GAP = Duration.ofMillis(POLL.toMillis() * 5 / 10);
    private static final int JOBS = 24;

    private final List<ServerProcess> nodes = new ArrayList<>();
    private FakeOgcPlatform platform;
    private Map<String, Object> database;

    @BeforeEach
    void setUp() {
        database = TestDatabase.postgres();
        platform = new FakeOgcPlatform();
    }

    @AfterEach
    void tearDown() {
        nodes.forEach(ServerProcess::close);
        platform.close();
    }

    @Test
    void each_remote_job_is_polled_by_one_server_at_a_time_and_a_dead_servers_jobs_are_taken_over_once_its_leases_end()
            throws Exception {
        ServerProcess a = node("apex-a");
        ServerProcess b = node("apex-b");
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            var created = (i % 2 == 0 ? a : b).admin().post("/apex/unit_jobs", job());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.add(created.json().get("id"));
        }
        Await.until("every job submitted and polled five times", Duration.ofSeconds(60),
                () -> pollsPerJob(platform.polls).values().stream().mapToLong(List::size).min().orElse(0),
                fewest -> platform.statuses.size() == JOBS && pollsPerJob(platform.polls).size() == JOBS
                        && fewest >= 5);

        // One server at a time: a second server polling a job the first holds would show as two polls closer
        // together than the poller ever schedules them.
        for (var entry : pollsPerJob(platform.polls).entrySet()) {
            List<FakeOgcPlatform.Poll> polls = entry.getValue();
            for (int i = 1; i < polls.size(); i++) {
                assertThat(Duration.between(polls.get(i - 1).at(), polls.get(i).at()))
                        .as("time between polls %d and %d of %s (by %s, then %s)", i, i + 1, entry.getKey(),
                                polls.get(i - 1).authorization(), polls.get(i).authorization())
                        .isGreaterThanOrEqualTo(SHORTEST_GAP.minusMillis(20));
            }
        }
        assertThat(platform.polls.stream().map(FakeOgcPlatform.Poll::authorization).collect(Collectors.toSet()))
                .as("servers that polled").containsExactlyInAnyOrder("Bearer apex-a", "Bearer apex-b");

        // Server A gets stuck in a round (the platform holds its status requests) and is killed there: the rows it
        // leased for that round stay leased by a server that no longer exists.
        platform.holdPollsFrom = "Bearer apex-a";
        Await.until("server A to be stuck polling", Duration.ofSeconds(30), () -> platform.heldPolls.size(),
                held -> held > 0);
        String deadOwner = leaseOwnerOf(platform.heldPolls.iterator().next());
        Await.until("every status request of the stuck round to reach the platform", Duration.ofSeconds(30),
                () -> Set.copyOf(platform.heldPolls), arrived -> {
                    try {
                        return arrived.containsAll(leasedBy(deadOwner));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
        a.kill();
        Instant killedAt = Instant.now();
        Set<String> held = Set.copyOf(platform.heldPolls);
        Map<String, Instant> leasedUntil = leasesOf(held);
        assertThat(leasedUntil.keySet()).as("jobs leased by the dead server").isEqualTo(held)
                .isEqualTo(leasedBy(deadOwner));
        leasedUntil.values().forEach(until -> assertThat(until).isAfter(killedAt.minusMillis(50)));

        Await.until("server B to poll every job the dead server held", LEASE.plusSeconds(20),
                () -> firstPollsBy("Bearer apex-b", held, killedAt), first -> first.size() == held.size());
        Map<String, Instant> takenOver = firstPollsBy("Bearer apex-b", held, killedAt);
        for (String job : held) {
            assertThat(takenOver.get(job)).as("first poll of %s by the survivor", job)
                    .isAfterOrEqualTo(leasedUntil.get(job).minusMillis(50));
        }
        Instant lastTakeover = takenOver.values().stream().max(Instant::compareTo).orElseThrow();
        System.out.printf("APEX CLUSTER takeover: %d jobs held by the killed server, polled by the survivor %d ms"
                + " after the kill (lease %d ms, poll interval %d ms)%n", held.size(),
                Duration.between(killedAt, lastTakeover).toMillis(), LEASE.toMillis(), POLL.toMillis());
        assertThat(lastTakeover).isBefore(killedAt.plus(LEASE).plusSeconds(10));

        // The survivor finishes every job, and the platform never got any job twice.
        platform.statuses.replaceAll((job, status) -> "successful");
        for (Object id : ids) {
            Await.until("unit job " + id + " finished", Duration.ofSeconds(60),
                    () -> b.admin().get("/apex/unit_jobs/" + id).json().get("status"), "finished"::equals);
        }
        assertThat(platform.requests.stream().filter(r -> r.startsWith("POST ")).count()).as("submissions")
                .isEqualTo(JOBS);
        assertThat(count("SELECT COUNT(*) FROM executions WHERE workflow_id = 'remote_job' AND status = 'terminated'"))
                .isEqualTo(JOBS);
    }

    private ServerProcess node(String id) {
        String platforms = "[{\"endpoint\":\"" + platform.endpoint() + "\",\"type\":\"ogc_api_process\","
                + "\"auth\":{\"type\":\"bearer\",\"token\":\"" + id + "\"},\"max_concurrent_jobs\":1000}]";
        ServerProcess node = ServerProcess.start(id, database, Map.of("steward.apex.platforms", platforms,
                "steward.apex.poll-interval", POLL.toMillis() + "ms", "steward.apex.lease", LEASE.toMillis() + "ms",
                "steward.apex.max-backoff", "1s"));
        nodes.add(node);
        return node;
    }

    private Map<String, Object> job() {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("endpoint", platform.endpoint());
        service.put("application", "/processes/vegetation-index");
        service.put("namespace", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Vegetation index");
        body.put("label", "ogc_api_process");
        body.put("service", service);
        body.put("parameters", Map.of("bbox", List.of(12.0, 41.0, 13.0, 42.0)));
        body.put("format", "geojson");
        return body;
    }

    private static Map<String, List<FakeOgcPlatform.Poll>> pollsPerJob(List<FakeOgcPlatform.Poll> polls) {
        Map<String, List<FakeOgcPlatform.Poll>> perJob = new HashMap<>();
        List.copyOf(polls).forEach(poll -> perJob.computeIfAbsent(poll.job(), j -> new ArrayList<>()).add(poll));
        return perJob;
    }

    private Map<String, Instant> firstPollsBy(String authorization, Set<String> jobs, Instant after) {
        Map<String, Instant> first = new HashMap<>();
        for (FakeOgcPlatform.Poll poll : List.copyOf(platform.polls)) {
            if (poll.authorization().equals(authorization) && jobs.contains(poll.job()) && poll.at().isAfter(after)) {
                first.putIfAbsent(poll.job(), poll.at());
            }
        }
        return first;
    }

    private String leaseOwnerOf(String remoteJob) throws SQLException {
        try (Connection c = TestDatabase.connect(database);
             var select = c.prepareStatement("SELECT lease_owner FROM unit_jobs WHERE remote_job_id = ?")) {
            select.setString(1, remoteJob);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).as("a row for remote job " + remoteJob).isTrue();
                return rs.getString(1);
            }
        }
    }

    /** The remote jobs whose rows {@code owner} leases right now. */
    private Set<String> leasedBy(String owner) throws SQLException {
        Set<String> jobs = new java.util.HashSet<>();
        try (Connection c = TestDatabase.connect(database);
             var select = c.prepareStatement("SELECT remote_job_id FROM unit_jobs WHERE lease_owner = ?")) {
            select.setString(1, owner);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    jobs.add(rs.getString(1));
                }
            }
        }
        return jobs;
    }

    /** The lease end of each of {@code remoteJobs} that is leased right now. */
    private Map<String, Instant> leasesOf(Set<String> remoteJobs) throws SQLException {
        Map<String, Instant> leases = new HashMap<>();
        try (Connection c = TestDatabase.connect(database);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT remote_job_id, lease_until FROM unit_jobs WHERE lease_until IS NOT NULL")) {
            while (rs.next()) {
                if (remoteJobs.contains(rs.getString(1))) {
                    leases.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return leases;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = TestDatabase.connect(database); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
