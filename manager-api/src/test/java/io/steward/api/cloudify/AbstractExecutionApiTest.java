package io.steward.api.cloudify;

import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Api;
import io.steward.api.support.Archives;
import io.steward.api.support.Await;
import io.steward.api.support.Multipart;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Executions through the real server and engine: install order, retries, cancel/kill, queueing, events. */
abstract class AbstractExecutionApiTest extends ApiTestBase {

    private ExecutionFixture deployed(Map<String, Object> inputs) {
        return ExecutionFixture.deploy(newMember(newTenant(), "user"), unique("d"), inputs);
    }

    /** A deployment whose first create waits until the test opens the gate. */
    private ExecutionFixture gated() {
        return ExecutionFixture.deploy(newMember(newTenant(), "user"), unique("d"), Map.of(), true);
    }

    /** A no-op and a failing built-in: both run at once on the run's thread, their start committed with their end. */
    private static final String INSTANT_OPERATIONS = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            node_templates:
              n:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: steward.noop
                    configure: {implementation: steward.fail, max_retries: 1, retry_interval: 0}
            workflows:
              noop_task:
                mapping: steward.sequence
                steps:
                  - {node: n, operation: cloudify.interfaces.lifecycle.create}
              failing_task:
                mapping: steward.sequence
                steps:
                  - {node: n, operation: cloudify.interfaces.lifecycle.configure}
            """;

    @Test
    void an_instant_operation_reports_its_start_before_its_end_and_a_retried_one_before_its_retry() {
        ExecutionFixture f = ExecutionFixture.deployBlueprint(newMember(newTenant(), "user"), unique("instant"),
                INSTANT_OPERATIONS);

        String noop = f.start("noop_task", Map.of());
        assertThat(f.awaitStatus(noop, "terminated", "failed")).containsEntry("status", "terminated")
                .containsEntry("finished_operations", 1);
        assertThat(f.eventTypes(noop)).containsExactly("workflow_started", "sending_task", "task_started",
                "task_succeeded", "workflow_succeeded");
        assertThat(f.user.get("/api/v3.1/operations?execution_id=" + noop).items())
                .extracting(o -> o.get("state")).containsExactly("succeeded");

        String failing = f.start("failing_task", Map.of());
        assertThat(f.awaitStatus(failing, "terminated", "failed")).containsEntry("status", "failed")
                .containsEntry("total_operations", 1).containsEntry("finished_operations", 1);
        assertThat(f.eventTypes(failing)).containsExactly("workflow_started", "sending_task", "task_started",
                "task_rescheduled", "task_started", "task_failed", "workflow_failed");
        assertThat(f.user.get("/api/v3.1/operations?execution_id=" + failing).items())
                .extracting(o -> o.get("state")).containsExactly("failed");
    }

    @Test
    void a_run_of_operations_only_writes_the_installation_status_its_instances_call_for() {
        ExecutionFixture f = ExecutionFixture.deployBlueprint(newMember(newTenant(), "user"), unique("status"),
                INSTANT_OPERATIONS);
        String deployment = "/api/v3.1/deployments/" + f.deployment + "?_include=id,installation_status";
        assertThat(f.awaitStatus(f.start("noop_task", Map.of()), "terminated", "failed"))
                .containsEntry("status", "terminated");
        assertThat(f.user.get(deployment).json()).containsEntry("installation_status", "inactive");

        // Its instances were set started outside any execution: the next run's end sees the status out of date,
        // though its own tasks change no state.
        setEveryInstanceState(f, "started");
        assertThat(f.awaitStatus(f.start("noop_task", Map.of()), "terminated", "failed"))
                .containsEntry("status", "terminated").containsEntry("finished_operations", 1);
        assertThat(f.user.get(deployment).json()).containsEntry("installation_status", "active");

        setEveryInstanceState(f, "stopped");
        assertThat(f.awaitStatus(f.start("failing_task", Map.of()), "terminated", "failed"))
                .containsEntry("status", "failed");
        assertThat(f.user.get(deployment).json()).containsEntry("installation_status", "inactive");
    }

    private static void setEveryInstanceState(ExecutionFixture f, String state) {
        for (Map<String, Object> instance : f.user.get("/api/v3.1/node-instances?deployment_id=" + f.deployment)
                .items()) {
            var patched = f.user.patch("/api/v3.1/node-instances/" + instance.get("id"),
                    Map.of("version", instance.get("version"), "state", state));
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        }
    }

    @Test
    void install_runs_targets_before_sources_and_uninstall_the_reverse() {
        ExecutionFixture f = deployed(Map.of());
        String install = f.start("install", Map.of());
        Map<String, Object> done = f.awaitStatus(install, "terminated", "failed");
        assertThat(done).containsEntry("status", "terminated").containsEntry("status_display", "completed")
                .containsEntry("total_operations", 9).containsEntry("finished_operations", 9);
        List<String> order = f.lines("order.log");
        assertThat(order).hasSize(9);
        assertThat(order.indexOf("db start")).isLessThan(order.indexOf("web create"));
        assertThat(order.indexOf("web start")).isLessThan(order.indexOf("app create"));
        assertThat(f.eventTypes(install)).startsWith("workflow_started").endsWith("workflow_succeeded")
                .contains("sending_task", "task_started", "task_succeeded", "workflow_node_event");
        assertThat(f.user.get("/api/v3.1/node-instances?deployment_id=" + f.deployment).items())
                .allSatisfy(i -> assertThat(i.get("state")).isEqualTo("started"));
        assertThat(f.user.get("/api/v3.1/deployments/" + f.deployment).json())
                .containsEntry("installation_status", "active");

        String uninstall = f.start("uninstall", Map.of());
        assertThat(f.awaitStatus(uninstall, "terminated", "failed")).containsEntry("status", "terminated");
        List<String> after = f.lines("order.log").subList(9, 15);
        assertThat(after.indexOf("app delete")).isLessThan(after.indexOf("web stop"));
        assertThat(after.indexOf("web delete")).isLessThan(after.indexOf("db stop"));
        assertThat(f.user.get("/api/v3.1/node-instances?deployment_id=" + f.deployment).items())
                .allSatisfy(i -> assertThat(i.get("state")).isEqualTo("deleted"));
    }

    @Test
    void a_failing_operation_is_retried_then_succeeds_within_its_retries() {
        ExecutionFixture f = deployed(Map.of("fail_times", 2));
        String id = f.start("flaky", Map.of());
        assertThat(f.awaitStatus(id, "terminated", "failed")).containsEntry("status", "terminated");
        assertThat(f.lines("flaky.count")).hasSize(3);
        assertThat(f.eventTypes(id)).containsSubsequence("task_rescheduled", "task_rescheduled", "task_succeeded");
    }

    @Test
    void an_operation_failing_past_its_retries_fails_the_execution_with_the_error() {
        ExecutionFixture f = deployed(Map.of("fail_times", 10));
        String id = f.start("flaky", Map.of());
        Map<String, Object> failed = f.awaitStatus(id, "terminated", "failed");
        assertThat(failed).containsEntry("status", "failed");
        assertThat((String) failed.get("error")).contains("test.flaky.run").contains("status 3");
        assertThat(f.lines("flaky.count")).hasSize(3);
        assertThat(f.eventTypes(id)).contains("task_failed").endsWith("workflow_failed");
        var logs = f.user.get("/api/v3.1/events?execution_id=" + id + "&type=cloudify_log&level=error").items();
        assertThat(logs).extracting(l -> l.get("message")).contains("attempt 1 fails");
    }

    @Test
    void cancel_lets_the_running_operation_finish_then_ends_cancelled() {
        ExecutionFixture f = gated();
        Api user = f.user;
        String id = f.start("install", Map.of());
        f.awaitGatedOperation();
        var cancelling = user.post("/api/v3.1/executions/" + id, Map.of("action", "cancel"));
        assertThat(cancelling.status()).isEqualTo(200);
        assertThat(cancelling.json()).containsEntry("status", "cancelling");
        assertThat(f.execution(id)).containsEntry("status", "cancelling");
        f.openGate();
        assertThat(f.awaitStatus(id, "cancelled", "terminated", "failed")).containsEntry("status", "cancelled");
        assertThat(f.lines("order.log")).containsExactly("db create");
        assertThat(f.eventTypes(id)).endsWith("workflow_cancelled");
    }

    @Test
    void kill_reaps_the_whole_process_tree_and_ends_cancelled() {
        ExecutionFixture f = deployed(Map.of());
        String id = f.start("sleepy", Map.of());
        Await.until("the script to start its children", ExecutionFixture.WAIT, () -> f.lines("sleepy.started"),
                lines -> !lines.isEmpty());
        List<Long> pids = Await.until("the four pids", ExecutionFixture.WAIT, () -> f.lines("pids"),
                lines -> lines.size() >= 4).stream().map(Long::parseLong).toList();
        assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).as("pid " + pid + " alive before kill").isTrue());
        var killed = f.user.post("/api/v3.1/executions/" + id, Map.of("action", "kill"));
        assertThat(killed.json()).containsEntry("status", "kill_cancelling");
        assertThat(f.awaitStatus(id, "cancelled")).containsEntry("status", "cancelled");
        Await.until("every process of the tree to be gone", Duration.ofSeconds(10), () -> pids.stream()
                .filter(AbstractExecutionApiTest::alive).toList(), List::isEmpty);
    }

    @Test
    void force_cancel_ends_cancelled_at_once_and_stops_the_operation() {
        ExecutionFixture f = deployed(Map.of());
        String id = f.start("sleepy", Map.of());
        Await.until("the script to start", ExecutionFixture.WAIT, () -> f.lines("sleepy.started"), l -> !l.isEmpty());
        var response = f.user.post("/api/v3.1/executions/" + id, Map.of("action", "force-cancel"));
        assertThat(response.json()).containsEntry("status", "force_cancelling");
        assertThat(f.awaitStatus(id, "cancelled")).containsEntry("status", "cancelled");
    }

    @Test
    void a_busy_deployment_refuses_a_second_execution_unless_queued_or_forced() {
        ExecutionFixture f = gated();
        String first = f.start("install", Map.of());
        f.awaitStatus(first, "started");
        var refused = f.user.post("/api/v3.1/executions", Map.of("deployment_id", f.deployment,
                "workflow_id", "install"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("existing_running_execution_error");
        assertThat(refused.json().get("message").toString()).contains(first);
        var queued = f.user.post("/api/v3.1/executions", Map.of("deployment_id", f.deployment,
                "workflow_id", "flaky", "queue", "true"));
        assertThat(queued.status()).isEqualTo(201);
        assertThat(queued.json()).containsEntry("status", "queued");
        f.openGate();
        assertThat(f.awaitStatus(first, "terminated")).containsEntry("status", "terminated");
        assertThat(f.awaitStatus((String) queued.json().get("id"), "terminated", "failed"))
                .containsEntry("status", "terminated");
    }

    @Test
    void a_queued_execution_cancels_at_once() {
        ExecutionFixture f = gated();
        String first = f.start("install", Map.of());
        f.awaitStatus(first, "started");
        var queued = f.user.post("/api/v3.1/executions", Map.of("deployment_id", f.deployment,
                "workflow_id", "flaky", "queue", true));
        String queuedId = (String) queued.json().get("id");
        var cancelled = f.user.post("/api/v3.1/executions/" + queuedId, Map.of("action", "cancel"));
        assertThat(cancelled.json()).containsEntry("status", "cancelled");
        f.openGate();
        f.awaitStatus(first, "terminated");
        assertThat(f.execution(queuedId)).containsEntry("status", "cancelled");
        assertThat(f.lines("flaky.count")).isEmpty();
    }

    @Test
    void start_validates_workflow_and_parameters() {
        ExecutionFixture f = deployed(Map.of());
        Api user = f.user;
        assertThat(user.post("/api/v3.1/executions", Map.of("deployment_id", f.deployment, "workflow_id", "nope"))
                .errorCode()).isEqualTo("nonexistent_workflow_error");
        assertThat(user.post("/api/v3.1/executions", Map.of("deployment_id", f.deployment,
                "workflow_id", "install", "parameters", Map.of("bogus", 1))).errorCode())
                .isEqualTo("illegal_execution_parameters_error");
        assertThat(user.post("/api/v3.1/executions", Map.of("deployment_id", f.deployment,
                "workflow_id", "execute_operation")).errorCode()).isEqualTo("illegal_execution_parameters_error");
        assertThat(user.post("/api/v3.1/executions", Map.of("deployment_id", f.deployment,
                "workflow_id", "install", "force", "maybe")).errorCode()).isEqualTo("bad_parameters_error");
        assertThat(user.post("/api/v3.1/executions", Map.of("deployment_id", f.deployment,
                "workflow_id", "install", "parameters", "x")).errorCode()).isEqualTo("bad_parameters_error");
        assertThat(user.post("/api/v3.1/executions", Map.of("workflow_id", "install")).errorCode())
                .isEqualTo("bad_parameters_error");
        assertThat(user.post("/api/v3.1/executions", Map.of("deployment_id", "ghost", "workflow_id", "install"))
                .status()).isEqualTo(404);
        assertThat(user.send("POST", "/api/v3.1/executions", "text/plain", "x".getBytes()).status()).isEqualTo(415);
        assertThat(user.get("/api/v3.1/executions?workflow_id=install&deployment_id=" + f.deployment).items())
                .isEmpty();
    }

    @Test
    void a_start_names_the_missing_deployment_or_a_blueprint_the_caller_cannot_see() throws Exception {
        String tenant = newTenant();
        Api owner = newMember(tenant, "user");
        Api colleague = newMember(tenant, "user");
        // A deployment everyone in the tenant sees, made from a blueprint only its owner sees.
        String hidden = unique("d");
        byte[] archive = Archives.ofResourceFolder("lifecycle", "blueprint.yaml", "scripts/record.sh",
                "scripts/flaky.sh", "scripts/sleepy.sh").tarGz();
        assertThat(owner.send("PUT", "/api/v3.1/blueprints/" + hidden, Multipart.CONTENT_TYPE,
                Multipart.blueprintUpload(AbstractBlueprintApiTest.PARAMS.replace("\"tenant\"", "\"private\""),
                        archive)).status()).isEqualTo(201);
        String outDir = Files.createTempDirectory("steward-test-out").toString();
        assertThat(owner.put("/api/v3.1/deployments/" + hidden, Map.of("blueprint_id", hidden, "visibility",
                "tenant", "inputs", Map.of("out_dir", outDir))).status()).isEqualTo(201);
        Map<String, Object> dryRun = Map.of("deployment_id", hidden, "workflow_id", "install", "dry_run", true);

        var refused = colleague.post("/api/v3.1/executions", dryRun);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("message")).isEqualTo("Requested `Blueprint` with ID `" + hidden
                + "` was not found");
        assertThat(owner.post("/api/v3.1/executions", dryRun).status()).isEqualTo(201);

        var ghost = colleague.post("/api/v3.1/executions", Map.of("deployment_id", "ghost", "workflow_id",
                "install"));
        assertThat(ghost.status()).isEqualTo(404);
        assertThat(ghost.json().get("message")).isEqualTo("Requested `Deployment` with ID `ghost` was not found");

        // A deleted deployment refuses starts at once: nothing about it is remembered between starts.
        ExecutionFixture f = ExecutionFixture.deploy(owner, unique("d"), Map.of());
        assertThat(owner.delete("/api/v3.1/deployments/" + f.deployment).status()).isIn(200, 204);
        var gone = owner.post("/api/v3.1/executions", Map.of("deployment_id", f.deployment, "workflow_id",
                "install"));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("message")).isEqualTo("Requested `Deployment` with ID `" + f.deployment
                + "` was not found");
    }

    @Test
    void illegal_actions_answer_cloudifys_errors() {
        ExecutionFixture f = deployed(Map.of());
        String id = f.start("install", Map.of());
        f.awaitStatus(id, "terminated");
        var cancel = f.user.post("/api/v3.1/executions/" + id, Map.of("action", "cancel"));
        assertThat(cancel.status()).isEqualTo(400);
        assertThat(cancel.errorCode()).isEqualTo("illegal_action_error");
        assertThat(cancel.json().get("message")).isEqualTo("Can't cancel execution " + id
                + " because it's in status terminated");
        var resume = f.user.post("/api/v3.1/executions/" + id, Map.of("action", "resume"));
        assertThat(resume.status()).isEqualTo(409);
        assertThat(resume.errorCode()).isEqualTo("conflict_error");
        assertThat(f.user.post("/api/v3.1/executions/" + id, Map.of("action", "explode")).errorCode())
                .isEqualTo("bad_parameters_error");
        assertThat(f.user.post("/api/v3.1/executions/" + id, Map.of()).json().get("message"))
                .isEqualTo("Missing action in json request body");
        var patch = f.user.patch("/api/v3.1/executions/" + id, Map.of("status", "started"));
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.errorCode()).isEqualTo("invalid_exception_status_update");
        assertThat(f.user.patch("/api/v3.1/executions/" + id, Map.of("status", "weird")).status()).isEqualTo(400);
        assertThat(f.user.post("/api/v3.1/executions/no-such-id", Map.of("action", "cancel")).status())
                .isEqualTo(404);
        var kill = f.user.post("/api/v3.1/executions/" + id, Map.of("action", "kill"));
        assertThat(kill.status()).isEqualTo(200);
        assertThat(kill.json()).containsEntry("status", "terminated");
    }

    @Test
    void a_failed_execution_resumes_and_reruns_only_the_failed_task() {
        ExecutionFixture f = deployed(Map.of("fail_times", 3));
        String id = f.start("flaky", Map.of());
        assertThat(f.awaitStatus(id, "failed", "terminated")).containsEntry("status", "failed");
        var resumed = f.user.post("/api/v3.1/executions/" + id, Map.of("action", "resume"));
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json()).containsEntry("status", "pending").containsEntry("resume", true);
        assertThat(f.awaitStatus(id, "terminated", "failed")).containsEntry("status", "terminated")
                .containsEntry("error", "");
        assertThat(f.lines("flaky.count")).hasSize(4);
    }

    @Test
    void scale_adds_and_installs_instances_then_removes_them() {
        ExecutionFixture f = deployed(Map.of());
        f.awaitStatus(f.start("install", Map.of()), "terminated");
        String grow = f.start("scale", Map.of("scalable_entity_name", "web", "delta", 2));
        assertThat(f.awaitStatus(grow, "terminated", "failed")).containsEntry("status", "terminated");
        var webs = f.user.get("/api/v3.1/node-instances?deployment_id=" + f.deployment + "&node_id=web").items();
        assertThat(webs).hasSize(3).allSatisfy(i -> assertThat(i.get("state")).isEqualTo("started"));
        assertThat(f.user.get("/api/v3.1/nodes?deployment_id=" + f.deployment + "&id=web").items().get(0))
                .containsEntry("number_of_instances", 3);
        assertThat(f.lines("order.log").stream().filter("web create"::equals)).hasSize(3);

        String shrink = f.start("scale", Map.of("scalable_entity_name", "web", "delta", "-2"));
        assertThat(f.awaitStatus(shrink, "terminated", "failed")).containsEntry("status", "terminated");
        assertThat(f.user.get("/api/v3.1/node-instances?deployment_id=" + f.deployment + "&node_id=web").items())
                .hasSize(1);
        assertThat(f.lines("order.log").stream().filter("web delete"::equals)).hasSize(2);

        String impossible = f.start("scale", Map.of("scalable_entity_name", "web", "delta", -5));
        assertThat(f.awaitStatus(impossible, "terminated", "failed")).containsEntry("status", "failed");
        assertThat((String) f.execution(impossible).get("error")).contains("bounds");
    }

    @Test
    void lists_filter_sort_page_and_hide_system_workflows() {
        ExecutionFixture f = deployed(Map.of());
        String a = f.start("install", Map.of());
        f.awaitStatus(a, "terminated");
        String b = f.start("uninstall", Map.of());
        f.awaitStatus(b, "terminated");
        var list = f.user.get("/api/v3.1/executions?_include_system_workflows=False&deployment_id=" + f.deployment
                + "&_sort=-created_at&_size=1&_offset=0&_include=id%2Cstatus%2Ccreated_at");
        assertThat(list.items()).hasSize(1);
        assertThat(list.items().get(0)).containsOnlyKeys("id", "status", "created_at").containsEntry("id", b);
        // With the deployment's create_deployment_environment, not a system workflow in Cloudify either.
        assertThat(list.json().get("metadata").toString()).contains("total=3");
        assertThat(f.user.get("/api/v3/executions?workflow_id=install&status=terminated&status=failed"
                + "&deployment_id=" + f.deployment).items()).extracting(e -> e.get("id")).containsExactly(a);
        assertThat(f.user.get("/api/v3.1/executions?bogus=1").errorCode()).isEqualTo("bad_parameters_error");
        assertThat(f.user.get("/api/v3.1/executions/" + a + "/should-start").body()).isEqualTo("true");
    }

    @Test
    void ended_executions_can_be_deleted_keeping_the_last_ones() {
        ExecutionFixture f = deployed(Map.of());
        for (String workflow : List.of("install", "uninstall", "install")) {
            f.awaitStatus(f.start(workflow, Map.of()), "terminated");
        }
        var deleted = f.user.delete("/api/v3.1/executions?deployment_id=" + f.deployment, Map.of("keep_last", 1));
        assertThat(deleted.status()).isEqualTo(200);
        // The two older runs and the deployment's create_deployment_environment.
        assertThat(deleted.items().get(0)).containsEntry("count", 3);
        assertThat(f.user.get("/api/v3.1/executions?deployment_id=" + f.deployment).items()).hasSize(1);
    }

    @Test
    void a_dry_run_changes_no_state_and_runs_no_script() {
        ExecutionFixture f = deployed(Map.of());
        var response = f.user.post("/api/v3.1/executions", Map.of("deployment_id", f.deployment,
                "workflow_id", "install", "dry_run", "true"));
        String id = (String) response.json().get("id");
        assertThat(f.awaitStatus(id, "terminated")).containsEntry("is_dry_run", true);
        assertThat(f.lines("order.log")).isEmpty();
        assertThat(f.user.get("/api/v3.1/node-instances?deployment_id=" + f.deployment).items())
                .allSatisfy(i -> assertThat(i.get("state")).isEqualTo("uninitialized"));
        assertThat(f.user.get("/api/v3.1/events?execution_id=" + id + "&message=dry%20run").items()).isNotEmpty();
    }

    @Test
    void a_viewer_can_watch_but_not_start_or_cancel() {
        String tenant = newTenant();
        ExecutionFixture f = ExecutionFixture.deploy(newMember(tenant, "user"), unique("d"), Map.of());
        Api viewer = newMember(tenant, "viewer");
        String id = f.start("install", Map.of());
        assertThat(viewer.get("/api/v3.1/executions/" + id).status()).isEqualTo(200);
        assertThat(viewer.post("/api/v3.1/executions", Map.of("deployment_id", f.deployment,
                "workflow_id", "install")).status()).isEqualTo(403);
        assertThat(viewer.post("/api/v3.1/executions/" + id, Map.of("action", "kill")).status()).isEqualTo(403);
        assertThat(newMember(newTenant(), "manager").get("/api/v3.1/executions/" + id).status()).isEqualTo(404);
        f.awaitStatus(id, "terminated");
    }

    @Test
    void events_can_be_posted_and_filtered() {
        ExecutionFixture f = deployed(Map.of());
        String id = f.start("install", Map.of());
        f.awaitStatus(id, "terminated");
        var posted = f.user.post("/api/v3.1/events", Map.of("execution_id", id,
                "events", List.of(Map.of("event_type", "custom_event", "message", Map.of("text", "hello world"),
                        "context", Map.of("node_name", "db"))),
                "logs", List.of(Map.of("logger", "x", "level", "warning", "message", Map.of("text", "careful")),
                        Map.of("logger", "x", "level", "info", "message", Map.of("text", "INFO from the script")))));
        assertThat(posted.status()).isEqualTo(201);
        assertThat(f.user.get("/api/v3.1/events?execution_id=" + id + "&message.text=hello*").items())
                .extracting(e -> e.get("event_type")).containsExactly("custom_event");
        // Case-insensitive in any JVM locale: under Turkish, "I" must still match "i".
        assertThat(f.user.get("/api/v3.1/events?execution_id=" + id + "&message.text=info%20from*").items())
                .extracting(e -> e.get("message")).containsExactly("INFO from the script");
        assertThat(f.user.get("/api/v3.1/events?execution_id=" + id + "&type=cloudify_log&level=warning").items())
                .extracting(e -> e.get("message")).containsExactly("careful");
        assertThat(f.user.get("/api/v3.1/events?execution_id=" + id + "&_range=@timestamp,2000-01-01T00:00:00,")
                .items()).isNotEmpty();
        assertThat(f.user.get("/api/v3.1/events?execution_id=" + id + "&_range=@timestamp,,2000-01-01T00:00:00")
                .items()).isEmpty();
        assertThat(f.user.get("/api/v3.1/events?bogus=1").status()).isEqualTo(400);
        var sorted = f.user.get("/api/v3.1/events?execution_id=" + id + "&_sort=-@timestamp&_size=1").json();
        assertThat(sorted.get("metadata").toString()).contains("size=1");
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
