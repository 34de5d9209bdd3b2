package io.steward.api.ogc;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One real server per class over the subclass's database; each test makes its own tenant and users. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OgcTestBase {
    static final String EXC = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";
    protected StewardServer server;
    protected Api admin;

    protected abstract Map<String, Object> database();

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

    protected String newTenant() {
        String tenant = unique("t");
        assertThat(admin.post("/api/v3.1/tenants/" + tenant, Map.of("rabbitmq_password", "")).status())
                .isEqualTo(201);
        return tenant;
    }

    protected Api newMember(String tenant, String role) {
        String username = unique("u");
        assertThat(admin.put("/api/v3.1/users", Map.of("username", username, "password", "pw-" + username,
                "role", "default")).status()).isEqualTo(201);
        assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant,
                "role", role)).status()).isEqualTo(200);
        return server.api().basic(username, "pw-" + username).tenant(tenant);
    }

    protected Api newUserClient() {
        return newMember(newTenant(), "user");
    }

    /** Starts an asynchronous job and returns its id. */
    protected String submitAsync(Api api, String process, Map<String, Object> body) {
        Api.Response r = api.with("Prefer", "respond-async").post("/ogcapi/processes/" + process + "/execution", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return (String) r.json().get("jobID");
    }

    protected Map<String, Object> awaitStatus(Api api, String jobId, String status) {
        return Await.until("job " + jobId + " " + status, Duration.ofSeconds(30),
                () -> api.get("/ogcapi/jobs/" + jobId).json(), s -> status.equals(s.get("status")));
    }

    /** The exception type and status of an OGC error response, checked as JSON. */
    protected static void assertException(Api.Response r, int status, String type) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().get("content-type").get(0)).startsWith("application/json");
        assertThat(r.json()).containsEntry("type", type).containsEntry("status", status).containsKey("detail");
    }
}
