package io.steward.api.cloudify;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.steward.engine.runner.RunnerIdentity;
import io.steward.tenancy.manager.ServerRegistry;
import io.steward.tenancy.manager.ServerRegistry.Server;
import io.steward.tenancy.store.Dialect;
import io.steward.tenancy.threads.LoopHeartbeats;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This server's row in the registry of live servers: written at start, beaten every
 * {@code steward.server.heartbeat-interval} (5 s), removed on a clean stop. A server is live while its last beat is
 * younger than three intervals; rows of servers gone for an hour are removed by whichever server beats next.
 * Cloudify's {@code /managers}, {@code /status} and {@code /cluster-status} are answered from these rows.
 */
@Context
class ServerPresence {
    private static final Logger LOG = LoggerFactory.getLogger(ServerPresence.class);
    private static final Duration FORGOTTEN_AFTER = Duration.ofHours(1);

    private final ServerRegistry registry;
    private final Clock clock;
    private final Duration interval;
    private final String nodeId;
    private final String hostname;
    private final String privateIp;
    private final String publicIp;
    private final boolean runsEngine;
    private final String databaseUrl;
    private final Instant startedAt;
    private final LoopHeartbeats.Heartbeat heartbeat;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "steward-server-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    ServerPresence(ServerRegistry registry, Clock clock, RunnerIdentity identity,
                   @Value("${steward.server.heartbeat-interval:5s}") Duration interval,
                   @Value("${steward.server.private-ip:}") String privateIp,
                   @Value("${steward.server.public-ip:}") String publicIp,
                   @Value("${steward.engine.enabled:true}") boolean runsEngine,
                   @Value("${datasources.default.url}") String databaseUrl, LoopHeartbeats heartbeats) {
        this.heartbeat = heartbeats.register("server-heartbeat", interval);
        this.registry = registry;
        this.clock = clock;
        this.interval = interval;
        this.nodeId = identity.nodeId();
        this.hostname = localHostname();
        this.privateIp = privateIp.isBlank() ? localAddress() : privateIp;
        this.publicIp = publicIp.isBlank() ? this.privateIp : publicIp;
        this.runsEngine = runsEngine;
        this.databaseUrl = databaseUrl;
        this.startedAt = clock.instant();
    }

    @PostConstruct
    void start() {
        beat();
        long millis = interval.toMillis();
        beats.scheduleWithFixedDelay(this::beatSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        beats.shutdownNow();
        try {
            registry.forget(nodeId, clock.instant().minus(FORGOTTEN_AFTER));
        } catch (RuntimeException e) {
            LOG.warn("Could not remove this server's row from the server registry: {}", e.toString());
        }
    }

    private void beatSafely() {
        heartbeat.beat();
        try {
            beat();
        } catch (RuntimeException e) {
            // The next beat tries again; a server that cannot reach the database is not live anyway.
            LOG.warn("Server heartbeat failed: {}", e.toString());
        }
    }

    private void beat() {
        Instant now = clock.instant();
        registry.beat(new Server(0, nodeId, hostname, privateIp, publicIp, version(), runsEngine, startedAt, now));
        registry.forgetSilent(now.minus(FORGOTTEN_AFTER));
    }

    /** The servers that beat within the last three intervals: the live ones. */
    List<Server> live() {
        return registry.seenSince(clock.instant().minus(interval.multipliedBy(3)));
    }

    /** Every server still in the registry, live or silent for less than an hour. */
    List<Server> known() {
        return registry.seenSince(clock.instant().minus(FORGOTTEN_AFTER));
    }

    boolean isLive(Server server) {
        return !server.lastSeen().isBefore(clock.instant().minus(interval.multipliedBy(3)));
    }

    String nodeId() {
        return nodeId;
    }

    boolean runsEngine() {
        return runsEngine;
    }

    int heartbeatSeconds() {
        return (int) Math.max(1, interval.toSeconds());
    }

    Dialect dialect() {
        return Dialect.ofJdbcUrl(databaseUrl);
    }

    /** The database's host: from a PostgreSQL URL, or this server's own address for embedded H2. */
    String databaseHost() {
        return dialect() == Dialect.POSTGRES ? jdbcUri().getHost() : privateIp;
    }

    Integer databasePort() {
        if (dialect() != Dialect.POSTGRES) {
            return null;
        }
        int port = jdbcUri().getPort();
        return port < 0 ? 5432 : port;
    }

    private URI jdbcUri() {
        // jdbc:postgresql://host:port/db?params: the part after "jdbc:" is a URI.
        return URI.create(databaseUrl.substring("jdbc:".length()));
    }

    static String version() {
        return Version.VALUE;
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The first IPv4 address of an interface that is up and not loopback; else the local host's address. */
    private static String localAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
            return InetAddress.getLocalHost().getHostAddress();
        } catch (SocketException | UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    /** Steward's version, written into a resource by the build. */
    private static final class Version {
        private static final String RESOURCE = "/io/steward/api/steward-version.properties";
        static final String VALUE = read();

        private static String read() {
            try (InputStream in = ServerPresence.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    return "unknown";
                }
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
