package io.steward.api.ogc;

import io.steward.api.support.Api;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code steward.ogcapi.default-mode=async}: an execute without {@code Prefer} (as APEx's dispatcher sends it) is
 * answered 201 with statusInfo, and its results are read as a JSON document with {@code Accept: application/json}.
 */
class H2OgcDefaultModeApiTest extends OgcTestBase {

    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.ogcapi.default-mode", "async");
    }

    @Test
    void an_execute_without_prefer_is_asynchronous_and_its_results_are_a_json_document() {
        Api api = newUserClient();
        Api.Response r = api.post("/ogcapi/processes/sha256/execution", Map.of("inputs", Map.of("text", "abc")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("status")).isIn("accepted", "running", "successful");
        assertThat(r.json()).containsKey("jobID");
        assertThat(r.headers()).containsKey("location").doesNotContainKey("preference-applied");
        String job = (String) r.json().get("jobID");
        awaitStatus(api, job, "successful");
        Api.Response results = api.with("Accept", "application/json").get("/ogcapi/jobs/" + job + "/results");
        assertThat(results.json()).isEqualTo(Map.of("digest",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @Test
    void a_client_that_states_a_preference_other_than_respond_async_is_answered_synchronously() {
        Api api = newUserClient();
        // OWSLib's synchronous execute sends Prefer: respond-sync.
        Api.Response r = api.with("Prefer", "respond-sync").post("/ogcapi/processes/echo/execution",
                Map.of("inputs", Map.of("a", "now")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("now");
    }
}
