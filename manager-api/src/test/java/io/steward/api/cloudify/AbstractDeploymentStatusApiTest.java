package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.Await;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.steward.api.cloudify.AbstractBlueprintApiTest.uploadYaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment's health fields as Cloudify 7 computes them, walked through its states: created, installing,
 * installed, with sub-deployments (label {@code csys-obj-parent}), after a failed execution; in GET, list and search.
 */
abstract class AbstractDeploymentStatusApiTest extends ApiTestBase {
    private static final String HEALTH = "_include=id,installation_status,deployment_status,latest_execution_status,"
            + "unavailable_instances,drifted_instances,environment_type,sub_environments_count,"
            + "sub_environments_status,sub_services_count,sub_services_status";

    @Test
    void the_health_fields_follow_the_deployment_through_its_states() {
        String tenant = newTenant();
        Api user = newMember(tenant, "user");
        String parent = unique("parent");
        ExecutionFixture f = ExecutionFixture.deploy(user, parent, Map.of("fail_times", 10), true);

        // Created, not installed: Cloudify asks for attention until every instance is started.
        assertThat(awaitHealth(user, parent, "completed")).isEqualTo(health(parent, "inactive", "requires_attention",
                "completed", "", 0, null, 0, null));

        String install = f.start("install", Map.of());
        f.awaitGatedOperation();
        assertThat(health(user, parent)).isEqualTo(health(parent, "inactive", "in_progress", "in_progress", "",
                0, null, 0, null));

        f.openGate();
        assertThat(f.awaitStatus(install, "terminated", "failed")).containsEntry("status", "terminated");
        assertThat(health(user, parent)).isEqualTo(health(parent, "active", "good", "completed", "",
                0, null, 0, null));
        Map<String, Object> installed = user.get("/api/v3.1/deployments/" + parent
                + "?_include=id,latest_execution,latest_execution_total_operations,"
                + "latest_execution_finished_operations").json();
        assertThat(installed).containsEntry("latest_execution", install)
                .containsEntry("latest_execution_total_operations", 9)
                .containsEntry("latest_execution_finished_operations", 9);

        // Two children: a service (no csys-obj-type) and an environment, both only created.
        uploadYaml(user, "child-bp", ONE_TASK);
        String service = unique("svc");
        String environment = unique("env");
        childOf(user, service, parent, List.of());
        childOf(user, environment, parent, List.of(Map.of("csys-obj-type", "environment")));
        // A deployment of another tenant naming the same parent is not the parent's child here.
        Api stranger = newMember(newTenant(), "user");
        uploadYaml(stranger, "child-bp", ONE_TASK);
        childOf(stranger, unique("foreign"), parent, List.of());

        awaitHealth(user, service, "completed");
        awaitHealth(user, environment, "completed");
        assertThat(health(user, environment)).isEqualTo(health(environment, "inactive", "requires_attention",
                "completed", "environment", 0, null, 0, null));
        assertThat(health(user, parent)).isEqualTo(health(parent, "active", "requires_attention", "completed", "",
                1, "requires_attention", 1, "requires_attention"));

        // The list and search give the same values, and _include keeps only what was asked.
        assertThat(user.get("/api/v3.1/deployments?id=" + parent + "&_include=id,deployment_status,"
                + "sub_services_count,environment_type").items()).containsExactly(Map.of("id", parent,
                "deployment_status", "requires_attention", "sub_services_count", 1, "environment_type", ""));
        assertThat(user.get("/api/v3.1/deployments?_sort=id&" + HEALTH).items()).extracting(d -> d.get("id"),
                d -> d.get("deployment_status"), d -> d.get("sub_environments_count"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(parent, "requires_attention", 1),
                        org.assertj.core.groups.Tuple.tuple(service, "requires_attention", 0),
                        org.assertj.core.groups.Tuple.tuple(environment, "requires_attention", 0));
        assertThat(user.post("/api/v3.1/searches/deployments?" + HEALTH, Map.of("filter_rules", List.of(
                Map.of("key", "id", "values", List.of(parent), "operator", "any_of", "type", "attribute"))))
                .items()).containsExactly(health(parent, "active", "requires_attention", "completed", "",
                1, "requires_attention", 1, "requires_attention"));

        // Children gone: the parent is good again; then a failed execution asks for attention.
        assertThat(user.delete("/api/v3.1/deployments/" + service).status()).isEqualTo(204);
        assertThat(user.delete("/api/v3.1/deployments/" + environment).status()).isEqualTo(204);
        assertThat(health(user, parent)).containsEntry("deployment_status", "good");
        String flaky = f.start("flaky", Map.of());
        assertThat(f.awaitStatus(flaky, "terminated", "failed")).containsEntry("status", "failed");
        assertThat(health(user, parent)).isEqualTo(health(parent, "active", "requires_attention", "failed", "",
                0, null, 0, null));
    }

    private static void childOf(Api user, String id, String parent, List<Map<String, String>> more) {
        List<Map<String, String>> labels = new java.util.ArrayList<>(more);
        labels.add(Map.of("csys-obj-parent", parent));
        var created = user.put("/api/v3.1/deployments/" + id, Map.of("blueprint_id", "child-bp", "labels", labels));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static Map<String, Object> health(Api user, String id) {
        var response = user.get("/api/v3.1/deployments/" + id + "?" + HEALTH);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static Map<String, Object> awaitHealth(Api user, String id, String latestStatus) {
        return Await.until(id + "'s latest execution to be " + latestStatus, ExecutionFixture.WAIT,
                () -> health(user, id), d -> latestStatus.equals(d.get("latest_execution_status")));
    }

    private static Map<String, Object> health(String id, String installation, String status, String latest,
                                              String environmentType, int environments, String environmentsStatus,
                                              int services, String servicesStatus) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("installation_status", installation);
        out.put("deployment_status", status);
        out.put("latest_execution_status", latest);
        out.put("unavailable_instances", 0);
        out.put("drifted_instances", 0);
        out.put("environment_type", environmentType);
        out.put("sub_environments_count", environments);
        out.put("sub_environments_status", environmentsStatus);
        out.put("sub_services_count", services);
        out.put("sub_services_status", servicesStatus);
        return out;
    }
}
