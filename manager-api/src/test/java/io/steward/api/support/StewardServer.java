package io.steward.api.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.HashMap;
import java.util.Map;

/** The real server on a random port, over the given database, with a known admin password. */
public final class StewardServer implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-test-password";

    /** One generated secrets key file per test JVM, outside the worktree: servers of one run share it. */
    static final String SECRETS_KEY_FILE = secretsKeyFile();

    private final EmbeddedServer server;

    private StewardServer(EmbeddedServer server) {
        this.server = server;
    }

    public static StewardServer start(Map<String, Object> database) {
        return start(database, Map.of());
    }

    public static StewardServer start(Map<String, Object> database, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("micronaut.server.port", -1);
        properties.put("steward.admin-password", ADMIN_PASSWORD);
        // Tests create many users: a cheaper bcrypt keeps the suite fast without changing any behaviour.
        properties.put("steward.auth.bcrypt-cost", 4);
        properties.put("steward.secrets.key-file", SECRETS_KEY_FILE);
        properties.putAll(extra);
        return new StewardServer(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    private static String secretsKeyFile() {
        try {
            return java.nio.file.Files.createTempDirectory("steward-secrets").resolve("secrets.key").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public Api admin() {
        return api().basic("admin", ADMIN_PASSWORD).tenant("default_tenant");
    }

    public Api api() {
        return new Api(server.getURI().toString(), context());
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
