package io.steward.dispatch.platform.openeo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformAuth;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.PlatformException.Kind;
import io.steward.dispatch.platform.ProcessParameter;
import io.steward.dispatch.platform.RemoteJobRef;
import io.steward.dispatch.platform.RemoteJobRequest;
import io.steward.dispatch.platform.RemoteJobState;
import io.steward.dispatch.platform.RemoteStatus;
import io.steward.dispatch.platform.ServiceRef;
import io.steward.dispatch.platform.Submission;
import io.steward.dispatch.platform.SyncPlatform;
import io.steward.dispatch.platform.auth.RefreshableAuth;
import io.steward.dispatch.platform.http.Json;
import io.steward.dispatch.platform.http.PlatformHttp;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An openEO backend (API 1.2, batch jobs) that unit jobs run on. {@code application} is the public URL of a
 * user-defined process (UDP): its JSON gives the process id and parameters, and a job is a two-node process graph
 * that calls that UDP by id with the UDP URL as its {@code namespace} (the remote-UDP extension), then
 * {@code save_result} in the requested format. Submitting creates the job ({@code POST /jobs}) and starts it
 * ({@code POST /jobs/{id}/results}); statuses come from {@code GET /jobs/{id}}, or one {@code GET /jobs} listing for
 * many; results are the job's STAC metadata as a Collection; cancel stops the job ({@code DELETE /jobs/{id}/results}).
 * The UDP document is fetched without credentials: the platform's credentials only ever go to the platform.
 */
public final class OpenEoPlatform implements SyncPlatform {
    static final String UDP_NODE = "udp1";
    static final String SAVE_NODE = "saveresult1";
    private static final int LISTING_PAGES = 20;
    private static final int MAX_UDP_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int LISTING_PAGE_SIZE = 500;
    private static final Map<String, String> FORMATS = Map.of(
            "geojson", "GeoJSON", "gtiff", "GTiff", "netcdf", "netCDF", "json", "JSON");

    private final URI endpoint;
    private final AtomicReference<URI> apiRoot = new AtomicReference<>();
    private final PlatformAuth auth;
    private final PlatformHttp http;
    private final Cache<String, JsonNode> udps;
    private final Predicate<URI> udpAllowed;

    /**
     * {@code endpoint} is the backend as users name it: its root, whose {@code /.well-known/openeo} names the API
     * versions it serves (the newest 1.x production one is used, as the openEO clients do), or a versioned API root
     * itself. UDP documents are kept {@code udpTtl} so repeated submissions of one service fetch it once; they are
     * fetched only from URLs {@code udpAllowed} accepts (each redirect included), as the request names them.
     */
    public OpenEoPlatform(URI endpoint, PlatformAuth auth, PlatformHttp http, Duration udpTtl,
                          Predicate<URI> udpAllowed) {
        this.udpAllowed = Objects.requireNonNull(udpAllowed, "udpAllowed");
        String base = Objects.requireNonNull(endpoint, "endpoint").toString();
        this.endpoint = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.auth = Objects.requireNonNull(auth, "auth");
        this.http = Objects.requireNonNull(http, "http");
        this.udps = Caffeine.newBuilder().expireAfterWrite(udpTtl).maximumSize(1_000).build();
    }

    /** UDP documents kept 5 minutes, from any http(s) URL. */
    public OpenEoPlatform(URI endpoint, PlatformAuth auth, PlatformHttp http) {
        this(endpoint, auth, http, Duration.ofMinutes(5), uri -> true);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public Submission submit(RemoteJobRequest request, CallerToken caller) throws PlatformException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (request.title() != null) {
            body.put("title", request.title());
        }
        body.set("process", process(request));
        HttpResponse<String> created = call("POST", "/jobs", body, caller);
        if (created.statusCode() != 201 && created.statusCode() != 200) {
            throw PlatformHttp.failure(created, "openEO POST " + api() + "/jobs");
        }
        String jobId = createdJobId(created);
        HttpResponse<String> started = call("POST", "/jobs/" + encode(jobId) + "/results", null, caller);
        if (!PlatformHttp.success(started)) {
            PlatformException failure = PlatformHttp.failure(started, "openEO POST " + api() + "/jobs/" + jobId
                    + "/results");
            deleteQuietly(jobId, caller);
            throw failure;
        }
        return new Submission(new RemoteJobRef(request.service(), jobId),
                new RemoteJobState(RemoteStatus.CREATED, "created", null));
    }

    @Override
    public SyncResult runSync(RemoteJobRequest request, CallerToken caller) throws PlatformException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("process", process(request));
        URI api = api();
        String what = "openEO POST " + api + "/result";
        HttpResponse<byte[]> response = withAuthRetry(caller, header -> http.send(
                request("POST", URI.create(api + "/result"), body, header), HttpResponse.BodyHandlers.ofByteArray(),
                what));
        if (!PlatformHttp.success(response)) {
            throw PlatformHttp.failure(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), what);
        }
        return new SyncResult(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse("application/octet-stream"), response.body());
    }

    /**
     * {@link #runSync}'s answer for a caller that renders JSON: a JSON answer parsed (a Map, a List or a scalar), any
     * other (a GeoTIFF, a netCDF) the {@link SyncResult} itself, to pass through with its content type.
     */
    public Object runSynchronously(RemoteJobRequest request, CallerToken caller) throws PlatformException {
        SyncResult result = runSync(request, caller);
        String type = result.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json") || type.startsWith("application/geo+json")) {
            JsonNode json = Json.read(new String(result.body(), StandardCharsets.UTF_8), "openEO POST /result");
            return Json.MAPPER.convertValue(json, Object.class);
        }
        return result;
    }

    @Override
    public RemoteJobState status(RemoteJobRef job, CallerToken caller) throws PlatformException {
        String path = "/jobs/" + encode(job.remoteJobId());
        HttpResponse<String> response = call("GET", path, null, caller);
        if (!PlatformHttp.success(response)) {
            throw PlatformHttp.failure(response, "openEO GET " + api() + path);
        }
        return state(Json.read(response.body(), "openEO GET " + api() + path));
    }

    /** One {@code GET /jobs} listing (followed over its {@code next} links) answers many jobs at once. */
    @Override
    public Map<RemoteJobRef, RemoteJobState> statuses(List<RemoteJobRef> jobs, CallerToken caller)
            throws PlatformException {
        if (jobs.size() < 2) {
            return SyncPlatform.super.statuses(jobs, caller);
        }
        Set<String> wanted = jobs.stream().map(RemoteJobRef::remoteJobId).collect(Collectors.toSet());
        Map<String, RemoteJobState> listed = new HashMap<>();
        String next = api() + "/jobs?limit=" + LISTING_PAGE_SIZE;
        for (int page = 0; page < LISTING_PAGES && next != null && listed.size() < wanted.size(); page++) {
            String url = next;
            String what = "openEO GET " + url;
            HttpResponse<String> response = withAuthRetry(caller, header -> http.send(
                    request("GET", URI.create(url), null, header), what));
            if (!PlatformHttp.success(response)) {
                throw PlatformHttp.failure(response, what);
            }
            JsonNode listing = Json.read(response.body(), what);
            for (JsonNode entry : listing.path("jobs")) {
                String id = entry.path("id").asText(null);
                if (id != null && wanted.contains(id)) {
                    listed.put(id, state(entry));
                }
            }
            next = nextLink(listing);
        }
        Map<RemoteJobRef, RemoteJobState> states = new LinkedHashMap<>();
        for (RemoteJobRef job : jobs) {
            RemoteJobState state = listed.get(job.remoteJobId());
            // A job the listing did not show (beyond its pages, or listed elsewhere) is asked for on its own.
            states.put(job, state != null ? state : status(job, caller));
        }
        return states;
    }

    @Override
    public Map<String, Object> results(RemoteJobRef job, CallerToken caller) throws PlatformException {
        String path = "/jobs/" + encode(job.remoteJobId()) + "/results";
        HttpResponse<String> response = call("GET", path, null, caller);
        if (!PlatformHttp.success(response)) {
            throw PlatformHttp.failure(response, "openEO GET " + api() + path);
        }
        JsonNode metadata = Json.read(response.body(), "openEO GET " + api() + path);
        return Json.toMap(StacResults.asCollection(metadata, job.remoteJobId()));
    }

    @Override
    public void cancel(RemoteJobRef job, CallerToken caller) throws PlatformException {
        String path = "/jobs/" + encode(job.remoteJobId()) + "/results";
        HttpResponse<String> response = call("DELETE", path, null, caller);
        if (!PlatformHttp.success(response)) {
            throw PlatformHttp.failure(response, "openEO DELETE " + api() + path);
        }
    }

    @Override
    public List<ProcessParameter> parameters(ServiceRef service, CallerToken caller) throws PlatformException {
        return UdpParameters.of(udp(service.application()));
    }

    /** The UDP's id, for the describe cache; fetched like the parameters. */
    public String processId(ServiceRef service) throws PlatformException {
        return udpId(udp(service.application()), service.application());
    }

    // --- the process graph ---------------------------------------------------------------------------------------

    private ObjectNode process(RemoteJobRequest request) throws PlatformException {
        String udpUrl = request.service().application();
        JsonNode udp = udp(udpUrl);
        Map<String, Object> arguments = BoundingBoxes.fitted(request.parameters(), UdpParameters.of(udp));

        ObjectNode graph = Json.MAPPER.createObjectNode();
        ObjectNode call = graph.putObject(UDP_NODE);
        call.put("process_id", udpId(udp, udpUrl));
        call.put("namespace", udpUrl);
        call.set("arguments", Json.MAPPER.valueToTree(arguments == null ? Map.of() : arguments));
        ObjectNode save = graph.putObject(SAVE_NODE);
        save.put("process_id", "save_result");
        ObjectNode saveArguments = save.putObject("arguments");
        saveArguments.putObject("data").put("from_node", UDP_NODE);
        saveArguments.put("format", format(request.format()));
        saveArguments.putObject("options");
        save.put("result", true);

        ObjectNode process = Json.MAPPER.createObjectNode();
        process.set("process_graph", graph);
        return process;
    }

    static String format(String format) {
        if (format == null) {
            return "GTiff";
        }
        return FORMATS.getOrDefault(format.toLowerCase(Locale.ROOT), format);
    }

    private JsonNode udp(String url) throws PlatformException {
        JsonNode cached = udps.getIfPresent(url);
        if (cached != null) {
            return cached;
        }
        URI uri = udpUri(url);
        String what = "the user-defined process at " + url;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET()
                .header("Accept", "application/json"), what);
        // Redirects are followed here by hand (public documents often move), as no credentials go with this call.
        for (int hop = 0; hop < MAX_UDP_REDIRECTS && REDIRECTS.contains(response.statusCode()); hop++) {
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) {
                break;
            }
            uri = udpUri(uri.resolve(location.get()).toString());
            response = http.send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"), what);
        }
        if (!PlatformHttp.success(response)) {
            PlatformException failure = PlatformHttp.failure(response, what);
            // A UDP URL that does not answer its document is a bad request, whatever credentials Steward has.
            throw new PlatformException(failure.kind() == Kind.UNAUTHORIZED ? Kind.REFUSED : failure.kind(),
                    failure.httpStatus(), failure.getMessage());
        }
        JsonNode udp = Json.read(response.body(), what);
        udpId(udp, url);
        udps.put(url, udp);
        return udp;
    }

    private URI udpUri(String url) throws PlatformException {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                if (!udpAllowed.test(uri)) {
                    throw new PlatformException(Kind.REFUSED, 0, "user-defined processes are not fetched from "
                            + uri.getHost() + " on this server");
                }
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        throw new PlatformException(Kind.REFUSED, 0, "service.application must be the http(s) URL of an openEO"
                + " user-defined process, not " + PlatformHttp.excerpt(url));
    }

    private static String udpId(JsonNode udp, String url) throws PlatformException {
        JsonNode id = udp.path("id");
        if (!id.isTextual() || id.asText().isBlank()) {
            throw new PlatformException(Kind.REFUSED, 0, "the user-defined process at " + url + " has no \"id\"");
        }
        return id.asText();
    }

    // --- HTTP ----------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface AuthorizedCall<T> {
        HttpResponse<T> send(Optional<String> authorization) throws PlatformException;
    }

    /** Sends with the platform's credentials; a 401/403 with a kept token forgets it and tries once more. */
    private <T> HttpResponse<T> withAuthRetry(CallerToken caller, AuthorizedCall<T> call) throws PlatformException {
        HttpResponse<T> response = call.send(auth.authorization(caller));
        if ((response.statusCode() == 401 || response.statusCode() == 403) && auth instanceof RefreshableAuth kept) {
            kept.forget(caller);
            response = call.send(auth.authorization(caller));
        }
        return response;
    }

    private HttpResponse<String> call(String method, String path, JsonNode body, CallerToken caller)
            throws PlatformException {
        URI uri = URI.create(api() + path);
        String what = "openEO " + method + " " + uri;
        return withAuthRetry(caller, header -> http.send(request(method, uri, body, header), what));
    }

    /** The API root to call, found once from the endpoint's well-known document; a backend down is not remembered. */
    private URI api() throws PlatformException {
        URI known = apiRoot.get();
        if (known != null) {
            return known;
        }
        apiRoot.compareAndSet(null, OpenEoVersions.discover(endpoint, http));
        return apiRoot.get();
    }

    private static HttpRequest.Builder request(String method, URI uri, JsonNode body, Optional<String> authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", "application/json");
        authorization.ifPresent(value -> builder.header("Authorization", value));
        if (body != null) {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder;
    }

    private void deleteQuietly(String jobId, CallerToken caller) {
        try {
            call("DELETE", "/jobs/" + encode(jobId), null, caller);
        } catch (PlatformException ignored) {
            // The start failure is what the caller needs to hear; an unstarted job costs the user nothing.
        }
    }

    private String createdJobId(HttpResponse<String> created) throws PlatformException {
        Optional<String> id = created.headers().firstValue("OpenEO-Identifier");
        if (id.isPresent() && !id.get().isBlank()) {
            return id.get();
        }
        Optional<String> location = created.headers().firstValue("Location");
        if (location.isPresent()) {
            String path = URI.create(location.get()).getPath();
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (!last.isEmpty()) {
                return java.net.URLDecoder.decode(last, StandardCharsets.UTF_8);
            }
        }
        throw new PlatformException(Kind.UNREADABLE, created.statusCode(), "openEO POST " + apiRoot.get()
                + "/jobs answered " + created.statusCode() + " without an OpenEO-Identifier or Location header");
    }

    private static RemoteJobState state(JsonNode job) {
        String status = job.path("status").isTextual() ? job.path("status").asText() : null;
        return new RemoteJobState(OpenEoStatuses.of(status), status, null);
    }

    /** The listing's {@code next} page, followed only on the backend itself: the credentials go nowhere else. */
    private String nextLink(JsonNode listing) {
        for (JsonNode link : listing.path("links")) {
            if ("next".equals(link.path("rel").asText()) && link.path("href").isTextual()) {
                URI next = apiRoot.get().resolve(link.path("href").asText());
                boolean sameOrigin = Objects.equals(next.getScheme(), endpoint.getScheme())
                        && Objects.equals(next.getHost(), endpoint.getHost()) && next.getPort() == endpoint.getPort();
                return sameOrigin ? next.toString() : null;
            }
        }
        return null;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "OpenEoPlatform[" + endpoint + "]";
    }
}
