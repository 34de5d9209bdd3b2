package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cloudify's PATCH status rule through the API, for every (from, to) pair, against a literal expectation: the refused
 * ones answer 400 {@code invalid_exception_status_update} with Cloudify's message. The engine is off, so nothing but
 * the PATCHes moves the executions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractStatusUpdateApiTest extends ApiTestBase {
    static final List<String> STATUSES = List.of("terminated", "failed", "cancelled", "pending", "started",
            "cancelling", "force_cancelling", "kill_cancelling", "queued", "scheduled");
    private static final Set<String> ACTIVE = Set.of("pending", "started", "cancelling", "force_cancelling",
            "kill_cancelling");
    private ExecutionFixture fixture;

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.engine.enabled", false);
    }

    @BeforeAll
    void aDeployment() {
        fixture = ExecutionFixture.deploy(newMember(newTenant(), "user"), unique("d"), Map.of());
    }

    static List<String[]> pairs() {
        List<String[]> pairs = new ArrayList<>();
        for (String from : STATUSES) {
            for (String to : STATUSES) {
                pairs.add(new String[] {from, to});
            }
        }
        return pairs;
    }

    /** Cloudify's rule, written out independently of the production table. */
    static boolean cloudifyAllows(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        if (Set.of("terminated", "failed", "cancelled").contains(from)) {
            return false;
        }
        if (from.equals("cancelling")) {
            return !ACTIVE.contains(to) && !to.equals("terminated");
        }
        if (from.equals("force_cancelling")) {
            return !ACTIVE.contains(to) && !to.equals("terminated");
        }
        return true;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void a_status_update_follows_cloudifys_rule(String from, String to) {
        Api api = fixture.user;
        var started = api.post("/api/v3.1/executions", Map.of("deployment_id", fixture.deployment,
                "workflow_id", "install", "force", true));
        String id = (String) started.json().get("id");
        assertThat(api.patch("/api/v3.1/executions/" + id, Map.of("status", from)).status()).isEqualTo(200);
        var response = api.patch("/api/v3.1/executions/" + id, Map.of("status", to));
        if (cloudifyAllows(from, to)) {
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json()).containsEntry("status", to);
        } else {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("invalid_exception_status_update");
            assertThat(response.json().get("message")).isEqualTo("Invalid relationship - can't change status from "
                    + from + " to " + to + " for \"" + id + "\" execution while running \"install\" workflow.");
            assertThat(fixture.execution(id)).containsEntry("status", from);
        }
    }
}
