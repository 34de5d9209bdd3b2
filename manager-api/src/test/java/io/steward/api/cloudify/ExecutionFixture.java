package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.Archives;
import io.steward.api.support.Await;
import io.steward.api.support.Multipart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A tenant user with the lifecycle blueprint deployed; scripts write what ran into {@code outDir}. */
final class ExecutionFixture {
    static final Duration WAIT = Duration.ofSeconds(30);

    final Api user;
    final Path outDir;
    final String deployment;

    private ExecutionFixture(Api user, Path outDir, String deployment) {
        this.user = user;
        this.outDir = outDir;
        this.deployment = deployment;
    }

    /** An existing deployment, driven as {@code user}; its scripts write into {@code outDir}. */
    static ExecutionFixture deploymentOf(Api user, String deployment, Path outDir) {
        return new ExecutionFixture(user, outDir, deployment);
    }

    /**
     * Uploads {@code yaml} as blueprint {@code name}, creates deployment {@code name} of it and waits for its
     * environment; its operations write no files (no output directory).
     */
    static ExecutionFixture deployBlueprint(Api user, String name, String yaml) {
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/" + name, "application/yaml",
                yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        var created = user.put("/api/v3.1/deployments/" + name, Map.of("blueprint_id", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Await.until("the environment of " + name, WAIT, () -> user.get(
                "/api/v3.1/executions?deployment_id=" + name + "&workflow_id=create_deployment_environment").items(),
                items -> !items.isEmpty() && "terminated".equals(items.get(0).get("status")));
        return new ExecutionFixture(user, null, name);
    }

    static ExecutionFixture deploy(Api user, String deployment, Map<String, Object> extraInputs) {
        return deploy(user, deployment, extraInputs, false);
    }

    /** With {@code gated}, the first create waits until {@link #openGate()} is called. */
    static ExecutionFixture deploy(Api user, String deployment, Map<String, Object> extraInputs, boolean gated) {
        try {
            Path out = Files.createTempDirectory("steward-test-out");
            byte[] archive = Archives.ofResourceFolder("lifecycle", "blueprint.yaml", "scripts/record.sh",
                    "scripts/flaky.sh", "scripts/sleepy.sh").tarGz();
            var uploaded = user.send("PUT", "/api/v3.1/blueprints/" + deployment, Multipart.CONTENT_TYPE,
                    Multipart.blueprintUpload(AbstractBlueprintApiTest.PARAMS, archive));
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
            Map<String, Object> inputs = new java.util.HashMap<>(extraInputs);
            inputs.put("out_dir", out.toString());
            if (gated) {
                inputs.put("gate", out.resolve("GATE").toString());
            }
            var created = user.put("/api/v3.1/deployments/" + deployment, Map.of("blueprint_id", deployment,
                    "inputs", inputs));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            return new ExecutionFixture(user, out, deployment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a workflow the way Cloudify's client does and returns the execution id. */
    String start(String workflow, Map<String, Object> parameters) {
        var response = user.post("/api/v3.1/executions", Map.of("deployment_id", deployment, "workflow_id",
                workflow, "parameters", parameters, "allow_custom_parameters", "false", "force", "false",
                "dry_run", "false", "queue", "false", "wait_after_fail", 600));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    Map<String, Object> execution(String id) {
        return user.get("/api/v3.1/executions/" + id).json();
    }

    Map<String, Object> awaitStatus(String id, String... statuses) {
        return Await.until("execution " + id + " to reach " + List.of(statuses), WAIT, () -> execution(id),
                e -> List.of(statuses).contains(e.get("status")));
    }

    /** The same deployment seen through another client (another server over the same database). */
    ExecutionFixture on(Api other) {
        return new ExecutionFixture(other, outDir, deployment);
    }

    /** Waits until the gated operation is running (and waiting for the gate). */
    void awaitGatedOperation() {
        Await.until("the gated operation to be running", WAIT, () -> lines("waiting.log"), l -> !l.isEmpty());
    }

    void openGate() {
        try {
            Files.writeString(outDir.resolve("GATE"), "open");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> lines(String file) {
        try {
            Path path = outDir.resolve(file);
            return Files.exists(path) ? Files.readAllLines(path) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> eventTypes(String executionId) {
        return user.get("/api/v3.1/events?execution_id=" + executionId + "&type=cloudify_event&_sort=@timestamp")
                .items().stream().map(e -> (String) e.get("event_type")).toList();
    }
}
