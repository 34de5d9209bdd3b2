package io.steward.api.apex;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller refreshes the statuses of many jobs of one OGC platform host from its job list (job-list class, a few
 * {@code GET /jobs?status=accepted&status=running} requests) and still reads each job that left the list by its own
 * {@code GET /jobs/{id}}; a host that does not declare the class, or whose list fails, is asked job by job.
 */
abstract class AbstractApexJobListApiTest extends AbstractApexPlatformsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Enough jobs of one host for a list request (OgcProcessesPlatform.LIST_MIN_BATCH is 8). */
    private static final int JOBS = 9;

    /** The second Steward behind a proxy that records what the dispatcher asks of it. */
    private CountingProxy steward;
    /** A platform that declares job-list, but whose list answers 500. */
    private FakeOgcPlatform failingList;
    /** A platform that lists its jobs four a page. */
    private FakeOgcPlatform pagedList;

    @Override
    List<String> otherPlatforms() {
        steward = started(new CountingProxy(stewardBase()));
        failingList = started(new FakeOgcPlatform());
        failingList.declaresJobList = true;
        failingList.listFailsWith = 500;
        pagedList = started(new FakeOgcPlatform());
        pagedList.declaresJobList = true;
        pagedList.listPage = 4;
        return List.of("{\"endpoint\":\"" + steward.endpoint() + "\",\"type\":\"ogc_api_process\",\"auth\":"
                        + "{\"type\":\"basic\",\"username\":\"admin\",\"password\":\"" + StewardServer.ADMIN_PASSWORD
                        + "\"},\"max_concurrent_jobs\":20}",
                "{\"endpoint\":\"" + failingList.endpoint() + "\",\"max_concurrent_jobs\":20}",
                "{\"endpoint\":\"" + fake.endpoint() + "\",\"max_concurrent_jobs\":20}",
                "{\"endpoint\":\"" + pagedList.endpoint() + "\",\"max_concurrent_jobs\":20}");
    }

    private static Map<String, Object> request(String endpoint, String application, String namespace,
                                               Map<String, Object> parameters) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("endpoint", endpoint);
        service.put("application", application);
        service.put("namespace", namespace);
        return Map.of("title", "Batch", "label", "ogc_api_process", "service", service, "parameters", parameters,
                "format", "geojson");
    }

    private static Map<String, Object> awaitStatus(Api user, Object id, String status) {
        return awaitStatus(user, id, status, WAIT);
    }

    @Test
    void a_batch_on_a_second_steward_is_refreshed_from_its_job_list_and_each_ended_job_read_on_its_own() {
        Api user = newMember(newTenant(), "user");
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            Api.Response created = user.post("/apex/unit_jobs", request(steward.endpoint(), "echo", "ogcapi",
                    Map.of("a", "batch-" + i, "pause", 6)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.add(created.json().get("id"));
        }
        ids.forEach(id -> awaitStatus(user, id, "finished"));
        List<String> remote = new ArrayList<>();
        for (Object id : ids) {
            Map<String, Object> results = user.get("/apex/unit_jobs/" + id + "/results").json();
            assertThat(results).containsEntry("type", "Collection");
            remote.add(((String) results.get("id")).substring("ogcapi-".length()));
        }
        List<CountingProxy.Exchange> seen = List.copyOf(steward.exchanges);
        // From the first list that held all the jobs to the first job read as ended, none was asked on its own.
        int together = -1;
        int firstEnd = seen.size();
        for (int i = 0; i < seen.size(); i++) {
            CountingProxy.Exchange exchange = seen.get(i);
            if (together < 0 && isList(exchange) && remote.stream().allMatch(exchange.body()::contains)) {
                together = i;
            }
            if (together >= 0 && isStatusOf(exchange, remote) && exchange.body().contains("\"successful\"")) {
                firstEnd = i;
                break;
            }
        }
        assertThat(together).as("a list holding all %s jobs", JOBS).isNotNegative();
        List<CountingProxy.Exchange> between = seen.subList(together + 1, firstEnd);
        assertThat(between.stream().filter(AbstractApexJobListApiTest::isList).count()).isGreaterThanOrEqualTo(3);
        assertThat(between).noneMatch(exchange -> isStatusOf(exchange, remote));
        assertThat(seen.get(together).request()).contains("status=accepted&status=running&limit=1000");
        for (String job : remote) {
            // Its end state and its results, read as always.
            assertThat(seen).anyMatch(exchange -> exchange.request().equals("GET /ogcapi/jobs/" + job)
                    && exchange.body().contains("\"successful\""));
            assertThat(seen).filteredOn(exchange -> exchange.request().equals("GET /ogcapi/jobs/" + job + "/results"))
                    .hasSize(1);
        }
        // The host's conformance is asked once and remembered.
        assertThat(seen).filteredOn(exchange -> exchange.request().equals("GET /ogcapi/conformance")).hasSize(1);
    }

    @Test
    void a_list_of_several_pages_is_followed_by_its_next_links_and_answers_every_running_job() {
        Api user = newMember(newTenant(), "user");
        List<String> remote = submitted(user, pagedList);
        remote.forEach(job -> pagedList.statuses.put(job, "running"));
        List<Object> ids = ids(user);
        ids.forEach(id -> awaitStatus(user, id, "running"));
        // Once the jobs are one batch, each round reads the three pages and asks for none of the jobs on its own.
        Await.until("a round on three pages", WAIT, () -> List.copyOf(pagedList.lists),
                lists -> lists.size() >= 3 && lists.get(lists.size() - 1).endsWith("&offset=8"));
        long polls = pagedList.polls.size();
        int lists = pagedList.lists.size();
        Await.until("three more rounds", WAIT, () -> pagedList.lists.size(), n -> n >= lists + 9);
        assertThat(pagedList.polls).hasSize((int) polls);
        String last = "status=accepted&status=running&offset=8";
        assertThat(pagedList.lists.subList(lists, pagedList.lists.size())).containsOnly(
                "status=accepted&status=running&limit=1000", "status=accepted&status=running&offset=4", last)
                .filteredOn(last::equals).hasSizeGreaterThanOrEqualTo(2);
        remote.forEach(job -> pagedList.statuses.put(job, "successful"));
        ids.forEach(id -> awaitStatus(user, id, "finished"));
        for (String job : remote) {
            assertThat(pagedList.count("GET /jobs/" + job)).isPositive();
            assertThat(pagedList.count("GET /jobs/" + job + "/results")).isEqualTo(1);
        }
    }

    @Test
    void a_host_whose_job_list_fails_is_asked_job_by_job_and_its_statuses_stay_right() {
        Api user = newMember(newTenant(), "user");
        List<String> remote = submitted(user, failingList);
        Await.until("the list tried", WAIT, () -> failingList.lists.size(), n -> n > 0);
        remote.forEach(job -> failingList.statuses.put(job, "running"));
        List<Object> ids = ids(user);
        ids.forEach(id -> awaitStatus(user, id, "running"));
        long polls = failingList.polls.size();
        Await.until("more polls", WAIT, () -> failingList.polls.size(), n -> n >= polls + 3 * JOBS);
        // Not asked again for a while, however many rounds follow.
        assertThat(failingList.lists).hasSize(1);
        assertThat(failingList.lists.get(0)).isEqualTo("status=accepted&status=running&limit=1000");
        remote.forEach(job -> failingList.statuses.put(job, "successful"));
        ids.forEach(id -> awaitStatus(user, id, "finished"));
        for (String job : remote) {
            assertThat(failingList.count("GET /jobs/" + job + "/results")).isEqualTo(1);
        }
        assertThat(failingList.lists).hasSize(1);
    }

    @Test
    void a_host_that_does_not_declare_the_job_list_is_asked_job_by_job() {
        Api user = newMember(newTenant(), "user");
        List<String> remote = submitted(user, fake);
        remote.forEach(job -> fake.statuses.put(job, "running"));
        List<Object> ids = ids(user);
        ids.forEach(id -> awaitStatus(user, id, "running"));
        remote.forEach(job -> fake.statuses.put(job, "failed"));
        ids.forEach(id -> awaitStatus(user, id, "failed"));
        assertThat(fake.count("GET /conformance")).isPositive();
        assertThat(fake.requests).noneMatch(request -> request.equals("GET /jobs"));
        for (String job : remote) {
            assertThat(fake.polls).anyMatch(poll -> poll.job().equals(job));
        }
    }

    /** {@value #JOBS} jobs submitted to {@code platform} (no namespace) and tracked there; their remote ids. */
    private List<String> submitted(Api user, FakeOgcPlatform platform) {
        long scale = 1_000 + System.nanoTime() % 1_000_000;
        List<String> remote = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            Api.Response created = user.post("/apex/unit_jobs", request(platform.endpoint(), "ndvi", null,
                    Map.of("bbox", List.of(12.0, 41.0, 13.0, 42.0), "scale", scale + i)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long mark = scale + i;
            remote.add(Await.until("the platform got job " + i, WAIT,
                    () -> platform.jobSubmittedWith("\"scale\":" + mark).orElse(""), r -> !r.isEmpty()));
        }
        return remote;
    }

    private static List<Object> ids(Api user) {
        List<Map<String, Object>> jobs = user.get("/apex/jobs_status").json().get("processing_jobs") instanceof List<?>
                list ? list.stream().map(j -> (Map<String, Object>) j).toList() : List.of();
        assertThat(jobs).hasSize(JOBS);
        return jobs.stream().map(j -> j.get("id")).toList();
    }

    private static boolean isList(CountingProxy.Exchange exchange) {
        return exchange.request().startsWith("GET /ogcapi/jobs?");
    }

    private static boolean isStatusOf(CountingProxy.Exchange exchange, List<String> remote) {
        return remote.stream().anyMatch(job -> exchange.request().equals("GET /ogcapi/jobs/" + job));
    }
}
