package io.steward.engine.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanMapperTest {
    private final Map<String, Object> map = new BlueprintParser().parse(Fixtures.threeNodes(), null).toMap();

    @Test
    void plan_map_has_cloudify_top_level_keys() {
        assertThat(map).containsOnlyKeys("description", "inputs", "nodes", "workflows", "outputs", "capabilities",
                "labels", "blueprint_labels", "groups", "scaling_groups");
        assertThat(map.get("scaling_groups")).isEqualTo(Map.of());
    }

    @Test
    void nodes_list_type_hierarchy_root_first_like_cloudify() {
        Map<String, Object> web = node("web");
        assertThat(web.get("type_hierarchy")).isEqualTo(List.of("cloudify.nodes.Root",
                "cloudify.nodes.SoftwareComponent", "cloudify.nodes.WebServer"));
        assertThat(web.get("contained_in")).isEqualTo("host");
        Map<String, Object> create = asMap(asMap(web.get("operations")).get("cloudify.interfaces.lifecycle.create"));
        assertThat(create).containsEntry("implementation", "scripts/create.sh").containsEntry("kind", "script")
                .containsEntry("max_retries", 0).containsEntry("retry_interval", 30);
    }

    @Test
    void workflows_carry_plugin_operation_and_parameters() {
        Map<String, Object> install = asMap(asMap(map.get("workflows")).get("install"));
        assertThat(install).containsEntry("plugin", "default_workflows")
                .containsEntry("operation", "cloudify.plugins.workflows.install");
        assertThat(asMap(install.get("parameters"))).containsEntry("node_ids",
                Map.of("type", "list", "default", List.of(), "description", "Only instances of these nodes",
                        "required", false));
    }

    @Test
    void plan_map_holds_only_json_ready_values() {
        assertJsonReady(map);
    }

    private Map<String, Object> node(String id) {
        return ((List<?>) map.get("nodes")).stream().map(PlanMapperTest::asMap)
                .filter(n -> n.get("id").equals(id)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static void assertJsonReady(Object value) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertJsonReady(v);
            });
        } else if (value instanceof List<?> l) {
            l.forEach(PlanMapperTest::assertJsonReady);
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, Number.class, Boolean.class);
        }
    }
}
