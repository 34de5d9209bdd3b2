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
 * A small real openEO 1.2 backend for the tests: {@code /.well-known/openeo} names its API root {@code /openeo/1.2};
 * batch jobs are created ({@code POST /jobs}, 201 with {@code OpenEO-Identifier}), started ({@code POST
 * /jobs/{id}/results} makes them {@code queued}) and stay so until a test sets their status; {@code GET /jobs} lists
 * them; results are a STAC Collection; {@code DELETE /jobs/{id}/results} cancels; {@code POST /result} answers a
 * JSON value at once. It also serves the user-defined process {@link #UDP_PATH}. Every request is recorded as
 * {@code METHOD path <Authorization>}, with its body.
 */
final class FakeOpenEoPlatform implements AutoCloseable {
    static final String UDP_PATH = "/udps/ndvi_composite.json";
    private static final String API = "/openeo/1.2";

    private final HttpServer server;
    private final AtomicInteger jobs = new AtomicInteger();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, String> bodies = new ConcurrentHashMap<>();
    final Map<String, String> statuses = new ConcurrentHashMap<>();
    volatile String lastJob = "";

    FakeOpenEoPlatform() {
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

    String udpUrl() {
        return endpoint() + UDP_PATH;
    }

    long count(String call) {
        return calls.stream().filter(c -> c.startsWith(call + " <")).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String call = method + " " + path;
        calls.add(call + " <" + (auth == null ? "" : auth) + ">");
        bodies.put(call, body);
        if (call.equals("GET /.well-known/openeo")) {
            answer(exchange, 200, "{\"versions\":[{\"url\":\"" + endpoint() + API
                    + "/\",\"api_version\":\"1.2.0\",\"production\":true}]}");
        } else if (call.equals("GET " + UDP_PATH)) {
            answer(exchange, 200, """
                    {"id": "ndvi_composite", "process_graph": {"x": {"process_id": "constant",
                       "arguments": {"x": 1}, "result": true}},
                     "parameters": [
                       {"name": "spatial_extent", "description": "Area", "schema": {"type": "object",
                        "subtype": "bounding-box"}},
                       {"name": "temporal_extent", "optional": true, "schema": {"type": "array",
                        "subtype": "temporal-interval"}}]}""");
        } else if (call.equals("POST " + API + "/jobs")) {
            String id = "oe-" + jobs.incrementAndGet();
            statuses.put(id, "created");
            lastJob = id;
            exchange.getResponseHeaders().set("OpenEO-Identifier", id);
            exchange.getResponseHeaders().set("Location", endpoint() + API + "/jobs/" + id);
            answer(exchange, 201, "");
        } else if (call.equals("GET " + API + "/jobs")) {
            StringBuilder listing = new StringBuilder("{\"jobs\":[");
            statuses.forEach((id, status) -> listing.append(listing.charAt(listing.length() - 1) == '[' ? "" : ",")
                    .append("{\"id\":\"").append(id).append("\",\"status\":\"").append(status)
                    .append("\",\"created\":\"2026-12-03T10:00:00Z\"}"));
            answer(exchange, 200, listing.append("],\"links\":[]}").toString());
        } else if (call.equals("POST " + API + "/result")) {
            answer(exchange, 200, "{\"mean_ndvi\":0.42}");
        } else if (path.startsWith(API + "/jobs/") && path.endsWith("/results")) {
            String id = path.substring((API + "/jobs/").length(), path.length() - "/results".length());
            switch (method) {
                case "POST" -> {
                    statuses.put(id, "queued");
                    answer(exchange, 202, "");
                }
                case "DELETE" -> {
                    statuses.put(id, "canceled");
                    answer(exchange, 204, null);
                }
                default -> answer(exchange, 200, "{\"type\":\"Collection\",\"stac_version\":\"1.0.0\",\"id\":\""
                        + id + "\",\"description\":\"NDVI composite\",\"license\":\"CC-BY-4.0\",\"extent\":{"
                        + "\"spatial\":{\"bbox\":[[12,41,13,42]]},\"temporal\":{\"interval\":[[\"2024-06-01T00:00:00Z\","
                        + "\"2024-07-01T00:00:00Z\"]]}},\"links\":[],\"assets\":{\"ndvi.tif\":{\"href\":\"" + endpoint()
                        + "/files/" + id + "/ndvi.tif\",\"type\":\"image/tiff; application=geotiff\"}}}");
            }
        } else if (method.equals("GET") && path.startsWith(API + "/jobs/")) {
            String id = path.substring((API + "/jobs/").length());
            String status = statuses.get(id);
            if (status == null) {
                answer(exchange, 404, "{\"code\":\"JobNotFound\",\"message\":\"no such job\"}");
            } else {
                answer(exchange, 200, "{\"id\":\"" + id + "\",\"status\":\"" + status
                        + "\",\"created\":\"2026-12-03T10:00:00Z\"}");
            }
        } else {
            answer(exchange, 404, "{\"code\":\"NotFound\",\"message\":\"nothing at " + path + "\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
