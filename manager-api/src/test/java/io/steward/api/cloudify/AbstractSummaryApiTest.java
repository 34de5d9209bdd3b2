package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /summary/{resource}} as {@code cfy … summary F [S]} reads it: one item per target value with the count
 * under the resource's name, {@code "by S"} per sub value, pagination of (target, sub) groups, the resource's list
 * filters, only what the caller may see, and Cloudify's 400 for a field it cannot group by.
 */
abstract class AbstractSummaryApiTest extends ApiTestBase {

    @Test
    void executions_are_counted_per_target_and_sub_field() {
        Api user = newMember(newTenant(), "user");
        uploadOneTask(user, "b");
        deploy(user, "d1", "b");
        deploy(user, "d2", "b");
        run(user, "d1");
        run(user, "d1");
        run(user, "d2");

        var response = user.get("/api/v3.1/summary/executions?_target_field=deployment_id&_sub_field=status_display"
                + "&workflow_id=one_task&_all_tenants=False");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.items()).containsExactly(
                Map.of("deployment_id", "d1", "executions", 2,
                        "by status_display", List.of(Map.of("status_display", "completed", "executions", 2))),
                Map.of("deployment_id", "d2", "executions", 1,
                        "by status_display", List.of(Map.of("status_display", "completed", "executions", 1))));
        assertThat(pagination(response)).isEqualTo(Map.of("total", 2, "size", 1000, "offset", 0));

        // Without a sub field there is no "by" key; filters narrow as on the list.
        var d2 = user.get("/api/v3.1/summary/executions?_target_field=status&deployment_id=d2&workflow_id=one_task");
        assertThat(d2.items()).containsExactly(Map.of("status", "terminated", "executions", 1));

        // _size/_offset page the groups.
        var second = user.get("/api/v3.1/summary/executions?_target_field=deployment_id&workflow_id=one_task"
                + "&_size=1&_offset=1");
        assertThat(second.items()).containsExactly(Map.of("deployment_id", "d2", "executions", 1));
        assertThat(pagination(second)).isEqualTo(Map.of("total", 2, "size", 1, "offset", 1));
    }

    @Test
    void deployments_nodes_and_node_instances_have_summaries() {
        Api user = newMember(newTenant(), "user");
        uploadOneTask(user, "b");
        uploadOneTask(user, "c");
        deploy(user, "d1", "b");
        deploy(user, "d2", "b");
        deploy(user, "d3", "c");

        var deployments = user.get("/api/v3.1/summary/deployments?_target_field=blueprint_id"
                + "&_sub_field=deployment_status");
        assertThat(deployments.status()).as(deployments.body()).isEqualTo(200);
        assertThat(deployments.items()).containsExactly(
                Map.of("blueprint_id", "b", "deployments", 2,
                        "by deployment_status", List.of(Map.of("deployment_status", "good", "deployments", 2))),
                Map.of("blueprint_id", "c", "deployments", 1,
                        "by deployment_status", List.of(Map.of("deployment_status", "good", "deployments", 1))));

        Map<String, Object> noSite = new java.util.HashMap<>();
        noSite.put("site_name", null);
        noSite.put("deployments", 3);
        assertThat(user.get("/api/v3.1/summary/deployments?_target_field=site_name").items()).containsExactly(noSite);

        var instances = user.get("/api/v3.1/summary/node_instances?_target_field=node_id&_sub_field=deployment_id"
                + "&deployment_id=d1&deployment_id=d3");
        assertThat(instances.items()).containsExactly(Map.of("node_id", "n", "node_instances", 2,
                "by deployment_id", List.of(Map.of("deployment_id", "d1", "node_instances", 1),
                        Map.of("deployment_id", "d3", "node_instances", 1))));
        assertThat(user.get("/api/v3.1/summary/node_instances?_target_field=index").items())
                .containsExactly(Map.of("index", 0, "node_instances", 3));

        var nodes = user.get("/api/v3.1/summary/nodes?_target_field=deployment_id");
        assertThat(nodes.items()).extracting(i -> i.get("deployment_id")).containsExactly("d1", "d2", "d3");
    }

    @Test
    void a_summary_counts_only_what_the_caller_may_see() {
        String tenant = newTenant();
        Api alice = newMember(tenant, "user");
        Api bob = newMember(tenant, "user");
        Api stranger = newMember(newTenant(), "user");
        uploadOneTask(alice, "shared");
        uploadOneTask(stranger, "theirs");
        var hidden = alice.send("PUT", "/api/v3.1/blueprints/hidden?visibility=private", "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8));
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(201);

        assertThat(alice.get("/api/v3.1/summary/blueprints?_target_field=visibility").items()).containsExactly(
                Map.of("visibility", "private", "blueprints", 1), Map.of("visibility", "tenant", "blueprints", 1));
        assertThat(bob.get("/api/v3.1/summary/blueprints?_target_field=tenant_name").items())
                .containsExactly(Map.of("tenant_name", tenant, "blueprints", 1));
        assertThat(stranger.get("/api/v3.1/summary/blueprints?_target_field=tenant_name").items())
                .extracting(i -> i.get("blueprints")).containsExactly(1);
    }

    @Test
    void a_field_a_summary_cannot_group_by_is_a_400_naming_the_allowed_ones() {
        Api user = newMember(newTenant(), "user");
        var bad = user.get("/api/v3.1/summary/blueprints?_target_field=id");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("bad_parameters_error");
        assertThat(bad.json().get("message")).isEqualTo("Invalid summary field: id. Allowed values: tenant_name,"
                + " visibility");
        var badSub = user.get("/api/v3.1/summary/executions?_target_field=status&_sub_field=error");
        assertThat(badSub.status()).isEqualTo(400);
        assertThat(badSub.errorCode()).isEqualTo("bad_parameters_error");
        var missing = user.get("/api/v3.1/summary/executions");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo("bad_parameters_error");
        var unknownFilter = user.get("/api/v3.1/summary/nodes?_target_field=deployment_id&nope=1");
        assertThat(unknownFilter.status()).isEqualTo(400);
        assertThat(unknownFilter.errorCode()).isEqualTo("bad_parameters_error");
        var badIndex = user.get("/api/v3.1/summary/node_instances?_target_field=node_id&index=x");
        assertThat(badIndex.status()).isEqualTo(400);
        assertThat(badIndex.errorCode()).isEqualTo("bad_parameters_error");
        var unknownResource = user.get("/api/v3.1/summary/plugins?_target_field=id");
        assertThat(unknownResource.status()).isEqualTo(404);
        assertThat(unknownResource.errorCode()).isEqualTo("not_found_error");
    }

    private static Object pagination(Api.Response response) {
        return ((Map<?, ?>) response.json().get("metadata")).get("pagination");
    }

    private static void uploadOneTask(Api user, String id) {
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/" + id, "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    }

    private static void deploy(Api user, String id, String blueprint) {
        var created = user.put("/api/v3.1/deployments/" + id, Map.of("blueprint_id", blueprint));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static void run(Api user, String deployment) {
        var started = user.post("/api/v3.1/executions", Map.of("deployment_id", deployment, "workflow_id",
                "one_task"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String id = (String) started.json().get("id");
        Await.until("the execution to end", Duration.ofSeconds(30),
                () -> user.get("/api/v3.1/executions/" + id).json().get("status"), "terminated"::equals);
    }
}
