package io.steward.api.ogc;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One real server per class over the subclass's database; each test makes its own tenant and users. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OgcTestBase extends ApiTestBase {
    static final String EXC = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";

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
