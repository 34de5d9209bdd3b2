package io.steward.api.ogc;

import io.steward.api.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job list over a few hundred jobs of mixed processes and statuses: every filter and every page, followed
 * through its {@code next} links, agrees with a brute-force reading of each job's own statusInfo; another tenant's
 * jobs never appear.
 */
abstract class AbstractOgcJobListApiTest extends OgcTestBase {
    private static final int ECHOES = 160;
    private static final int HASHES = 90;
    private Api api;
    private Api other;
    private Api otherManager;
    private final List<String> otherJobs = new ArrayList<>();
    private List<Map<String, Object>> all;

    @BeforeAll
    void makeJobs() {
        api = newUserClient();
        String otherTenant = newTenant();
        other = newMember(otherTenant, "user");
        otherManager = newMember(otherTenant, "manager");
        List<String> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(submitAsync(api, "echo", Map.of("inputs", Map.of("a", "long", "pause", 600))));
        }
        List<String> ids = new ArrayList<>(running);
        for (int i = 0; i < ECHOES + HASHES; i++) {
            ids.add(i % 3 == 2 && i / 3 < HASHES
                    ? submitAsync(api, "sha256", Map.of("inputs", Map.of("text", "t" + i)))
                    : submitAsync(api, "echo", Map.of("inputs", Map.of("a", "e" + i))));
            if (i % 50 == 0) {
                otherJobs.add(submitAsync(other, "echo", Map.of("inputs", Map.of("a", "theirs"))));
            }
        }
        for (int i = 0; i < 4; i++) {
            String doomed = submitAsync(api, "echo", Map.of("inputs", Map.of("a", "doomed", "pause", 600)));
            awaitStatus(api, doomed, "running");
            assertThat(api.delete("/ogcapi/jobs/" + doomed).status()).isEqualTo(200);
            ids.add(doomed);
        }
        running.forEach(id -> awaitStatus(api, id, "running"));
        all = ids.stream().map(id -> awaitFinalOrRunning(id)).toList();
    }

    @Test
    void every_filter_and_page_agrees_with_a_brute_force_reading_of_each_job() {
        Instant middle = Instant.parse((String) all.get(all.size() / 2).get("created"));
        Instant now = Instant.now();
        assertAgrees("", j -> true);
        assertAgrees("processID=sha256", j -> "sha256".equals(j.get("processID")));
        assertAgrees("processID=echo&processID=sha256", j -> true);
        assertAgrees("status=running", j -> "running".equals(j.get("status")));
        assertAgrees("status=dismissed&status=running", j -> List.of("dismissed", "running").contains(j.get("status")));
        assertAgrees("status=successful&processID=echo",
                j -> "successful".equals(j.get("status")) && "echo".equals(j.get("processID")));
        assertAgrees("datetime=" + middle + "/..", j -> !created(j).isBefore(middle));
        assertAgrees("datetime=../" + middle, j -> !created(j).isAfter(middle));
        assertAgrees("minDuration=0", j -> duration(j, now) != null);
        assertAgrees("maxDuration=0", j -> duration(j, now) != null && duration(j, now) <= 0);
        assertAgrees("minDuration=2", j -> duration(j, now) != null && duration(j, now) >= 2);
        assertAgrees("status=successful&minDuration=0&maxDuration=100000",
                j -> "successful".equals(j.get("status")) && duration(j, now) != null);
    }

    @Test
    void another_tenants_jobs_never_appear_in_any_page_or_lookup() {
        List<String> seen = walk("/ogcapi/jobs?limit=1000");
        assertThat(seen).hasSize(all.size()).doesNotContainAnyElementsOf(otherJobs);
        assertThat(walk("/ogcapi/jobs?limit=7")).containsExactlyElementsOf(seen);
        assertThat(walk("/ogcapi/jobs?limit=1000", other)).containsExactlyInAnyOrderElementsOf(otherJobs);
        assertThat(walk("/ogcapi/jobs?limit=1000", otherManager)).containsExactlyInAnyOrderElementsOf(otherJobs);
        assertException(other.get("/ogcapi/jobs/" + seen.get(0)), 404, EXC + "no-such-job");
    }

    /** The list for {@code query}, walked 37 at a time through next links, is the matching jobs oldest first. */
    private void assertAgrees(String query, Predicate<Map<String, Object>> matches) {
        List<String> expected = all.stream().filter(matches)
                .sorted(Comparator.comparing(AbstractOgcJobListApiTest::created)
                        .thenComparing(j -> (String) j.get("jobID")))
                .map(j -> (String) j.get("jobID")).toList();
        String first = "/ogcapi/jobs?limit=37" + (query.isEmpty() ? "" : "&" + query);
        assertThat(walk(first)).as(query).containsExactlyElementsOf(expected);
        assertThat(((Number) api.get(first).json().get("numberMatched")).intValue()).as(query)
                .isEqualTo(expected.size());
    }

    private List<String> walk(String path) {
        return walk(path, api);
    }

    @SuppressWarnings("unchecked")
    private static List<String> walk(String path, Api client) {
        List<String> ids = new ArrayList<>();
        String next = path;
        while (next != null) {
            Api.Response r = client.get(next);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            ((List<Map<String, Object>>) r.json().get("jobs")).forEach(j -> ids.add((String) j.get("jobID")));
            next = ((List<Map<String, Object>>) r.json().get("links")).stream()
                    .filter(l -> "next".equals(l.get("rel"))).map(l -> (String) l.get("href"))
                    .map(href -> href.substring(href.indexOf("/ogcapi"))).findFirst().orElse(null);
        }
        return ids;
    }

    private Map<String, Object> awaitFinalOrRunning(String id) {
        return io.steward.api.support.Await.until("job " + id + " settled", Duration.ofSeconds(60),
                () -> api.get("/ogcapi/jobs/" + id).json(),
                s -> List.of("successful", "failed", "dismissed", "running").contains(s.get("status")));
    }

    private static Instant created(Map<String, Object> job) {
        return Instant.parse((String) job.get("created"));
    }

    /** OGC's duration in whole seconds: finished (or now, running) minus started; none before it starts. */
    private static Long duration(Map<String, Object> job, Instant now) {
        if (job.get("started") == null || "accepted".equals(job.get("status"))) {
            return null;
        }
        Instant end = job.get("finished") != null ? Instant.parse((String) job.get("finished")) : now;
        return Duration.between(Instant.parse((String) job.get("started")), end).getSeconds();
    }
}
