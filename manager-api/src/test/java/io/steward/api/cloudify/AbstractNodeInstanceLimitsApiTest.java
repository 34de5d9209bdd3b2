package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.steward.api.cloudify.AbstractBlueprintApiTest.uploadYaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node instances per deployment are bounded (here at 30, by {@code steward.deployments.max-node-instances}) on create
 * and on scale, counted through containment; and instance ids stay unique in the tenant even when their random
 * suffixes collide (the server here draws suffixes from two letters only, so collisions are certain).
 */
abstract class AbstractNodeInstanceLimitsApiTest extends ApiTestBase {
    static final int LIMIT = 30;

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.deployments.max-node-instances", LIMIT,
                TwoLetterInstanceIdSuffixes.PROPERTY, "true");
    }

    /** {@code hosts} Compute instances, each containing {@code apps} app instances. */
    private static String hostsWithApps(int hosts, int apps) {
        return """
                tosca_definitions_version: cloudify_dsl_1_4
                imports: [cloudify/types/types.yaml]
                node_templates:
                  host:
                    type: cloudify.nodes.Compute
                    instances: {deploy: %d}
                  app:
                    type: cloudify.nodes.Root
                    instances: {deploy: %d}
                    relationships:
                      - {type: cloudify.relationships.contained_in, target: host}
                """.formatted(hosts, apps);
    }

    private Api userWith(String blueprintId, String yaml) {
        Api user = newMember(newTenant(), "user");
        var uploaded = uploadYaml(user, blueprintId, yaml);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        return user;
    }

    @Test
    void a_deployment_at_the_limit_is_created_and_one_over_it_is_refused_naming_the_limit() {
        Api user = userWith("at", hostsWithApps(5, 5));
        assertThat(user.put("/api/v3.1/deployments/at-1", Map.of("blueprint_id", "at")).status()).isEqualTo(201);
        assertThat(user.get("/api/v3.1/node-instances?deployment_id=at-1&_size=1000").items()).hasSize(LIMIT);

        var over = uploadYaml(user, "over", hostsWithApps(5, 6));
        assertThat(over.status()).isEqualTo(201);
        var refused = user.put("/api/v3.1/deployments/over-1", Map.of("blueprint_id", "over"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("bad_parameters_error");
        assertThat((String) refused.json().get("message")).contains("35 node instances")
                .contains("limit of " + LIMIT).contains("steward.deployments.max-node-instances");
        assertThat(user.get("/api/v3.1/deployments/over-1").status()).isEqualTo(404);
        assertThat(user.get("/api/v3.1/node-instances?deployment_id=over-1").items()).isEmpty();
    }

    @Test
    void counts_that_would_overflow_an_int_are_refused_not_wrapped() {
        Api user = userWith("huge", hostsWithApps(100_000, 100_000));
        var refused = user.put("/api/v3.1/deployments/huge-1", Map.of("blueprint_id", "huge"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("bad_parameters_error");
        assertThat((String) refused.json().get("message")).contains("10000100000 node instances");
    }

    @Test
    void a_scale_over_the_limit_is_refused_when_started_and_writes_nothing() {
        Api user = userWith("sc", hostsWithApps(2, 4));
        assertThat(user.put("/api/v3.1/deployments/sc-1", Map.of("blueprint_id", "sc")).status()).isEqualTo(201);
        // 10 instances; one more host brings 1 + 4 = 5 each: 4 more hosts reach 30, 5 would make 35.
        var refused = user.post("/api/v3.1/executions", Map.of("deployment_id", "sc-1", "workflow_id", "scale",
                "parameters", Map.of("scalable_entity_name", "host", "delta", 5)));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("bad_parameters_error");
        assertThat((String) refused.json().get("message")).contains("35 node instances").contains("limit of 30");
        assertThat(user.get("/api/v3.1/executions?deployment_id=sc-1&workflow_id=scale").items()).isEmpty();

        var contained = user.post("/api/v3.1/executions", Map.of("deployment_id", "sc-1", "workflow_id", "scale",
                "parameters", Map.of("scalable_entity_name", "app", "delta", 11)));
        assertThat(contained.status()).as("2 hosts x 11 more apps: 32").isEqualTo(400);

        var within = user.post("/api/v3.1/executions", Map.of("deployment_id", "sc-1", "workflow_id", "scale",
                "parameters", Map.of("scalable_entity_name", "host", "delta", 4)));
        assertThat(within.status()).as(within.body()).isEqualTo(201);
    }

    @Test
    void instance_ids_stay_unique_in_the_tenant_when_their_random_suffixes_collide() {
        Api user = userWith("clash", hostsWithApps(1, 4));
        Set<String> ids = new HashSet<>();
        // 5 ids per deployment out of 64 possible per node name: without checks, a clash is all but certain.
        for (int i = 0; i < 6; i++) {
            var created = user.put("/api/v3.1/deployments/clash-" + i, Map.of("blueprint_id", "clash"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            List<Map<String, Object>> instances = user.get("/api/v3.1/node-instances?deployment_id=clash-" + i
                    + "&_include=id,node_id").items();
            assertThat(instances).hasSize(5).allSatisfy(instance ->
                    assertThat((String) instance.get("id")).matches(instance.get("node_id") + "_[ab]{6}"));
            instances.forEach(instance -> ids.add((String) instance.get("id")));
        }
        assertThat(ids).hasSize(30);
    }
}
