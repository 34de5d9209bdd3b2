package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cfy executions graphs list} and {@code cfy executions operations list|get}: the stored task graph of an
 * execution read as Cloudify's tasks graphs and operations, only for executions the caller may see.
 */
abstract class AbstractOperationsApiTest extends ApiTestBase {

    @Test
    void an_executions_graph_and_operations_are_listed_with_the_fields_the_cli_prints() {
        Api user = newMember(newTenant(), "user");
        String execution = ranOneTask(user);

        var graphs = user.get("/api/v3.1/tasks_graphs?execution_id=" + execution);
        assertThat(graphs.status()).as(graphs.body()).isEqualTo(200);
        assertThat(graphs.items()).singleElement().satisfies(g -> {
            assertThat(g).containsEntry("id", execution).containsEntry("name", "one_task")
                    .containsEntry("execution_id", execution).containsKey("created_at");
        });
        assertThat(user.get("/api/v3.1/tasks_graphs?execution_id=" + execution + "&name=other").items()).isEmpty();

        var operations = user.get("/api/v3.1/operations?execution_id=" + execution + "&skip_internal=True");
        assertThat(operations.status()).as(operations.body()).isEqualTo(200);
        assertThat(operations.items()).singleElement().satisfies(o -> {
            assertThat(o).containsEntry("name", "cloudify.interfaces.lifecycle.create")
                    .containsEntry("state", "succeeded").containsEntry("type", "RemoteWorkflowTask")
                    .containsEntry("tasks_graph_id", execution).containsEntry("manager_name", null)
                    .containsEntry("agent_name", null).containsKeys("id", "dependencies", "parameters");
            assertThat(((Map<?, ?>) o.get("parameters")).keySet()).map(Object::toString)
                    .contains("task_kwargs", "current_retries");
        });
        String id = (String) operations.items().get(0).get("id");
        // The execution's id, a dot and the task's id in the graph: "t" and five digits.
        String operationId = Pattern.quote(execution) + "\\.t[0-9]{5}";
        assertThat(id).matches(operationId);
        var one = user.get("/api/v3.1/operations/" + id);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(operations.items().get(0));

        var all = user.get("/api/v3.1/operations?graph_id=" + execution);
        assertThat(all.items().size()).isGreaterThanOrEqualTo(1);
        assertThat(all.items()).extracting(o -> (String) o.get("id")).doesNotHaveDuplicates()
                .allMatch(each -> each.matches(operationId));
        assertThat(all.items()).extracting(o -> o.get("state")).containsOnly("succeeded");
        assertThat(user.get("/api/v3.1/operations?execution_id=" + execution + "&state=failed").items()).isEmpty();
        var paged = user.get("/api/v3.1/operations?execution_id=" + execution + "&_size=0");
        assertThat(paged.items()).isEmpty();
        assertThat(((Map<?, ?>) ((Map<?, ?>) paged.json().get("metadata")).get("pagination")).get("total"))
                .isEqualTo(all.items().size());
    }

    @Test
    void another_tenants_execution_has_no_graph_or_operations_and_bad_requests_are_400() {
        Api owner = newMember(newTenant(), "user");
        Api stranger = newMember(newTenant(), "user");
        String execution = ranOneTask(owner);
        String id = (String) owner.get("/api/v3.1/operations?execution_id=" + execution).items().get(0).get("id");

        for (String path : List.of("/api/v3.1/tasks_graphs?execution_id=" + execution,
                "/api/v3.1/operations?execution_id=" + execution, "/api/v3.1/operations/" + id,
                "/api/v3.1/operations/nothing", "/api/v3.1/tasks_graphs?execution_id=nothing")) {
            var response = stranger.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.errorCode()).isEqualTo("not_found_error");
        }
        for (String path : List.of("/api/v3.1/operations", "/api/v3.1/tasks_graphs",
                "/api/v3.1/operations?execution_id=" + execution + "&graph_id=" + execution,
                "/api/v3.1/operations?execution_id=" + execution + "&skip_internal=maybe",
                "/api/v3.1/operations?execution_id=" + execution + "&nope=1")) {
            var response = owner.get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("bad_parameters_error");
        }
    }

    private static String ranOneTask(Api user) {
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/b", "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(user.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "b")).status()).isEqualTo(201);
        var started = user.post("/api/v3.1/executions", Map.of("deployment_id", "d", "workflow_id", "one_task"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String id = (String) started.json().get("id");
        Await.until("the execution to end", Duration.ofSeconds(30),
                () -> user.get("/api/v3.1/executions/" + id).json().get("status"), "terminated"::equals);
        return id;
    }
}
