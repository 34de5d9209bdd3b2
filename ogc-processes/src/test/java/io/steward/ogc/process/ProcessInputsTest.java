package io.steward.ogc.process;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs are checked against their whole JSON Schema; qualified values are unwrapped, liberally. */
class ProcessInputsTest {
    private static final ProcessInputs.References NO_REFERENCES = (id, href) -> {
        throw ProcessException.invalidInput("no references here");
    };
    private static final ProcessDefinition ECHO = BuiltinProcesses.ALL.get(0);

    private static Map<String, Object> check(Map<String, Object> inputs) {
        return ProcessInputs.check(ECHO, inputs, NO_REFERENCES);
    }

    private static Map<String, Object> with(String id, Object value) {
        return Map.of("a", "x", id, value);
    }

    @Test
    void a_bounding_box_of_four_or_six_numbers_is_taken() {
        assertThat(check(with("c", Map.of("bbox", List.of(1, 2, 3, 4)))).get("c"))
                .isEqualTo(Map.of("bbox", List.of(1, 2, 3, 4)));
        assertThat(check(with("c", Map.of("bbox", List.of(1, 2, 3, 4, 5, 6), "crs",
                "http://www.opengis.net/def/crs/OGC/1.3/CRS84")))).containsKey("c");
    }

    @Test
    void a_bounding_box_of_two_or_five_numbers_is_refused() {
        assertThatThrownBy(() -> check(with("c", Map.of("bbox", List.of(1, 2))))).isInstanceOf(ProcessException.class)
                .hasMessageContaining("Input 'c'").hasMessageContaining("/bbox");
        assertThatThrownBy(() -> check(with("c", Map.of("bbox", List.of(1, 2, 3, 4, 5)))))
                .isInstanceOf(ProcessException.class).hasMessageContaining("Input 'c'");
    }

    @Test
    void an_object_without_a_required_member_or_with_a_member_of_the_wrong_type_is_refused() {
        assertThatThrownBy(() -> check(with("c", Map.of("crs", "x")))).isInstanceOf(ProcessException.class)
                .hasMessageContaining("bbox");
        assertThatThrownBy(() -> check(with("c", Map.of("bbox", "everywhere")))).isInstanceOf(ProcessException.class)
                .hasMessageContaining("/bbox");
        assertThatThrownBy(() -> check(with("c", Map.of("bbox", List.of(1, 2, 3, 4), "crs", 7))))
                .isInstanceOf(ProcessException.class).hasMessageContaining("/crs");
    }

    @Test
    void the_test_suites_value_object_for_an_object_input_is_taken_whole() {
        assertThat(check(with("d", Map.of("value", "teststring"))).get("d")).isEqualTo(Map.of("value", "teststring"));
    }

    @Test
    void a_qualified_value_is_unwrapped_when_the_value_fits() {
        assertThat(check(Map.of("a", Map.of("value", "hello", "mediaType", "text/plain"))).get("a"))
                .isEqualTo("hello");
        assertThat(check(with("d", Map.of("value", Map.of("k", 1)))).get("d")).isEqualTo(Map.of("k", 1));
    }

    @Test
    void the_nested_format_form_of_a_qualified_value_is_unwrapped() {
        assertThat(check(Map.of("a", Map.of("value", "hello", "format", Map.of("mediaType", "text/plain"))))
                .get("a")).isEqualTo("hello");
    }

    @Test
    void a_qualified_value_that_fits_neither_way_is_refused_with_the_unwrapped_values_problem() {
        assertThatThrownBy(() -> check(Map.of("a", Map.of("value", 5)))).isInstanceOf(ProcessException.class)
                .hasMessageContaining("Input 'a'").hasMessageContaining("string");
    }

    @Test
    void one_of_takes_either_type_and_refuses_others() {
        assertThat(check(with("e", 7)).get("e")).isEqualTo(7);
        assertThat(check(with("e", "seven")).get("e")).isEqualTo("seven");
        assertThatThrownBy(() -> check(with("e", 1.5))).isInstanceOf(ProcessException.class)
                .hasMessageContaining("Input 'e'");
    }

    @Test
    void enum_format_and_bounds_are_applied() {
        ProcessDefinition process = new ProcessDefinition("p", Map.of("inputs", Map.of(
                "colour", Map.of("schema", Map.of("type", "string", "enum", List.of("red", "green"))),
                "when", Map.of("schema", Map.of("type", "string", "format", "date-time")))), null, false);
        assertThat(ProcessInputs.check(process, Map.of("colour", "red", "when", "2026-01-01T00:00:00Z"),
                NO_REFERENCES)).hasSize(2);
        assertThatThrownBy(() -> ProcessInputs.check(process, Map.of("colour", "blue", "when", "2026-01-01T00:00:00Z"),
                NO_REFERENCES)).isInstanceOf(ProcessException.class).hasMessageContaining("Input 'colour'");
        assertThatThrownBy(() -> ProcessInputs.check(process, Map.of("colour", "red", "when", "yesterday"),
                NO_REFERENCES)).isInstanceOf(ProcessException.class).hasMessageContaining("Input 'when'");
        assertThatThrownBy(() -> check(with("pause", 601))).isInstanceOf(ProcessException.class)
                .hasMessageContaining("Input 'pause'");
    }

    @Test
    void a_remote_schema_reference_is_not_fetched_and_accepts_any_value() {
        ProcessDefinition process = new ProcessDefinition("p", Map.of("inputs", Map.of("r", Map.of("schema",
                Map.of("$ref", "http://127.0.0.1:9/never-fetched.json")))), null, false);
        assertThat(ProcessInputs.check(process, Map.of("r", 42), NO_REFERENCES)).containsEntry("r", 42);
    }

    @Test
    void a_repeatable_input_takes_each_occurrence_and_counts_them() {
        ProcessDefinition process = new ProcessDefinition("p", Map.of("inputs", Map.of("n", Map.of("minOccurs", 1,
                "maxOccurs", 2, "schema", Map.of("type", "integer")))), null, false);
        assertThat(ProcessInputs.check(process, Map.of("n", List.of(1, Map.of("value", 2))), NO_REFERENCES))
                .containsEntry("n", List.of(1, 2));
        assertThatThrownBy(() -> ProcessInputs.check(process, Map.of("n", List.of(1, 2, 3)), NO_REFERENCES))
                .isInstanceOf(ProcessException.class).hasMessageContaining("occurs 3 times");
    }
}
