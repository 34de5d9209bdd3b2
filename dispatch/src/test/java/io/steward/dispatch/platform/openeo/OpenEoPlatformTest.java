package io.steward.dispatch.platform.openeo;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.PlatformException.Kind;
import io.steward.dispatch.platform.ProcessParameter;
import io.steward.dispatch.platform.RemoteJobRef;
import io.steward.dispatch.platform.RemoteJobRequest;
import io.steward.dispatch.platform.RemoteStatus;
import io.steward.dispatch.platform.ServiceRef;
import io.steward.dispatch.platform.Submission;
import io.steward.dispatch.platform.SyncPlatform.SyncResult;
import io.steward.dispatch.platform.auth.PlatformAuths;
import io.steward.dispatch.platform.auth.TokenEndpoint;
import io.steward.dispatch.platform.http.Json;
import io.steward.dispatch.platform.http.PlatformHttp;
import io.steward.dispatch.support.FakeHttpServer;
import io.steward.dispatch.support.FakeHttpServer.Answer;
import io.steward.dispatch.support.FakeTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OpenEoPlatformTest {
    private static final String UDP = """
            {"id": "ndvi_composite", "process_graph": {},
             "parameters": [
               {"name": "spatial_extent", "description": "Area", "schema": [
                  {"type": "object", "subtype": "bounding-box"}, {"type": "object", "subtype": "geojson"}]},
               {"name": "temporal_extent", "schema": {"type": "array", "subtype": "temporal-interval"}},
               {"name": "bands", "optional": true, "default": ["B04"], "schema": {"type": "array", "items": {"type": "string"}}},
               {"name": "cloud_cover", "optional": true, "schema": {"type": "number"}},
               {"name": "max_scenes", "optional": true, "schema": {"type": "integer"}},
               {"name": "mask", "optional": true, "schema": {"type": "boolean"}},
               {"name": "method", "optional": true, "schema": {"type": "string", "enum": ["mean", "median"]}},
               {"name": "when", "optional": true, "schema": {"type": "string", "format": "date-time", "subtype": "date-time"}}
             ]}""";

    private final FakeHttpServer backend = new FakeHttpServer();
    private final FakeHttpServer udpHost = new FakeHttpServer();
    private final PlatformHttp http = PlatformHttp.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
    private final String udpUrl = udpHost.base() + "/udps/ndvi_composite.json";
    private final ServiceRef service = new ServiceRef(backend.base() + "/openeo/1.2", udpUrl, null);

    OpenEoPlatformTest() {
        udpHost.on("GET /udps/ndvi_composite.json", r -> Answer.json(200, UDP));
    }

    @AfterEach
    void stop() {
        backend.close();
        udpHost.close();
    }

    private OpenEoPlatform platform(Map<String, Object> auth) {
        return new OpenEoPlatform(URI.create(backend.base() + "/openeo/1.2/"), PlatformAuths.fromConfig(auth), http);
    }

    private OpenEoPlatform forwarding() {
        return platform(Map.of("type", "forward", "token_prefix", "oidc/egi"));
    }

    private static final CallerToken ALICE = new CallerToken("alice-tok");

    private RemoteJobRequest request(Map<String, Object> parameters, String format) {
        return new RemoteJobRequest(service, parameters, "NDVI over Rome", format);
    }

    private static final Map<String, Object> POLYGON = Map.of("type", "Polygon", "coordinates",
            List.of(List.of(List.of(12.0, 41.0), List.of(13.0, 41.0), List.of(13.0, 42.5), List.of(12.0, 41.0))));

    @Test
    void submit_creates_a_job_calling_the_remote_udp_then_starts_it() throws Exception {
        AtomicInteger ids = new AtomicInteger();
        backend.on("POST /openeo/1.2/jobs", r -> new Answer(201, null, "").with(Map.of("OpenEO-Identifier", "j-" + ids.incrementAndGet(),
                        "Location", backend.base() + "/openeo/1.2/jobs/j-" + ids.get())));
        backend.on("POST /openeo/1.2/jobs/j-1/results", r -> Answer.json(202, ""));
        backend.on("POST /openeo/1.2/jobs/j-2/results", r -> Answer.json(202, ""));
        OpenEoPlatform platform = forwarding();

        Submission submission = platform.submit(request(Map.of("spatial_extent", POLYGON,
                "temporal_extent", List.of("2024-06-01", "2024-07-01"), "bands", List.of("B04", "B08")), "gtiff"), ALICE);

        assertThat(submission.job()).isEqualTo(new RemoteJobRef(service, "j-1"));
        assertThat(submission.state().status()).isEqualTo(RemoteStatus.CREATED);
        var create = backend.requests("POST", "/openeo/1.2/jobs").get(0);
        assertThat(create.header("Authorization")).isEqualTo("Bearer oidc/egi/alice-tok");
        assertThat(create.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = Json.MAPPER.readTree(create.body());
        assertThat(body.path("title").asText()).isEqualTo("NDVI over Rome");
        JsonNode graph = body.path("process").path("process_graph");
        assertThat(graph.size()).isEqualTo(2);
        JsonNode udp = graph.path("udp1");
        assertThat(udp.path("process_id").asText()).isEqualTo("ndvi_composite");
        assertThat(udp.path("namespace").asText()).isEqualTo(udpUrl);
        assertThat(udp.path("arguments")).isEqualTo(Json.MAPPER.readTree("""
                {"spatial_extent": {"west": 12.0, "south": 41.0, "east": 13.0, "north": 42.5},
                 "temporal_extent": ["2024-06-01", "2024-07-01"], "bands": ["B04", "B08"]}"""));
        assertThat(udp.has("result")).isFalse();
        assertThat(graph.path("saveresult1")).isEqualTo(Json.MAPPER.readTree("""
                {"process_id": "save_result", "arguments": {"data": {"from_node": "udp1"}, "format": "GTiff",
                 "options": {}}, "result": true}"""));
        var start = backend.requests("POST", "/openeo/1.2/jobs/j-1/results");
        assertThat(start).hasSize(1);
        assertThat(start.get(0).header("Authorization")).isEqualTo("Bearer oidc/egi/alice-tok");

        // The UDP document is fetched once, and without the platform's credentials.
        platform.submit(request(Map.of("spatial_extent", Map.of("west", 1, "south", 2, "east", 3, "north", 4)),
                "netcdf"), ALICE);
        assertThat(udpHost.requests()).hasSize(1);
        assertThat(udpHost.requests().get(0).header("Authorization")).isNull();
        JsonNode second = Json.MAPPER.readTree(backend.requests("POST", "/openeo/1.2/jobs").get(1).body());
        assertThat(second.at("/process/process_graph/saveresult1/arguments/format").asText()).isEqualTo("netCDF");
        assertThat(second.at("/process/process_graph/udp1/arguments/spatial_extent"))
                .isEqualTo(Json.MAPPER.readTree("{\"west\":1,\"south\":2,\"east\":3,\"north\":4}"));
    }

    @Test
    void the_job_id_comes_from_location_when_there_is_no_identifier_header() throws Exception {
        backend.on("POST /openeo/1.2/jobs", r -> new Answer(201, null, "").with(Map.of("Location", backend.base() + "/openeo/1.2/jobs/loc-7")));
        backend.on("POST /openeo/1.2/jobs/loc-7/results", r -> Answer.json(202, ""));
        Submission submission = forwarding().submit(request(Map.of(), "json"), ALICE);
        assertThat(submission.job().remoteJobId()).isEqualTo("loc-7");
    }

    @Test
    void a_job_that_cannot_start_is_deleted_and_the_start_failure_reported() {
        backend.on("POST /openeo/1.2/jobs", r -> new Answer(201, null, "").with(Map.of("OpenEO-Identifier", "j-9")));
        backend.on("POST /openeo/1.2/jobs/j-9/results", r -> Answer.json(400,
                "{\"code\":\"JobLocked\",\"message\":\"Job is locked\"}"));
        backend.on("DELETE /openeo/1.2/jobs/j-9", r -> Answer.json(204, ""));
        PlatformException e = catchThrowableOfType(() -> forwarding().submit(request(Map.of(), "gtiff"), ALICE),
                PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.REFUSED);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("/jobs/j-9/results answered 400").contains("JobLocked");
        assertThat(backend.requests("DELETE", "/openeo/1.2/jobs/j-9")).hasSize(1);
    }

    @Test
    void statuses_map_as_apex_does() throws Exception {
        OpenEoPlatform platform = forwarding();
        Map<String, RemoteStatus> expected = Map.of("created", RemoteStatus.CREATED, "queued", RemoteStatus.QUEUED,
                "running", RemoteStatus.RUNNING, "finished", RemoteStatus.FINISHED, "canceled", RemoteStatus.CANCELED,
                "cancelled", RemoteStatus.CANCELED, "error", RemoteStatus.FAILED, "paused", RemoteStatus.UNKNOWN);
        for (var e : expected.entrySet()) {
            backend.on("GET /openeo/1.2/jobs/j-1", r -> Answer.json(200,
                    "{\"id\":\"j-1\",\"status\":\"" + e.getKey() + "\",\"created\":\"2024-01-01T00:00:00Z\"}"));
            var state = platform.status(new RemoteJobRef(service, "j-1"), ALICE);
            assertThat(state.status()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(state.platformStatus()).isEqualTo(e.getKey());
        }
    }

    @Test
    void many_statuses_come_from_the_listing_over_its_pages_and_the_rest_one_by_one() throws Exception {
        backend.on("GET /openeo/1.2/jobs", r -> r.query().contains("page=2")
                ? Answer.json(200, "{\"jobs\":[{\"id\":\"b\",\"status\":\"finished\"}],\"links\":[]}")
                : Answer.json(200, "{\"jobs\":[{\"id\":\"a\",\"status\":\"running\"},{\"id\":\"x\",\"status\":\"error\"}],"
                + "\"links\":[{\"rel\":\"next\",\"href\":\"" + backend.base() + "/openeo/1.2/jobs?limit=500&page=2\"}]}"));
        backend.on("GET /openeo/1.2/jobs/c", r -> Answer.json(200, "{\"id\":\"c\",\"status\":\"queued\"}"));
        RemoteJobRef a = new RemoteJobRef(service, "a");
        RemoteJobRef b = new RemoteJobRef(service, "b");
        RemoteJobRef c = new RemoteJobRef(service, "c");

        var states = forwarding().statuses(List.of(a, b, c), ALICE);

        assertThat(states.keySet()).containsExactly(a, b, c);
        assertThat(states.get(a).status()).isEqualTo(RemoteStatus.RUNNING);
        assertThat(states.get(b).status()).isEqualTo(RemoteStatus.FINISHED);
        assertThat(states.get(c).status()).isEqualTo(RemoteStatus.QUEUED);
        assertThat(backend.requests("GET", "/openeo/1.2/jobs")).hasSize(2);
        assertThat(backend.requests("GET", "/openeo/1.2/jobs").get(0).query()).isEqualTo("limit=500");
        assertThat(backend.requests("GET", "/openeo/1.2/jobs/c")).hasSize(1);
        assertThat(backend.requests("GET", "/openeo/1.2/jobs/a")).isEmpty();
    }

    @Test
    void a_listing_next_link_to_another_host_is_not_followed() throws Exception {
        backend.on("GET /openeo/1.2/jobs", r -> Answer.json(200, "{\"jobs\":[{\"id\":\"a\",\"status\":\"running\"}],"
                + "\"links\":[{\"rel\":\"next\",\"href\":\"" + udpHost.base() + "/steal\"}]}"));
        backend.on("GET /openeo/1.2/jobs/b", r -> Answer.json(200, "{\"id\":\"b\",\"status\":\"queued\"}"));
        var states = forwarding().statuses(List.of(new RemoteJobRef(service, "a"), new RemoteJobRef(service, "b")),
                ALICE);
        assertThat(states.values()).extracting(s -> s.status()).containsExactly(RemoteStatus.RUNNING,
                RemoteStatus.QUEUED);
        assertThat(udpHost.requests("GET", "/steal")).isEmpty();
    }

    @Test
    void results_of_an_item_become_a_collection_and_a_collection_passes() throws Exception {
        backend.on("GET /openeo/1.2/jobs/j-1/results", r -> Answer.json(200, """
                {"type": "Feature", "stac_version": "1.0.0", "id": "j-1", "bbox": [12, 41, 13, 42.5],
                 "geometry": null,
                 "properties": {"datetime": null, "start_datetime": "2024-06-01T00:00:00Z",
                   "end_datetime": "2024-07-01T00:00:00Z", "title": "NDVI"},
                 "assets": {"openEO.tif": {"href": "https://cdn.example/j-1/openEO.tif", "type": "image/tiff"}},
                 "links": [{"rel": "self", "href": "https://backend.example/jobs/j-1/results"}]}"""));
        Map<String, Object> collection = forwarding().results(new RemoteJobRef(service, "j-1"), ALICE);
        assertThat((JsonNode) Json.MAPPER.valueToTree(collection)).isEqualTo(Json.MAPPER.readTree("""
                {"type": "Collection", "stac_version": "1.0.0", "id": "j-1", "description": "NDVI", "title": "NDVI",
                 "license": "proprietary",
                 "extent": {"spatial": {"bbox": [[12, 41, 13, 42.5]]},
                            "temporal": {"interval": [["2024-06-01T00:00:00Z", "2024-07-01T00:00:00Z"]]}},
                 "links": [{"rel": "self", "href": "https://backend.example/jobs/j-1/results"}],
                 "assets": {"openEO.tif": {"href": "https://cdn.example/j-1/openEO.tif", "type": "image/tiff"}}}"""));

        String stac = "{\"type\":\"Collection\",\"id\":\"c\",\"stac_version\":\"1.0.0\",\"description\":\"d\","
                + "\"license\":\"CC-BY-4.0\",\"extent\":{},\"links\":[]}";
        backend.on("GET /openeo/1.2/jobs/j-2/results", r -> Answer.json(200, stac));
        assertThat((JsonNode) Json.MAPPER.valueToTree(forwarding().results(new RemoteJobRef(service, "j-2"), ALICE)))
                .isEqualTo(Json.MAPPER.readTree(stac));
    }

    @Test
    void cancel_stops_the_batch_job() throws Exception {
        backend.on("DELETE /openeo/1.2/jobs/j-1/results", r -> Answer.json(204, ""));
        forwarding().cancel(new RemoteJobRef(service, "j-1"), ALICE);
        assertThat(backend.requests("DELETE", "/openeo/1.2/jobs/j-1/results")).hasSize(1);
        assertThat(backend.requests("DELETE", "/openeo/1.2/jobs/j-1/results").get(0).header("Authorization"))
                .isEqualTo("Bearer oidc/egi/alice-tok");
    }

    @Test
    void a_backend_root_names_its_api_in_the_well_known_document_and_the_newest_production_1x_is_used()
            throws Exception {
        backend.on("GET /.well-known/openeo", r -> Answer.json(200, """
                {"versions": [
                  {"url": "%1$s/openeo/1.0/", "api_version": "1.0.1", "production": true},
                  {"url": "%1$s/openeo/1.2/", "api_version": "1.2.0", "production": true},
                  {"url": "%1$s/openeo/1.3/", "api_version": "1.3.0", "production": false},
                  {"url": "https://elsewhere.example/openeo/1.9", "api_version": "1.9.0", "production": true},
                  {"url": "%1$s/openeo/2.0/", "api_version": "2.0.0", "production": true}]}"""
                .formatted(backend.base())));
        backend.on("GET /openeo/1.2/jobs/j-1", r -> Answer.json(200, "{\"id\":\"j-1\",\"status\":\"queued\"}"));
        OpenEoPlatform platform = new OpenEoPlatform(URI.create(backend.base()),
                PlatformAuths.fromConfig(Map.of("type", "bearer", "token", "t")), http);

        assertThat(platform.status(new RemoteJobRef(service, "j-1"), ALICE).status()).isEqualTo(RemoteStatus.QUEUED);
        assertThat(platform.status(new RemoteJobRef(service, "j-1"), ALICE).status()).isEqualTo(RemoteStatus.QUEUED);
        assertThat(backend.requests("GET", "/.well-known/openeo")).hasSize(1);
        assertThat(backend.requests("GET", "/.well-known/openeo").get(0).header("Authorization")).isNull();
    }

    @Test
    void sync_posts_the_graph_to_result_and_passes_the_answer_through() throws Exception {
        backend.on("POST /openeo/1.2/result", r -> new Answer(200, "image/tiff", "II*\u0000fake-tiff"));
        SyncResult result = forwarding().runSync(request(Map.of("spatial_extent", POLYGON), "gtiff"), ALICE);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.contentType()).isEqualTo("image/tiff");
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("II*\u0000fake-tiff");
        JsonNode body = Json.MAPPER.readTree(backend.requests("POST", "/openeo/1.2/result").get(0).body());
        assertThat(body.has("title")).isFalse();
        assertThat(body.at("/process/process_graph/udp1/process_id").asText()).isEqualTo("ndvi_composite");
        assertThat(body.at("/process/process_graph/saveresult1/result").asBoolean()).isTrue();
    }

    @Test
    void run_synchronously_parses_a_json_answer_and_passes_any_other_through() throws Exception {
        backend.on("POST /openeo/1.2/result", r -> new Answer(200, "application/geo+json",
                "{\"type\":\"FeatureCollection\",\"features\":[]}"));
        assertThat(forwarding().runSynchronously(request(Map.of(), "geojson"), ALICE))
                .isEqualTo(Map.of("type", "FeatureCollection", "features", List.of()));
        backend.on("POST /openeo/1.2/result", r -> new Answer(200, "image/tiff", "II*"));
        assertThat(forwarding().runSynchronously(request(Map.of(), "gtiff"), ALICE)).isInstanceOf(SyncResult.class);
    }

    @Test
    void parameters_come_from_the_udp_with_apex_types() throws Exception {
        List<ProcessParameter> parameters = forwarding().parameters(service, ALICE);
        assertThat(parameters).extracting(ProcessParameter::name, ProcessParameter::type, ProcessParameter::optional)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("spatial_extent", "bounding-box", false),
                        org.assertj.core.groups.Tuple.tuple("temporal_extent", "date-interval", false),
                        org.assertj.core.groups.Tuple.tuple("bands", "array-string", true),
                        org.assertj.core.groups.Tuple.tuple("cloud_cover", "double", true),
                        org.assertj.core.groups.Tuple.tuple("max_scenes", "integer", true),
                        org.assertj.core.groups.Tuple.tuple("mask", "boolean", true),
                        org.assertj.core.groups.Tuple.tuple("method", "string", true),
                        org.assertj.core.groups.Tuple.tuple("when", "datetime", true));
        assertThat(parameters.get(0).description()).isEqualTo("Area");
        assertThat(parameters.get(2).defaultValue()).isEqualTo(List.of("B04"));
        assertThat(parameters.get(6).options()).containsExactly("mean", "median");
        assertThat(backend.requests()).isEmpty();
    }

    @Test
    void a_moved_udp_document_is_followed_but_a_platform_redirect_is_not() throws Exception {
        udpHost.on("GET /old.json", r -> new Answer(301, null, "").with(Map.of("Location", "/udps/ndvi_composite.json")));
        ServiceRef moved = new ServiceRef(service.endpoint(), udpHost.base() + "/old.json", null);
        assertThat(forwarding().parameters(moved, ALICE)).hasSize(8);

        backend.on("GET /openeo/1.2/jobs/j-1", r -> new Answer(302, null, "")
                .with(Map.of("Location", udpHost.base() + "/steal")));
        PlatformException e = catchThrowableOfType(() -> forwarding().status(new RemoteJobRef(service, "j-1"), ALICE),
                PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.UNREADABLE);
        assertThat(e.httpStatus()).isEqualTo(302);
        assertThat(udpHost.requests("GET", "/steal")).isEmpty();
    }

    @Test
    void an_application_that_is_not_a_udp_url_or_not_there_is_refused() {
        var notUrl = new RemoteJobRequest(new ServiceRef(service.endpoint(), "ndvi", null), Map.of(), "t", "gtiff");
        PlatformException e = catchThrowableOfType(() -> forwarding().submit(notUrl, ALICE), PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.REFUSED);
        assertThat(e.getMessage()).contains("http(s) URL of an openEO user-defined process");

        var missing = new RemoteJobRequest(new ServiceRef(service.endpoint(), udpHost.base() + "/nope.json", null),
                Map.of(), "t", "gtiff");
        e = catchThrowableOfType(() -> forwarding().submit(missing, ALICE), PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.REFUSED);
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(backend.requests()).isEmpty();

        OpenEoPlatform picky = new OpenEoPlatform(URI.create(service.endpoint()),
                PlatformAuths.fromConfig(Map.of("type", "forward")), http, Duration.ofMinutes(5),
                uri -> uri.getHost().equals("udps.example"));
        e = catchThrowableOfType(() -> picky.submit(request(Map.of(), "gtiff"), ALICE), PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.REFUSED);
        assertThat(e.getMessage()).isEqualTo("user-defined processes are not fetched from 127.0.0.1 on this server");
        assertThat(udpHost.requests("GET", "/udps/ndvi_composite.json")).isEmpty();

        udpHost.on("GET /noid.json", r -> Answer.json(200, "{\"parameters\":[]}"));
        var noId = new RemoteJobRequest(new ServiceRef(service.endpoint(), udpHost.base() + "/noid.json", null),
                Map.of(), "t", "gtiff");
        e = catchThrowableOfType(() -> forwarding().submit(noId, ALICE), PlatformException.class);
        assertThat(e.getMessage()).contains("has no \"id\"");
    }

    @Test
    void a_bounding_box_parameter_that_is_no_box_is_refused_before_any_platform_call() {
        PlatformException e = catchThrowableOfType(() -> forwarding().submit(request(
                Map.of("spatial_extent", "Rome"), "gtiff"), ALICE), PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.REFUSED);
        assertThat(e.getMessage()).contains("parameter spatial_extent must be a bounding box");
        assertThat(backend.requests()).isEmpty();
    }

    @Test
    void a_platform_that_is_down_is_unavailable() {
        OpenEoPlatform down = new OpenEoPlatform(URI.create("http://127.0.0.1:" + FakeHttpServer.closedPort()),
                PlatformAuths.fromConfig(Map.of("type", "bearer", "token", "t")), http);
        PlatformException e = catchThrowableOfType(() -> down.status(new RemoteJobRef(service, "j-1"), ALICE),
                PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).contains("unreachable");
    }

    @Test
    void a_5xx_is_unavailable_with_the_platforms_words() {
        backend.on("POST /openeo/1.2/jobs", r -> Answer.json(503, "{\"code\":\"ServiceUnavailable\",\"message\":\"maintenance\"}"));
        PlatformException e = catchThrowableOfType(() -> forwarding().submit(request(Map.of(), "gtiff"), ALICE),
                PlatformException.class);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("answered 503").contains("maintenance");
    }

    @Test
    void a_slow_platform_times_out_after_the_configured_request_timeout() {
        backend.on("GET /openeo/1.2/jobs/j-1", r -> {
            backend.hangUntilClosed();
            return Answer.json(200, "{}");
        });
        OpenEoPlatform impatient = new OpenEoPlatform(URI.create(backend.base() + "/openeo/1.2"),
                PlatformAuths.fromConfig(Map.of("type", "bearer", "token", "t")),
                PlatformHttp.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1)));
        long start = System.nanoTime();
        PlatformException e = catchThrowableOfType(() -> impatient.status(new RemoteJobRef(service, "j-1"), ALICE),
                PlatformException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("no answer within 1 s");
        assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofMillis(10_000));
    }

    @Test
    void a_401_from_the_platform_re_exchanges_once_then_is_unauthorized() {
        try (FakeHttpServer idp = new FakeHttpServer()) {
            AtomicInteger issued = new AtomicInteger();
            idp.on("POST /token", r -> Answer.json(200, "{\"access_token\":\"x-" + issued.incrementAndGet()
                    + "\",\"expires_in\":300}"));
            backend.on("GET /openeo/1.2/jobs/j-1", r -> Answer.json(401,
                    "{\"code\":\"TokenInvalid\",\"message\":\"Invalid token\"}"));
            OpenEoPlatform platform = new OpenEoPlatform(URI.create(backend.base() + "/openeo/1.2"),
                    PlatformAuths.fromConfig(Map.of("type", "token-exchange", "token_url", idp.base() + "/token",
                            "client_id", "steward", "client_secret", "s", "token_prefix", "oidc/egi"),
                            new TokenEndpoint(http), new FakeTicker()), http);
            PlatformException e = catchThrowableOfType(() -> platform.status(new RemoteJobRef(service, "j-1"), ALICE),
                    PlatformException.class);
            assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.getMessage()).contains("TokenInvalid").doesNotContain("x-1").doesNotContain("alice-tok");
            assertThat(backend.requests("GET", "/openeo/1.2/jobs/j-1")).extracting(r -> r.header("Authorization"))
                    .containsExactly("Bearer oidc/egi/x-1", "Bearer oidc/egi/x-2");
            assertThat(idp.requests()).hasSize(2);
        }
    }
}
