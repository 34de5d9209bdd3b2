package io.steward.api.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real server per test class over the database the subclass names. Each test makes its own tenant and users
 * (unique names), so tests share the server without sharing data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTestBase {
    /** A blueprint whose workflow {@code one_task} runs one no-op operation on one node. */
    protected static final String ONE_TASK = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            node_templates:
              n:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: steward.noop
            workflows:
              one_task:
                mapping: steward.sequence
                steps:
                  - {node: n, operation: cloudify.interfaces.lifecycle.create}
            """;

    protected StewardServer server;
    protected Api admin;

    /** The datasource properties: {@code TestDatabase.h2()} or {@code TestDatabase.postgres()}. */
    protected abstract Map<String, Object> database();

    /** Extra server properties a test class needs (engine limits, for example). */
    protected Map<String, Object> serverProperties() {
        return Map.of();
    }

    @BeforeAll
    void startServer() {
        server = StewardServer.start(database(), serverProperties());
        admin = server.admin();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a tenant and returns its name. */
    protected String newTenant() {
        String tenant = unique("t");
        assertThat(admin.post("/api/v3.1/tenants/" + tenant, Map.of("rabbitmq_password", "")).status())
                .isEqualTo(201);
        return tenant;
    }

    /** Creates a user (system role {@code default}) with the given role in {@code tenant}; returns a client for it. */
    protected Api newMember(String tenant, String role) {
        String username = unique("u");
        assertThat(admin.put("/api/v3.1/users", Map.of("username", username, "password", "pw-" + username,
                "role", "default")).status()).isEqualTo(201);
        var added = admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant,
                "role", role));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        return server.api().basic(username, "pw-" + username).tenant(tenant);
    }
}
