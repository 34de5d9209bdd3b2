package io.steward.api.operator;

import io.steward.api.support.Api;
import io.steward.api.support.Await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Deploys a blueprint under a name and runs its workflows to the end. */
final class OneTaskRuns {
    private OneTaskRuns() {
    }

    /** Uploads the blueprint and creates a deployment, both named {@code name}. */
    static void deploy(Api user, String blueprint, String name) {
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/" + name, "application/yaml",
                blueprint.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        var created = user.put("/api/v3.1/deployments/" + name, Map.of("blueprint_id", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        // The deployment's environment is created by a system execution; workflows start once it ended.
        Await.until("deployment " + name + " created", Duration.ofSeconds(30),
                () -> user.get("/api/v3.1/executions?deployment_id=" + name + "&workflow_id="
                        + "create_deployment_environment").items(),
                items -> !items.isEmpty() && "terminated".equals(items.get(0).get("status")));
    }

    static String start(Api user, String deployment, String workflow) {
        var started = user.post("/api/v3.1/executions", Map.of("deployment_id", deployment, "workflow_id", workflow));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return (String) started.json().get("id");
    }

    static void awaitEnd(Api user, String execution) {
        Await.until("execution " + execution + " to end", Duration.ofSeconds(30),
                () -> user.get("/api/v3.1/executions/" + execution).json(),
                e -> "terminated".equals(e.get("status")));
    }

    /** Deploys {@code blueprint} as {@code name} and runs {@code workflow} on it to the end; returns the execution. */
    static String run(Api user, String blueprint, String name, String workflow) {
        deploy(user, blueprint, name);
        String id = start(user, name, workflow);
        awaitEnd(user, id);
        return id;
    }
}
