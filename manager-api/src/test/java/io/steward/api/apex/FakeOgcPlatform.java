package io.steward.api.apex;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real OGC API – Processes platform for the tests: jobs are accepted (201) and stay {@code running} until a
 * test sets their status; the processes in {@link #PROCESSES} are described, others are 404; results carry a STAC
 * Collection with its schema URL; dismisses are recorded. Paths may
 * sit under a namespace segment. Every request is recorded as {@code METHOD path}. It declares no conformance
 * classes unless {@link #declaresJobList} is set: then {@code GET /conformance} names job-list and {@code GET /jobs}
 * lists the jobs whose status is one of the {@code status} parameters, {@link #listPage} a page, or answers
 * {@link #listFailsWith} when that is set.
 */
final class FakeOgcPlatform implements AutoCloseable {
    /** The processes it has, each described as the same NDVI process; any other is answered 404. */
    static final java.util.Set<String> PROCESSES = java.util.Set.of("ndvi", "vegetation-index");
    static final String STAC_SCHEMA = "https://schemas.stacspec.org/v1.0.0/collection-spec/json-schema/collection.json";

    private final HttpServer server;
    private final AtomicInteger jobs = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Each request as {@code METHOD path <Authorization>}, one entry per request. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, String> statuses = new ConcurrentHashMap<>();
    volatile int failWith;
    /** The id of the job submitted last. */
    volatile String lastJob = "";
    /** The body each job was submitted with, by job id: tells one test's job from another's still being submitted. */
    final Map<String, String> submittedBodies = new java.util.concurrent.ConcurrentHashMap<>();
    /** While set, submissions are held until it is counted down: a platform slow to answer. */
    volatile java.util.concurrent.CountDownLatch holdPosts;
    /** Every status request ({@code GET /jobs/{id}}): which job, with which {@code Authorization}, and when. */
    final List<Poll> polls = new CopyOnWriteArrayList<>();
    /** While set, status requests sending this {@code Authorization} are held until {@link #close}. */
    volatile String holdPollsFrom;
    /** The jobs whose status requests are being held. */
    final java.util.Set<String> heldPolls = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.CountDownLatch releaseHeldPolls = new java.util.concurrent.CountDownLatch(1);

    /** Declares job-list and answers the job list. */
    volatile boolean declaresJobList;
    /** While non-zero, the job list answers this status. */
    volatile int listFailsWith;
    /** Jobs per list page at most, whatever limit is asked (so a test sees next links followed). */
    volatile int listPage = 1000;
    /** Every job list request, as its query string. */
    final List<String> lists = new CopyOnWriteArrayList<>();

    record Poll(String job, String authorization, java.time.Instant at) {
    }

    FakeOgcPlatform() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long count(String request) {
        return requests.stream().filter(request::equals).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        // Requests come in on several threads: the three lists keep one index per request, the body last, so a
        // body seen means its request and authorization are there.
        synchronized (requests) {
            requests.add(method + " " + path);
            authorizations.add(auth == null ? "" : auth);
            bodies.add(body);
        }
        calls.add(method + " " + path + " <" + (auth == null ? "" : auth) + ">");
        if (failWith != 0) {
            answer(exchange, failWith, "{\"detail\":\"failing on purpose\"}");
            return;
        }
        int at = path.indexOf("/processes/");
        int jobsAt = path.indexOf("/jobs/");
        if (method.equals("GET") && path.endsWith("/conformance") && declaresJobList) {
            answer(exchange, 200, "{\"conformsTo\":[\"http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core\","
                    + "\"http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/job-list\"]}");
        } else if (method.equals("GET") && path.endsWith("/jobs") && declaresJobList) {
            String query = exchange.getRequestURI().getRawQuery();
            lists.add(query == null ? "" : query);
            if (listFailsWith != 0) {
                answer(exchange, listFailsWith, "{\"detail\":\"the list fails on purpose\"}");
            } else {
                answer(exchange, 200, list(path, query == null ? "" : query));
            }
        } else if (method.equals("POST") && at >= 0 && path.endsWith("/execution")) {
            java.util.concurrent.CountDownLatch hold = holdPosts;
            if (hold != null) {
                try {
                    hold.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String id = "fake-" + jobs.incrementAndGet();
            statuses.put(id, "accepted");
            submittedBodies.put(id, body);
            lastJob = id;
            answer(exchange, 201, "{\"jobID\":\"" + id + "\",\"status\":\"accepted\",\"type\":\"process\"}");
        } else if (method.equals("GET") && at >= 0 && !PROCESSES.contains(path.substring(at + 11))) {
            answer(exchange, 404, "{\"type\":\"http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/"
                    + "no-such-process\",\"title\":\"No such process\"}");
        } else if (method.equals("GET") && at >= 0) {
            answer(exchange, 200, """
                    {"id":"ndvi","inputs":{
                      "bbox":{"title":"Area","schema":{"type":"object","required":["bbox"]}},
                      "date":{"description":"When","schema":{"type":"string","format":"date-interval"},"minOccurs":0},
                      "scale":{"schema":{"type":"number","default":1.5},"minOccurs":0},
                      "mode":{"schema":{"type":"string","enum":["fast","exact"]},"minOccurs":0},
                      "weights":{"schema":{"type":"array","items":{"type":"number"}},"minOccurs":0},
                      "bands":{"schema":{"type":"array","items":{"type":"string"}},"minOccurs":0},
                      "tuning":{"schema":{"type":"object"},"minOccurs":0}}}""");
        } else if (jobsAt >= 0 && path.endsWith("/results")) {
            String id = path.substring(jobsAt + 6, path.length() - "/results".length());
            answer(exchange, 200, "{\"ndvi\":{\"schema\":\"" + STAC_SCHEMA + "\",\"value\":{\"type\":\"Collection\","
                    + "\"stac_version\":\"1.0.0\",\"id\":\"ndvi-" + id + "\",\"description\":\"NDVI\",\"license\":"
                    + "\"CC-BY-4.0\",\"links\":[]}},\"log\":{\"href\":\"http://example.test/log\"}}");
        } else if (jobsAt >= 0 && method.equals("DELETE")) {
            String id = path.substring(jobsAt + 6);
            statuses.put(id, "dismissed");
            answer(exchange, 200, "{\"jobID\":\"" + id + "\",\"status\":\"dismissed\"}");
        } else if (jobsAt >= 0) {
            String id = path.substring(jobsAt + 6);
            polls.add(new Poll(id, auth == null ? "" : auth, java.time.Instant.now()));
            if (auth != null && auth.equals(holdPollsFrom)) {
                heldPolls.add(id);
                try {
                    releaseHeldPolls.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String status = statuses.get(id);
            if (status == null) {
                answer(exchange, 404, "{\"title\":\"No such job\"}");
            } else {
                answer(exchange, 200, "{\"jobID\":\"" + id + "\",\"status\":\"" + status + "\",\"message\":\"m-"
                        + status + "\"}");
            }
        } else {
            answer(exchange, 404, "{}");
        }
    }

    /** A page of the jobs whose status the query names, from its {@code offset}, in job order, with a next link. */
    private String list(String path, String query) {
        List<String> wanted = new java.util.ArrayList<>();
        int offset = 0;
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals("status") && kv.length > 1) {
                wanted.add(kv[1]);
            } else if (kv[0].equals("offset") && kv.length > 1) {
                offset = Integer.parseInt(kv[1]);
            }
        }
        List<String> matching = statuses.entrySet().stream().filter(e -> wanted.contains(e.getValue()))
                .map(Map.Entry::getKey).sorted(java.util.Comparator.comparingInt(
                        (String id) -> id.length()).thenComparing(id -> id)).toList();
        int page = listPage;
        List<String> items = matching.subList(Math.min(offset, matching.size()),
                Math.min(offset + page, matching.size())).stream().map(id -> "{\"jobID\":\"" + id
                + "\",\"status\":\"" + statuses.get(id) + "\",\"message\":\"m-" + statuses.get(id) + "\"}").toList();
        String links = offset + page < matching.size() ? "{\"rel\":\"next\",\"href\":\"" + path + "?"
                + String.join("&", wanted.stream().map(w -> "status=" + w).toList()) + "&offset=" + (offset + page)
                + "\"}" : "";
        return "{\"jobs\":[" + String.join(",", items) + "],\"links\":[" + links + "]}";
    }

    /** The id of the job whose submitted body contains {@code text}, once there is one. */
    java.util.Optional<String> jobSubmittedWith(String text) {
        return submittedBodies.entrySet().stream().filter(e -> e.getValue().contains(text)).map(Map.Entry::getKey)
                .findFirst();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        releaseHeldPolls.countDown();
        server.stop(0);
    }
}
