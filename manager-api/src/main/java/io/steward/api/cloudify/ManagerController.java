package io.steward.api.cloudify;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.cloudify.query.ListParams;
import io.steward.api.cloudify.schema.CloudifySchemas;
import io.steward.tenancy.manager.ServerRegistry.Server;
import io.steward.tenancy.store.Dialect;
import io.steward.tenancy.store.StorageException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.steward.api.cloudify.ApiPaths.V3;
import static io.steward.api.cloudify.ApiPaths.V31;

/**
 * The manager's own endpoints that {@code cfy profiles use}, {@code cfy status}, {@code cfy --version} and
 * {@code cfy cluster …} call, answered from the registry of live servers ({@link ServerPresence}). Steward has no
 * message broker: servers signal each other through the database (PostgreSQL {@code LISTEN/NOTIFY}), so the one
 * broker listed is the database.
 */
@ApiResponse(responseCode = "4XX", description = "Cloudify's error body: a refused request",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@ApiResponse(responseCode = "5XX", description = "Cloudify's error body: the server or its database failed",
        content = @Content(schema = @Schema(implementation = CloudifySchemas.Error.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class ManagerController {
    static final List<String> MANAGER_FIELDS = List.of("id", "hostname", "private_ip", "public_ip", "version",
            "edition", "distribution", "distro_release", "fs_sync_node_id", "networks", "last_seen",
            "status_report_frequency", "ca_cert_content", "node_id", "runs_engine");
    private static final String EDITION = "community";

    private final ServerPresence presence;

    ManagerController(ServerPresence presence) {
        this.presence = presence;
    }

    @Operation(operationId = "getVersion")
    @Get(uris = {"/api/version", V3 + "/version", V31 + "/version"})
    Map<String, Object> version() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", ServerPresence.version());
        body.put("edition", EDITION);
        body.put("distribution", System.getProperty("os.name"));
        body.put("distro_release", System.getProperty("os.version"));
        body.put("build", null);
        body.put("date", null);
        body.put("commit", null);
        return body;
    }

    /** Unauthenticated, for load balancers: {@code "OK"} while this server reaches its database. */
    @Operation(operationId = "getOk")
    @Get(uris = {V3 + "/ok", V31 + "/ok"}, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> ok() {
        try {
            presence.live();
            return HttpResponse.ok("\"OK\"");
        } catch (StorageException e) {
            return HttpResponse.<String>status(HttpStatus.INTERNAL_SERVER_ERROR).body("\"FAIL\"");
        }
    }

    @Operation(operationId = "getStatus")
    @Get(uris = {V3 + "/status", V31 + "/status"})
    Map<String, Object> status(HttpRequest<?> request) {
        // Parsed strictly: Micronaut's binding would take any word that is not "true" as false.
        boolean summary = ListParams.QueryBooleans.parse(request.getParameters(), "summary", false);
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("Manager Rest-Service", service(true, false, Map.of("node_id", presence.nodeId())));
        List<Server> live;
        boolean databaseUp;
        try {
            live = presence.live();
            databaseUp = true;
        } catch (StorageException e) {
            live = List.of();
            databaseUp = false;
        }
        boolean postgres = presence.dialect() == Dialect.POSTGRES;
        services.put(postgres ? "PostgreSQL" : "H2", service(databaseUp, postgres, Map.of()));
        long engines = live.stream().filter(Server::runsEngine).count();
        services.put("Management Worker", service(engines > 0, !presence.runsEngine(),
                Map.of("servers_running_the_engine", engines)));
        boolean allActive = services.values().stream()
                .allMatch(s -> "Active".equals(((Map<?, ?>) s).get("status")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allActive ? "OK" : "Fail");
        body.put("services", summary ? Map.of() : services);
        return body;
    }

    @Operation(operationId = "listManagers")
    @Get(uris = {V3 + "/managers", V31 + "/managers"})
    Map<String, Object> managers(HttpRequest<?> request) {
        ListParams.Include include = ListParams.Include.of(request.getParameters(), MANAGER_FIELDS);
        String hostname = request.getParameters().get("hostname");
        List<Map<String, Object>> items = presence.live().stream()
                .filter(s -> hostname == null || hostname.equals(s.hostname()))
                .map(this::manager).map(include::apply).toList();
        return list(items);
    }

    @Operation(operationId = "listBrokers")
    @Get(uris = {V3 + "/brokers", V31 + "/brokers"})
    Map<String, Object> brokers() {
        Map<String, Object> broker = new LinkedHashMap<>();
        String host = presence.databaseHost();
        broker.put("name", presence.dialect() == Dialect.POSTGRES ? "postgresql" : "h2");
        broker.put("host", host);
        broker.put("management_host", host);
        broker.put("port", presence.databasePort());
        broker.put("username", null);
        broker.put("password", null);
        broker.put("params", Map.of());
        broker.put("networks", Map.of("default", host));
        broker.put("is_external", presence.dialect() == Dialect.POSTGRES);
        broker.put("ca_cert_content", null);
        return list(List.of(broker));
    }

    @Operation(operationId = "listDatabaseNodes")
    @Get(uris = {V3 + "/db-nodes", V31 + "/db-nodes"})
    Map<String, Object> databaseNodes() {
        return list(List.of(databaseNode()));
    }

    @Operation(operationId = "getClusterStatus")
    @Get(uris = {V3 + "/cluster-status", V31 + "/cluster-status"})
    HttpResponse<Map<String, Object>> clusterStatus(HttpRequest<?> request) {
        boolean summary = ListParams.QueryBooleans.parse(request.getParameters(), "summary", false);
        List<Server> known;
        boolean databaseUp = true;
        try {
            known = presence.known();
        } catch (StorageException e) {
            known = List.of();
            databaseUp = false;
        }
        Map<String, Object> nodes = new LinkedHashMap<>();
        long live = 0;
        for (Server server : known) {
            boolean up = presence.isLive(server);
            live += up ? 1 : 0;
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("private_ip", server.privateIp());
            node.put("public_ip", server.publicIp());
            node.put("version", server.version());
            node.put("status", up ? "OK" : "Fail");
            node.put("services", Map.of());
            node.put("metrics", List.of());
            node.put("last_seen", io.steward.api.cloudify.wire.Timestamps.format(server.lastSeen()));
            nodes.put(server.nodeId(), node);
        }
        String managers = live == 0 ? "Fail" : live == known.size() ? "OK" : "Degraded";
        String database = databaseUp ? "OK" : "Fail";
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("manager", Map.of("status", managers, "is_external", false, "nodes", nodes));
        services.put("db", Map.of("status", database, "is_external", presence.dialect() == Dialect.POSTGRES,
                "nodes", Map.of(databaseName(), Map.of("private_ip", presence.databaseHost(), "status", database,
                        "services", Map.of(), "metrics", List.of()))));
        services.put("broker", Map.of("status", database, "is_external", presence.dialect() == Dialect.POSTGRES,
                "nodes", Map.of(databaseName(), Map.of("private_ip", presence.databaseHost(), "status", database,
                        "services", Map.of(), "metrics", List.of()))));
        String overall = !databaseUp || live == 0 ? "Fail" : "OK".equals(managers) ? "OK" : "Degraded";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", overall);
        body.put("services", summary ? Map.of() : services);
        HttpStatus status = summary && "Fail".equals(overall) ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.OK;
        return HttpResponse.<Map<String, Object>>status(status).body(body);
    }

    private Map<String, Object> manager(Server server) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", server.id());
        item.put("hostname", server.hostname());
        item.put("private_ip", server.privateIp());
        item.put("public_ip", server.publicIp());
        item.put("version", server.version());
        item.put("edition", EDITION);
        item.put("distribution", System.getProperty("os.name"));
        item.put("distro_release", System.getProperty("os.version"));
        item.put("fs_sync_node_id", null);
        item.put("networks", Map.of("default", server.privateIp()));
        item.put("last_seen", io.steward.api.cloudify.wire.Timestamps.format(server.lastSeen()));
        item.put("status_report_frequency", presence.heartbeatSeconds());
        item.put("ca_cert_content", null);
        item.put("node_id", server.nodeId());
        item.put("runs_engine", server.runsEngine());
        return item;
    }

    private Map<String, Object> databaseNode() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", databaseName());
        node.put("host", presence.databaseHost());
        node.put("is_external", presence.dialect() == Dialect.POSTGRES);
        return node;
    }

    private String databaseName() {
        return presence.dialect() == Dialect.POSTGRES ? "postgresql" : "h2";
    }

    private static Map<String, Object> service(boolean active, boolean remote, Map<String, Object> extra) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("status", active ? "Active" : "Inactive");
        service.put("is_remote", remote);
        service.put("extra_info", extra);
        return service;
    }

    private static Map<String, Object> list(List<Map<String, Object>> items) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("total", items.size());
        pagination.put("size", items.size());
        pagination.put("offset", 0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("metadata", Map.of("pagination", pagination));
        return body;
    }
}
