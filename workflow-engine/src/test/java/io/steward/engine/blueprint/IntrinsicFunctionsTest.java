package io.steward.engine.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.tenancy.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicFunctionsTest {
    /** A context over fixed maps; SELF is the node "web". */
    private static final FunctionContext CONTEXT = new FunctionContext() {
        private final Map<String, Object> inputs = Map.of("host", "example.org", "port", 8080,
                "db", Map.of("users", List.of("alice", "bob")));
        private final Map<String, Map<String, Object>> properties = Map.of(
                "web", Map.of("port", 80, "paths", Map.of("health", "/ping")));
        private final Map<String, Map<String, Object>> attributes = Map.of("web", Map.of("ip", "10.0.0.7"));

        @Override
        public Object input(String name) {
            if (!inputs.containsKey(name)) {
                throw new IllegalArgumentException("no input " + name);
            }
            return inputs.get(name);
        }

        @Override
        public Object property(String node, List<Object> path) {
            return IntrinsicFunctions.navigate(properties.get(self(node)), path);
        }

        @Override
        public Object attribute(String node, List<Object> path) {
            return IntrinsicFunctions.navigate(attributes.get(self(node)), path);
        }

        private String self(String node) {
            return node.equals("SELF") ? "web" : node;
        }
    };

    @Test
    void nested_concat_of_get_input_and_get_property_is_evaluated() {
        Object raw = Map.of("concat", List.of("http://", Map.of("get_input", "host"), ":",
                Map.of("get_property", List.of("SELF", "port")),
                Map.of("get_property", List.of("web", "paths", "health"))));
        assertThat(IntrinsicFunctions.evaluate(raw, CONTEXT)).isEqualTo("http://example.org:80/ping");
    }

    @Test
    void get_input_with_a_path_walks_into_maps_and_lists() {
        Object raw = Map.of("get_input", List.of("db", "users", 1));
        assertThat(IntrinsicFunctions.evaluate(raw, CONTEXT)).isEqualTo("bob");
    }

    @Test
    void functions_inside_maps_and_lists_are_evaluated_and_the_rest_kept() {
        Object raw = Map.of("url", Map.of("get_attribute", List.of("SELF", "ip")), "tags", List.of("a",
                Map.of("get_input", "port")), "plain", Map.of("nested", true));
        assertThat(IntrinsicFunctions.evaluate(raw, CONTEXT)).isEqualTo(Map.of("url", "10.0.0.7",
                "tags", List.of("a", 8080), "plain", Map.of("nested", true)));
    }

    @Test
    void a_map_with_more_than_one_key_is_not_a_call() {
        Object raw = Map.of("get_input", "host", "other", 1);
        assertThat(IntrinsicFunctions.isFunctionCall(raw)).isFalse();
        assertThat(IntrinsicFunctions.evaluate(raw, CONTEXT)).isEqualTo(raw);
    }

    @Test
    void arguments_may_themselves_be_calls() {
        Object raw = Map.of("get_attribute", List.of(Map.of("concat", List.of("w", "eb")), "ip"));
        assertThat(IntrinsicFunctions.evaluate(raw, CONTEXT)).isEqualTo("10.0.0.7");
    }

    @Test
    void an_attribute_never_set_is_null_and_concat_joins_it_as_empty() {
        Object raw = Map.of("concat", List.of("ip=", Map.of("get_attribute", List.of("web", "missing"))));
        assertThat(IntrinsicFunctions.evaluate(raw, CONTEXT)).isEqualTo("ip=");
    }

    @Test
    void a_missing_nested_input_key_is_an_error() {
        assertThatThrownBy(() -> IntrinsicFunctions.evaluate(Map.of("get_input", List.of("db", "admins")), CONTEXT))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("input 'db' has no such key");
    }

    @Test
    void a_malformed_call_is_an_error() {
        assertThatThrownBy(() -> IntrinsicFunctions.evaluate(Map.of("get_property", "web"), CONTEXT))
                .isInstanceOf(InvalidInputException.class).hasMessage("malformed get_property call: web");
    }
}
