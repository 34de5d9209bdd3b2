package io.steward.dispatch.platform.ogc;

import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformAuth;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.PlatformException.Kind;
import io.steward.dispatch.platform.ProcessParameter;
import io.steward.dispatch.platform.RemoteJobRef;
import io.steward.dispatch.platform.RemoteJobRequest;
import io.steward.dispatch.platform.RemoteJobState;
import io.steward.dispatch.platform.RemotePlatform;
import io.steward.dispatch.platform.RemoteStatus;
import io.steward.dispatch.platform.ServiceRef;
import io.steward.dispatch.platform.Submission;
import io.steward.engine.storage.JsonColumns;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OGC API – Processes platform. Jobs go to {@code {endpoint}[/{namespace}]/processes/{id}/execution} with
 * {@code {"inputs": parameters}} and {@code Prefer: respond-async}; a 201 statusInfo is tracked at
 * {@code /jobs/{id}}, a 200 is a synchronous answer that finishes the job at once. Results become a STAC Collection
 * by APEx's rules; a cancel is the OGC dismiss ({@code DELETE /jobs/{id}}). Where a host declares the job-list class,
 * the statuses of many of its jobs are read from {@code GET /jobs?status=accepted&status=running} pages instead.
 */
public final class OgcProcessesPlatform implements RemotePlatform {
    static final String STAC_COLLECTION_SCHEMA =
            "https://schemas.stacspec.org/v1.0.0/collection-spec/json-schema/collection.json";
    static final String FEATURE_COLLECTION_SCHEMA =
            "https://schemas.opengis.net/ogcapi/features/part1/1.0/openapi/schemas/featureCollectionGeoJSON.yaml";

    /** How many status requests a poller round has in flight to one platform at most. */
    static final int STATUS_WINDOW = 64;
    static final String JOB_LIST = "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/job-list";
    /** Fewer jobs of one host than this are asked for one by one: a list page would cost more than it saves. */
    public static final int LIST_MIN_BATCH = 8;
    /** Jobs per list page asked for (the standard allows up to 10000; 1000 keeps one answer small). */
    static final int LIST_PAGE = 1000;
    /**
     * Pages followed at most (the list stops early once every job asked for is found): the caller's other jobs share
     * the list, and tracked jobs beyond the last page read are asked for one by one.
     */
    static final int LIST_MAX_PAGES = 20;
    /** How long a host's conformance answer is believed; a list that failed is not tried again for as long. */
    static final Duration HOST_MEMORY = Duration.ofMinutes(10);
    /** How long a host whose conformance could not be read is asked one by one before it is asked again. */
    static final Duration HOST_RETRY = Duration.ofMinutes(1);

    private final String endpoint;
    private final PlatformAuth auth;
    private final HttpClient http;
    private final JsonColumns json;
    private final Duration timeout;
    /** Per host ({@code endpoint[/namespace]}): whether its job list is used, until when this is believed. */
    private final Map<String, HostLists> hosts = new ConcurrentHashMap<>();

    private record HostLists(boolean lists, long untilNanos) {
        boolean fresh() {
            return System.nanoTime() - untilNanos < 0;
        }
    }

    public OgcProcessesPlatform(String endpoint, PlatformAuth auth, HttpClient http, JsonColumns json,
                                Duration timeout) {
        this.endpoint = endpoint;
        this.auth = auth;
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    /**
     * The process id an APEx {@code application} names: a bare id, or a path ending in {@code /processes/{id}} (the
     * client tutorial's form). Empty when it names none.
     */
    public static Optional<String> processId(String application) {
        if (application == null) {
            return Optional.empty();
        }
        String path = application.trim();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int at = path.lastIndexOf("/processes/");
        if (at >= 0) {
            path = path.substring(at + "/processes/".length());
        } else if (path.startsWith("processes/")) {
            path = path.substring("processes/".length());
        }
        return path.isEmpty() || path.contains("/") || path.contains("?") || path.contains("#")
                ? Optional.empty() : Optional.of(path);
    }

    @Override
    public Submission submit(RemoteJobRequest request, CallerToken caller) throws PlatformException {
        ServiceRef service = request.service();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", request.parameters());
        HttpRequest.Builder post = builder(host(service) + "/processes/" + segment(process(service)) + "/execution",
                caller)
                .header("Content-Type", "application/json")
                .header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString(json.write(body)));
        HttpResponse<String> response = send(post.build());
        if (response.statusCode() == 201) {
            Map<String, Object> info = object(response.body(), "statusInfo");
            Object jobId = info.get("jobID");
            if (!(jobId instanceof String id) || id.isEmpty()) {
                throw new PlatformException(Kind.UNREADABLE, 201, "The platform's statusInfo has no jobID");
            }
            return new Submission(new RemoteJobRef(service, id), state(info));
        }
        if (response.statusCode() == 200) {
            // A synchronous answer: the results are here, and there is no remote job to track or dismiss.
            String id = "sync-" + UUID.randomUUID();
            return new Submission(new RemoteJobRef(service, id), new RemoteJobState(RemoteStatus.FINISHED,
                    "successful", "The platform answered synchronously"),
                    collectionOf(parse(response.body()), service, id, caller));
        }
        throw failure(response, "submitting the job");
    }

    /** Without {@code Prefer}: a platform able to answer at once does; one that answers 201 is dismissed again. */
    @Override
    public Object runSynchronously(RemoteJobRequest request, CallerToken caller) throws PlatformException {
        ServiceRef service = request.service();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", request.parameters());
        HttpRequest.Builder post = builder(host(service) + "/processes/" + segment(process(service)) + "/execution",
                caller)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.write(body)));
        HttpResponse<String> response = send(post.build());
        if (response.statusCode() == 200) {
            return parse(response.body());
        }
        if (response.statusCode() == 201) {
            Object jobId = parse(response.body()) instanceof Map<?, ?> info ? info.get("jobID") : null;
            if (jobId instanceof String id) {
                try {
                    cancel(new RemoteJobRef(service, id), caller);
                } catch (PlatformException e) {
                    // The refusal below says what matters; the platform keeps a job it would not run at once.
                }
            }
            throw new PlatformException(Kind.REFUSED, 201, "The platform runs process '" + process(service)
                    + "' asynchronously only; submit it as a unit job (POST /unit_jobs) instead");
        }
        throw failure(response, "running the job synchronously");
    }

    @Override
    public RemoteJobState status(RemoteJobRef job, CallerToken caller) throws PlatformException {
        return state(object(send(statusRequest(job, caller).build()), "statusInfo"));
    }

    /**
     * Per host: at least {@value #LIST_MIN_BATCH} jobs of a host that declares job-list are read from its list of
     * accepted and running jobs, a few requests in all; a job not listed (it ended, or the platform forgot it) and
     * every job of other hosts is asked for by {@code GET /jobs/{id}}, so end states are read as always. Those status
     * requests go out {@value #STATUS_WINDOW} at a time and are answered on the client's own threads: a round of
     * thousands of jobs neither opens thousands of connections nor floods the platform.
     */
    @Override
    public Map<RemoteJobRef, RemoteJobState> statuses(List<RemoteJobRef> jobs, CallerToken caller)
            throws PlatformException {
        Map<String, List<RemoteJobRef>> byHost = new LinkedHashMap<>();
        jobs.forEach(job -> byHost.computeIfAbsent(host(job.service()), h -> new ArrayList<>()).add(job));
        Map<RemoteJobRef, RemoteJobState> states = new LinkedHashMap<>();
        List<RemoteJobRef> oneByOne = new ArrayList<>();
        for (var entry : byHost.entrySet()) {
            List<RemoteJobRef> hostJobs = entry.getValue();
            Optional<Map<String, RemoteJobState>> listed = hostJobs.size() >= LIST_MIN_BATCH
                    && listsStatuses(entry.getKey(), caller) ? listed(entry.getKey(), hostJobs, caller)
                    : Optional.empty();
            for (RemoteJobRef job : hostJobs) {
                RemoteJobState state = listed.map(l -> l.get(job.remoteJobId())).orElse(null);
                if (state != null) {
                    states.put(job, state);
                } else {
                    oneByOne.add(job);
                }
            }
        }
        PlatformException first = null;
        for (int from = 0; from < oneByOne.size(); from += STATUS_WINDOW) {
            int answered = states.size();
            PlatformException failed = statuses(oneByOne.subList(from, Math.min(oneByOne.size(),
                    from + STATUS_WINDOW)), caller, states);
            first = first != null ? first : failed;
            if (failed != null && states.size() == answered) {
                break; // Not one answer: the platform is down, and the other windows would only wait for it too.
            }
        }
        if (states.isEmpty() && first != null) {
            throw first;
        }
        return states;
    }

    @Override
    public int listBatch(ServiceRef service, CallerToken caller) {
        return listsStatuses(host(service), caller) ? LIST_MIN_BATCH : 0;
    }

    /** Whether {@code host} declares job-list (its {@code /conformance}, remembered) and its list has not failed. */
    private boolean listsStatuses(String host, CallerToken caller) {
        HostLists known = hosts.get(host);
        if (known != null && known.fresh()) {
            return known.lists();
        }
        boolean lists;
        Duration memory = HOST_MEMORY;
        try {
            HttpResponse<String> response = send(builder(host + "/conformance", caller).GET().build());
            if (response.statusCode() == 404) {
                lists = false; // no conformance document: a server of an older draft, which declares nothing
            } else {
                lists = list(object(checked(response, "reading its conformance classes"), "conformance")
                        .get("conformsTo")).contains(JOB_LIST);
            }
        } catch (PlatformException e) {
            lists = false;
            memory = HOST_RETRY;
        }
        hosts.put(host, new HostLists(lists, System.nanoTime() + memory.toNanos()));
        return lists;
    }

    /**
     * The listed states of {@code jobs} (all of {@code host}) by remote job id, from the pages of its accepted and
     * running jobs; only {@code next} links to the same host are followed, a bounded number. Empty when the list
     * could not be used: a list the host answers with an error or cannot be read is not asked again for a while.
     * Listed jobs that are not ours, and listed end states (a platform that ignores the filter), are left out: a
     * job that ended is read by its own {@code GET /jobs/{id}}, as always.
     */
    private Optional<Map<String, RemoteJobState>> listed(String host, List<RemoteJobRef> jobs, CallerToken caller) {
        Set<String> wanted = new HashSet<>();
        jobs.forEach(job -> wanted.add(job.remoteJobId()));
        Map<String, RemoteJobState> found = new HashMap<>();
        URI origin = URI.create(host);
        String url = host + "/jobs?status=accepted&status=running&limit=" + LIST_PAGE;
        try {
            for (int page = 0; url != null && page < LIST_MAX_PAGES && found.size() < wanted.size(); page++) {
                Map<String, Object> body = object(checked(send(builder(url, caller).GET().build()),
                        "listing its jobs"), "job list");
                if (!(body.get("jobs") instanceof List<?> listedJobs)) {
                    throw new PlatformException(Kind.UNREADABLE, 200, "The platform's job list has no jobs array");
                }
                for (Object item : listedJobs) {
                    if (item instanceof Map<?, ?> info && info.get("jobID") instanceof String id
                            && wanted.contains(id)) {
                        @SuppressWarnings("unchecked")
                        RemoteJobState state = state((Map<String, Object>) info);
                        if (!state.status().terminal()) {
                            found.put(id, state);
                        }
                    }
                }
                url = next(body, URI.create(url), origin);
            }
        } catch (PlatformException e) {
            if (e.kind() != Kind.UNAVAILABLE || e.httpStatus() != 0) {
                // It answered, but not with a usable list: its jobs are asked one by one for a while.
                hosts.put(host, new HostLists(false, System.nanoTime() + HOST_MEMORY.toNanos()));
            }
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /** The page's {@code next} link, resolved, if it points to the host the list was asked of; else null. */
    private static String next(Map<String, Object> page, URI current, URI origin) {
        for (Object link : list(page.get("links"))) {
            if (link instanceof Map<?, ?> l && "next".equals(l.get("rel")) && l.get("href") instanceof String href) {
                URI next;
                try {
                    next = current.resolve(href.trim());
                } catch (IllegalArgumentException e) {
                    return null;
                }
                boolean sameHost = origin.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))
                        && origin.getHost() != null && origin.getHost().equalsIgnoreCase(next.getHost())
                        && port(origin) == port(next);
                return sameHost ? next.toString() : null;
            }
        }
        return null;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** One window of status requests, answers put in {@code states}; the first failure of the platform, or null. */
    private PlatformException statuses(List<RemoteJobRef> jobs, CallerToken caller,
                                       Map<RemoteJobRef, RemoteJobState> states) throws PlatformException {
        Map<RemoteJobRef, CompletableFuture<HttpResponse<String>>> pending = new LinkedHashMap<>();
        for (RemoteJobRef job : jobs) {
            pending.put(job, http.sendAsync(statusRequest(job, caller).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        PlatformException first = null;
        for (var entry : pending.entrySet()) {
            try {
                HttpResponse<String> response = entry.getValue().join();
                states.put(entry.getKey(), state(object(checked(response, "reading the job's status"),
                        "statusInfo")));
            } catch (CompletionException e) {
                first = first != null ? first : unavailable(e.getCause());
            } catch (PlatformException e) {
                if (e.kind() == Kind.REFUSED || e.kind() == Kind.UNREADABLE) {
                    // This job's answer is wrong, not the platform: it shows as unknown, the others go on.
                    states.put(entry.getKey(), new RemoteJobState(RemoteStatus.UNKNOWN, null, e.getMessage()));
                } else {
                    first = first != null ? first : e;
                }
            }
        }
        return first;
    }

    @Override
    public Map<String, Object> results(RemoteJobRef job, CallerToken caller) throws PlatformException {
        HttpRequest.Builder get = builder(host(job.service()) + "/jobs/" + segment(job.remoteJobId()) + "/results",
                caller).GET();
        String body = checked(send(get.build()), "reading the job's results");
        return collectionOf(parse(body), job.service(), job.remoteJobId(), caller);
    }

    @Override
    public void cancel(RemoteJobRef job, CallerToken caller) throws PlatformException {
        HttpRequest.Builder delete = builder(host(job.service()) + "/jobs/" + segment(job.remoteJobId()), caller)
                .DELETE();
        HttpResponse<String> response = send(delete.build());
        // 404: the platform no longer has it, which is what a dismiss wants.
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw failure(response, "dismissing the job");
        }
    }

    @Override
    public List<ProcessParameter> parameters(ServiceRef service, CallerToken caller) throws PlatformException {
        HttpRequest.Builder get = builder(host(service) + "/processes/" + segment(process(service)), caller).GET();
        Map<String, Object> description = object(checked(send(get.build()), "reading the process description"),
                "process description");
        return OgcParameters.of(description);
    }

    private HttpRequest.Builder statusRequest(RemoteJobRef job, CallerToken caller) throws PlatformException {
        return builder(host(job.service()) + "/jobs/" + segment(job.remoteJobId()), caller).GET();
    }

    /** A STAC Collection from a results document by APEx's rules; an empty one named {namespace}-{jobID} otherwise. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> collectionOf(Object document, ServiceRef service, String jobId, CallerToken caller)
            throws PlatformException {
        if (document instanceof Map<?, ?> outputs) {
            for (Object output : outputs.values()) {
                if (!(output instanceof Map<?, ?> qualified)) {
                    continue;
                }
                Object schema = qualified.get("schema");
                if (STAC_COLLECTION_SCHEMA.equals(schema) && qualified.get("value") instanceof Map<?, ?> value) {
                    return (Map<String, Object>) value;
                }
                if (FEATURE_COLLECTION_SCHEMA.equals(schema) && qualified.get("value") instanceof Map<?, ?> fc) {
                    Optional<String> href = collectionLink(fc);
                    if (href.isPresent()) {
                        HttpRequest.Builder get = builder(href.get(), caller).GET();
                        return object(checked(send(get.build()), "reading the results' STAC Collection"),
                                "STAC Collection");
                    }
                }
            }
        }
        return emptyCollection((service.namespace() == null ? "" : service.namespace()) + "-" + jobId);
    }

    private static Optional<String> collectionLink(Map<?, ?> featureCollection) {
        if (!(featureCollection.get("features") instanceof List<?> features)) {
            return Optional.empty();
        }
        for (Object feature : features) {
            if (feature instanceof Map<?, ?> f && f.get("links") instanceof List<?> links) {
                for (Object link : links) {
                    if (link instanceof Map<?, ?> l && "collection".equals(l.get("rel"))
                            && l.get("href") instanceof String href) {
                        return Optional.of(href);
                    }
                }
            }
        }
        return Optional.empty();
    }

    static Map<String, Object> emptyCollection(String id) {
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "Collection");
        collection.put("stac_version", "1.0.0");
        collection.put("id", id);
        collection.put("description", "The job's results hold no STAC Collection");
        collection.put("license", "other");
        collection.put("extent", Map.of("spatial", Map.of("bbox", List.of(List.of(-180, -90, 180, 90))),
                "temporal", Map.of("interval", List.of(java.util.Arrays.asList(null, null)))));
        collection.put("links", List.of());
        return collection;
    }

    /** OGC {@code StatusCode} → APEx status, as the reference maps it. */
    static RemoteStatus statusOf(Object status) {
        return switch (String.valueOf(status)) {
            case "accepted" -> RemoteStatus.CREATED;
            case "running" -> RemoteStatus.RUNNING;
            case "successful" -> RemoteStatus.FINISHED;
            case "failed" -> RemoteStatus.FAILED;
            case "dismissed" -> RemoteStatus.CANCELED;
            default -> RemoteStatus.UNKNOWN;
        };
    }

    private static RemoteJobState state(Map<String, Object> info) {
        Object status = info.get("status");
        Object message = info.get("message");
        return new RemoteJobState(statusOf(status), status instanceof String s ? s : null,
                message instanceof String m ? m : null);
    }

    private String host(ServiceRef service) {
        String namespace = service.namespace();
        return namespace == null || namespace.isBlank() ? endpoint : endpoint + "/" + segment(namespace.trim());
    }

    private static String process(ServiceRef service) throws PlatformException {
        return processId(service.application()).orElseThrow(() -> new PlatformException(Kind.REFUSED, 0,
                "application '" + service.application() + "' names no process"));
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder builder(String url, CallerToken caller) throws PlatformException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new PlatformException(Kind.REFUSED, 0, "Not a usable URL: " + url);
        }
        builder.timeout(timeout).header("Accept", "application/json");
        auth.authorization(caller).ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) throws PlatformException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(Kind.UNAVAILABLE, 0, "Interrupted while calling the platform", e);
        }
    }

    private static PlatformException unavailable(Throwable e) {
        return new PlatformException(Kind.UNAVAILABLE, 0, "The platform could not be reached: " + e, e);
    }

    private static String checked(HttpResponse<String> response, String doing) throws PlatformException {
        if (response.statusCode() / 100 != 2) {
            throw failure(response, doing);
        }
        return response.body();
    }

    private static PlatformException failure(HttpResponse<String> response, String doing) {
        int status = response.statusCode();
        Kind kind = status == 401 || status == 403 ? Kind.UNAUTHORIZED
                : status >= 500 || status == 429 || status == 408 ? Kind.UNAVAILABLE : Kind.REFUSED;
        String body = response.body() == null ? "" : response.body();
        return new PlatformException(kind, status, "The platform answered " + status + " " + doing + ": "
                + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
    }

    private Object parse(String body) throws PlatformException {
        try {
            return json.readValue(body);
        } catch (RuntimeException e) {
            return body; // not JSON: a raw value, which holds no STAC Collection
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(String body, String what) throws PlatformException {
        Object parsed;
        try {
            parsed = json.readValue(body);
        } catch (RuntimeException e) {
            throw new PlatformException(Kind.UNREADABLE, 200, "The platform's " + what + " is not JSON");
        }
        if (parsed instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new PlatformException(Kind.UNREADABLE, 200, "The platform's " + what + " is not a JSON object");
    }

    private Map<String, Object> object(HttpResponse<String> response, String what) throws PlatformException {
        return object(checked(response, "reading the job's status"), what);
    }

    @Override
    public String toString() {
        return "OgcProcessesPlatform[" + endpoint + "]";
    }

    static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
