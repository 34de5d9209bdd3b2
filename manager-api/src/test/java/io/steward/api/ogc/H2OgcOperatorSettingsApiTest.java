package io.steward.api.ogc;

import io.steward.api.support.Api;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operator settings: anonymous clients may use the OGC API as one tenant with one role (credentials still win), and
 * a synchronous execute that outlasts {@code steward.ogcapi.sync-timeout} is answered as an asynchronous one.
 */
class H2OgcOperatorSettingsApiTest extends OgcTestBase {
    private static final String TENANT = "anon-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.ogcapi.anonymous.tenant", TENANT, "steward.ogcapi.anonymous.role", "user",
                "steward.ogcapi.sync-timeout", "300ms");
    }

    @Test
    void anonymous_clients_run_jobs_in_the_chosen_tenant_and_the_manager_api_stays_closed() {
        assertThat(admin.post("/api/v3.1/tenants/" + TENANT, Map.of("rabbitmq_password", "")).status())
                .isEqualTo(201);
        Api anonymous = server.api();
        String job = submitAsync(anonymous, "echo", Map.of("inputs", Map.of("a", "hi")));
        awaitStatus(anonymous, job, "successful");
        assertThat(admin.tenant(TENANT).get("/api/v3.1/executions/" + job).status()).isEqualTo(200);
        assertThat(admin.get("/ogcapi/jobs/" + job).status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v3.1/executions").status()).isEqualTo(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void with_anonymous_access_the_openapi_security_includes_the_empty_requirement() {
        java.util.List<Object> security = (java.util.List<Object>) server.api().get("/ogcapi/api").json()
                .get("security");
        assertThat(security).contains(Map.of());
    }

    @Test
    void a_synchronous_job_that_outlasts_the_sync_timeout_is_answered_201_and_runs_on() {
        Api api = newUserClient();
        Api.Response r = api.post("/ogcapi/processes/echo/execution", Map.of("inputs", Map.of("a", "x", "pause", 1)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.headers()).doesNotContainKey("preference-applied");
        awaitStatus(api, (String) r.json().get("jobID"), "successful");
    }
}
