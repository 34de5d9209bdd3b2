package io.steward.dispatch.platform;

import io.micronaut.context.annotation.Value;
import io.steward.dispatch.DispatchException;
import io.steward.dispatch.platform.auth.PlatformAuths;
import io.steward.dispatch.platform.http.PlatformHttp;
import io.steward.dispatch.platform.ogc.OgcProcessesPlatform;
import io.steward.dispatch.platform.openeo.OpenEoPlatform;
import io.steward.engine.storage.JsonColumns;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The platforms unit jobs may go to, from {@code STEWARD_APEX_PLATFORMS}: a JSON array of
 * {@code {"endpoint", "type", "auth", "max_concurrent_jobs"}}. Platforms are never taken from a request: a job naming
 * an endpoint that is not configured is refused, so Steward makes no request to arbitrary hosts. A bad setting stops
 * the server at start with a message naming the entry.
 */
@Singleton
public class Platforms {
    /** One configured platform and its client. */
    public record Platform(PlatformConfig config, RemotePlatform client) {
        public String endpoint() {
            return config.endpoint();
        }
    }

    /** The clients of one entry: one per kind, or both when the entry leaves the kind to each job's label. */
    private record Clients(PlatformConfig config, RemotePlatform ogc, RemotePlatform openeo) {
    }

    private final Map<String, Clients> byEndpoint = new LinkedHashMap<>();

    Platforms(@Value("${steward.apex.platforms:[]}") String setting, JsonColumns json,
              @Value("${steward.apex.platform-timeout:30s}") Duration timeout) {
        List<Object> entries;
        try {
            entries = setting == null || setting.isBlank() ? List.of() : json.readList(setting);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("STEWARD_APEX_PLATFORMS is not a JSON array: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            // No clients: a JDK client sets up TLS and threads, which a server without platforms never uses.
            return;
        }
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                // Answers are read on a small shared pool; no thread waits on a platform per job.
                .executor(Executors.newFixedThreadPool(4, io.steward.tenancy.threads.BackgroundThreads
                        .factory("steward-apex-http")))
                .build();
        PlatformHttp platformHttp = PlatformHttp.withTimeouts(Duration.ofSeconds(10), timeout);
        for (Object entry : entries) {
            PlatformConfig config = config(entry);
            PlatformAuth auth;
            try {
                auth = PlatformAuths.fromConfig(config.auth());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("STEWARD_APEX_PLATFORMS: platform " + config.endpoint() + ": "
                        + e.getMessage(), e);
            }
            RemotePlatform ogc = PlatformConfig.OPENEO.equals(config.type()) ? null
                    : new OgcProcessesPlatform(config.endpoint(), auth, http, json, timeout);
            RemotePlatform openeo = PlatformConfig.OGC.equals(config.type()) ? null
                    : new OpenEoPlatform(URI.create(config.endpoint()), auth, platformHttp);
            byEndpoint.put(config.endpoint(), new Clients(config, ogc, openeo));
        }
    }

    @SuppressWarnings("unchecked")
    private static PlatformConfig config(Object entry) {
        if (!(entry instanceof Map<?, ?> map) || !(map.get("endpoint") instanceof String endpoint)
                || PlatformConfig.normalized(endpoint).isEmpty()) {
            throw new IllegalArgumentException("STEWARD_APEX_PLATFORMS: each entry needs an \"endpoint\", not "
                    + entry);
        }
        Object type = map.get("type");
        if (type != null && !PlatformConfig.OGC.equals(type) && !PlatformConfig.OPENEO.equals(type)) {
            throw new IllegalArgumentException("STEWARD_APEX_PLATFORMS: platform " + endpoint + " has type '" + type
                    + "'; the types are ogc_api_process and openeo");
        }
        Object max = map.containsKey("max_concurrent_jobs") ? map.get("max_concurrent_jobs") : (Object) 10;
        if (!(max instanceof Number n) || n.intValue() < 1) {
            throw new IllegalArgumentException("STEWARD_APEX_PLATFORMS: platform " + endpoint
                    + " needs a positive max_concurrent_jobs, not " + max);
        }
        Map<String, Object> auth = map.get("auth") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
        return new PlatformConfig(PlatformConfig.normalized(endpoint), (String) type, auth, n.intValue());
    }

    /** The configured platform at {@code endpoint} for jobs of {@code label}, if any. */
    public Optional<Platform> find(String label, String endpoint) {
        Clients clients = byEndpoint.get(PlatformConfig.normalized(endpoint));
        if (clients == null) {
            return Optional.empty();
        }
        RemotePlatform client = PlatformConfig.OPENEO.equals(label) ? clients.openeo() : clients.ogc();
        return client == null ? Optional.empty() : Optional.of(new Platform(clients.config(), client));
    }

    /**
     * The platform a job of {@code label} at {@code endpoint} goes to; refused (400) when none is configured there,
     * when it is of another kind, or when this build has no client for its kind.
     */
    public Platform require(String label, String endpoint) {
        Clients clients = byEndpoint.get(PlatformConfig.normalized(endpoint));
        if (clients == null) {
            throw new DispatchException(DispatchException.Reason.REFUSED, "No platform is configured at endpoint '"
                    + endpoint + "'; Steward dispatches only to the platforms in STEWARD_APEX_PLATFORMS");
        }
        return find(label, endpoint).orElseThrow(() -> new DispatchException(DispatchException.Reason.REFUSED,
                "The platform at '" + endpoint + "' is " + clients.config().type() + ", not " + label));
    }

}
