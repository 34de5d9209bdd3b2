// A fake OGC API - Processes platform for the APEx dispatch benchmarks: it answers execute, status, describe and
// dismiss at once from memory, and remembers when each job's status was last asked for, so the benchmark can measure
// how stale the dispatcher's view of its jobs is. Run from source (no build): java bench/apex/FakeOgcPlatform.java <port>
//   POST /processes/{id}/execution   201 statusInfo (accepted), a new job
//   GET  /jobs/{id}                  200 statusInfo (running), records the time of the ask
//   GET  /jobs?status=..&limit=N     200 {"jobs": [statusInfo...], "links": [next]}: every job is running; each one
//                                    listed counts as a poll and records the time of the ask (offset: its own paging)
//   GET  /conformance                200 core, json, job-list, dismiss
//   DELETE /jobs/{id}                200 statusInfo (dismissed)
//   GET  /processes/{id}             200 a process description: bbox (numbers, the benchmark's jobs send it), an optional string
//   GET  /_stats                     counters and the age of the least recently polled job (ms), as JSON; polls are
//                                    status requests plus jobs listed, lists the list requests, listed the jobs listed,
//                                    conformance the conformance requests
//   POST /_reset-stats               zeroes the counters
//   POST /_expect?count=N            jobs bench-1 … bench-N exist from now on (rows the benchmark inserts directly)
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

public class FakeOgcPlatform {
    private static final ConcurrentHashMap<String, Long> LAST_POLL = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Long> CREATED = new ConcurrentHashMap<>();
    /** The jobs in the order they were made, for list pages that stay put while others are added. */
    private static final ConcurrentSkipListMap<Long, String> ORDER = new ConcurrentSkipListMap<>();
    private static final ConcurrentHashMap<String, Long> SEQUENCE = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();
    private static final AtomicLong LISTS = new AtomicLong();
    private static final AtomicLong LISTED = new AtomicLong();
    private static final AtomicLong CONFORMANCE = new AtomicLong();
    private static final AtomicLong SUBMITS = new AtomicLong();
    private static final AtomicLong POLLS = new AtomicLong();
    private static final AtomicLong DESCRIBES = new AtomicLong();
    private static final AtomicLong DISMISSES = new AtomicLong();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        // As real platforms' servers do (nginx, uvicorn): without TCP_NODELAY this server writes its answer's head and
        // body apart and the second waits for the client's delayed ACK, 40 ms per submission.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        server.createContext("/", FakeOgcPlatform::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("fake OGC platform on " + port);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            long now = System.currentTimeMillis();
            if (method.equals("POST") && path.startsWith("/processes/") && path.endsWith("/execution")) {
                String id = UUID.randomUUID().toString();
                create(id, now);
                SUBMITS.incrementAndGet();
                exchange.getResponseHeaders().add("Location", "/jobs/" + id);
                send(exchange, 201, info(id, "accepted"));
            } else if (method.equals("GET") && path.equals("/conformance")) {
                CONFORMANCE.incrementAndGet();
                String p1 = "\"http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/";
                send(exchange, 200, "{\"conformsTo\":[" + p1 + "core\"," + p1 + "json\"," + p1 + "job-list\"," + p1
                        + "dismiss\"]}");
            } else if (method.equals("GET") && (path.equals("/jobs") || path.equals("/jobs/"))) {
                send(exchange, 200, list(exchange.getRequestURI().getRawQuery(), now));
            } else if (method.equals("GET") && path.startsWith("/jobs/")) {
                String id = path.substring("/jobs/".length());
                if (!CREATED.containsKey(id)) {
                    send(exchange, 404, "{\"type\":\"no-such-job\"}");
                    return;
                }
                LAST_POLL.put(id, now);
                POLLS.incrementAndGet();
                send(exchange, 200, info(id, "running"));
            } else if (method.equals("DELETE") && path.startsWith("/jobs/")) {
                String id = path.substring("/jobs/".length());
                CREATED.remove(id);
                LAST_POLL.remove(id);
                Long seq = SEQUENCE.remove(id);
                if (seq != null) {
                    ORDER.remove(seq);
                }
                DISMISSES.incrementAndGet();
                send(exchange, 200, info(id, "dismissed"));
            } else if (method.equals("GET") && path.startsWith("/processes/")) {
                DESCRIBES.incrementAndGet();
                String id = path.substring("/processes/".length());
                send(exchange, 200, "{\"id\":\"" + id + "\",\"version\":\"1.0\",\"jobControlOptions\":[\"async-execute\"],"
                        + "\"inputs\":{\"bbox\":{\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"number\"}}},"
                        + "\"word\":{\"schema\":{\"type\":\"string\"},\"minOccurs\":0}},"
                        + "\"outputs\":{\"out\":{\"schema\":{\"type\":\"string\"}}}}");
            } else if (path.equals("/_stats")) {
                send(exchange, 200, stats(now));
            } else if (path.equals("/_expect")) {
                int count = Integer.parseInt(exchange.getRequestURI().getQuery().replace("count=", ""));
                for (int i = 1; i <= count; i++) {
                    create("bench-" + i, now);
                }
                send(exchange, 200, stats(now));
            } else if (path.equals("/_reset-stats")) {
                SUBMITS.set(0);
                POLLS.set(0);
                DESCRIBES.set(0);
                DISMISSES.set(0);
                LISTS.set(0);
                LISTED.set(0);
                CONFORMANCE.set(0);
                send(exchange, 200, stats(now));
            } else {
                send(exchange, 404, "{\"type\":\"not-found\"}");
            }
        }
    }

    private static void create(String id, long now) {
        if (CREATED.put(id, now) == null) {
            long seq = NEXT.incrementAndGet();
            SEQUENCE.put(id, seq);
            ORDER.put(seq, id);
        }
    }

    /**
     * A page of the job list: {@code limit} (default 10, at most 10000) jobs from {@code offset}, all running (so a
     * status filter without running lists none), with a next link while more follow.
     */
    private static String list(String query, long now) {
        int limit = 10;
        int offset = 0;
        List<String> statuses = new ArrayList<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            String value = kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            switch (kv[0]) {
                case "limit" -> limit = Math.max(1, Math.min(10000, Integer.parseInt(value)));
                case "offset" -> offset = Math.max(0, Integer.parseInt(value));
                case "status" -> statuses.addAll(List.of(value.split(",")));
                default -> { }
            }
        }
        LISTS.incrementAndGet();
        StringBuilder jobs = new StringBuilder();
        int listed = 0;
        boolean more = false;
        if (statuses.isEmpty() || statuses.contains("running")) {
            int skipped = 0;
            for (Map.Entry<Long, String> job : ORDER.entrySet()) {
                if (skipped++ < offset) {
                    continue;
                }
                if (listed == limit) {
                    more = true;
                    break;
                }
                LAST_POLL.put(job.getValue(), now);
                jobs.append(listed++ == 0 ? "" : ",").append(info(job.getValue(), "running"));
            }
        }
        LISTED.addAndGet(listed);
        POLLS.addAndGet(listed);
        StringBuilder links = new StringBuilder();
        if (more) {
            StringBuilder next = new StringBuilder("/jobs?limit=" + limit + "&offset=" + (offset + limit));
            statuses.forEach(status -> next.append("&status=").append(status));
            links.append("{\"rel\":\"next\",\"type\":\"application/json\",\"href\":\"").append(next).append("\"}");
        }
        return "{\"jobs\":[" + jobs + "],\"links\":[" + links + "]}";
    }

    /** Age of each job's status as the dispatcher last saw it: since its last poll, or since submission if never. */
    private static String stats(long now) {
        long maxAge = 0;
        long neverPolled = 0;
        for (var job : CREATED.entrySet()) {
            Long polled = LAST_POLL.get(job.getKey());
            if (polled == null) {
                neverPolled++;
            }
            maxAge = Math.max(maxAge, now - (polled == null ? job.getValue() : polled));
        }
        return "{\"jobs\":" + CREATED.size() + ",\"never_polled\":" + neverPolled + ",\"max_age_ms\":" + maxAge
                + ",\"submits\":" + SUBMITS.get() + ",\"polls\":" + POLLS.get() + ",\"describes\":" + DESCRIBES.get()
                + ",\"dismisses\":" + DISMISSES.get() + ",\"lists\":" + LISTS.get() + ",\"listed\":" + LISTED.get()
                + ",\"conformance\":" + CONFORMANCE.get() + "}";
    }

    private static String info(String id, String status) {
        return "{\"jobID\":\"" + id + "\",\"type\":\"process\",\"status\":\"" + status + "\"}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
