package io.steward.engine.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.tenancy.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code get_secret}: read when evaluated, kept as written where the result is stored, named for the plan check. */
class GetSecretFunctionTest {
    private static FunctionContext context(boolean defers) {
        return new FunctionContext() {
            @Override
            public Object input(String name) {
                return "in-" + name;
            }

            @Override
            public Object property(String node, List<Object> path) {
                return null;
            }

            @Override
            public Object attribute(String node, List<Object> path) {
                return null;
            }

            @Override
            public String secret(String name) {
                return "value-of-" + name;
            }

            @Override
            public Object secretDocument(String name) {
                return Map.of("users", List.of("alice", "bob"));
            }

            @Override
            public boolean defersSecrets() {
                return defers;
            }
        };
    }

    @Test
    void a_secret_is_read_by_name_or_walked_into_as_json() {
        assertThat(IntrinsicFunctions.evaluate(Map.of("get_secret", "pw"), context(false))).isEqualTo("value-of-pw");
        assertThat(IntrinsicFunctions.evaluate(Map.of("get_secret", List.of("creds", "users", 1)), context(false)))
                .isEqualTo("bob");
        assertThatThrownBy(() -> IntrinsicFunctions.evaluate(Map.of("get_secret", List.of("creds", "nope")),
                context(false))).isInstanceOf(InvalidInputException.class).hasMessageContaining("no such key");
        assertThatThrownBy(() -> IntrinsicFunctions.evaluate(Map.of("get_secret", 5), context(false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("malformed get_secret");
    }

    @Test
    void a_storing_context_keeps_every_call_that_reaches_a_secret_as_written() {
        Object concat = Map.of("concat", List.of("user:", Map.of("get_secret", "pw")));
        Object raw = Map.of("url", concat, "host", Map.of("get_input", "host"));
        Object stored = IntrinsicFunctions.evaluate(raw, context(true));
        assertThat(stored).isEqualTo(Map.of("url", concat, "host", "in-host"));
        assertThat(IntrinsicFunctions.evaluate(stored, context(false)))
                .isEqualTo(Map.of("url", "user:value-of-pw", "host", "in-host"));
    }

    @Test
    void the_plain_secret_names_of_a_plan_are_found_wherever_they_are() {
        Object plan = Map.of("nodes", List.of(Map.of("properties", Map.of("a", Map.of("get_secret", "one"),
                "b", Map.of("concat", List.of(Map.of("get_secret", List.of("two", "k"))))))),
                "computed", Map.of("get_secret", Map.of("get_input", "name")));
        assertThat(IntrinsicFunctions.secretNames(plan)).isEqualTo(Set.of("one", "two"));
    }
}
