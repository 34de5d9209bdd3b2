package io.steward.engine.process;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs are checked against their schema's object and array rules, not only its type. */
class ProcessInputsTest {
    private static final Map<String, Object> BBOX = Map.of("type", "object", "required", List.of("bbox"),
            "properties", Map.of("bbox", Map.of("type", "array", "minItems", 4, "maxItems", 6,
                    "items", Map.of("type", "number")), "crs", Map.of("type", "string")));
    private static final ProcessDefinition PROCESS = new ProcessDefinition("p", Map.of("inputs",
            Map.of("c", Map.of("schema", BBOX))), null, false);

    @Test
    void a_bounding_box_of_four_numbers_is_taken() {
        assertThat(ProcessInputs.check(PROCESS, Map.of("c", Map.of("bbox", List.of(1, 2, 3, 4)))))
                .containsKey("c");
    }

    @Test
    void an_object_without_a_required_member_is_refused() {
        assertThatThrownBy(() -> ProcessInputs.check(PROCESS, Map.of("c", Map.of("crs", "x"))))
                .isInstanceOf(ProcessException.class).hasMessageContaining("'bbox'");
    }

    @Test
    void a_member_that_does_not_fit_its_property_schema_is_refused() {
        assertThatThrownBy(() -> ProcessInputs.check(PROCESS, Map.of("c", Map.of("bbox", "everywhere"))))
                .isInstanceOf(ProcessException.class).hasMessageContaining("member 'bbox'");
        assertThatThrownBy(() -> ProcessInputs.check(PROCESS, Map.of("c", Map.of("bbox", List.of(1, 2, 3, 4),
                "crs", 7)))).isInstanceOf(ProcessException.class).hasMessageContaining("member 'crs'");
    }

    @Test
    void arrays_outside_min_and_max_items_are_refused() {
        assertThatThrownBy(() -> ProcessInputs.check(PROCESS, Map.of("c", Map.of("bbox", List.of(1, 2)))))
                .isInstanceOf(ProcessException.class).hasMessageContaining("at least 4 items");
        assertThatThrownBy(() -> ProcessInputs.check(PROCESS, Map.of("c",
                Map.of("bbox", List.of(1, 2, 3, 4, 5, 6, 7))))).isInstanceOf(ProcessException.class)
                .hasMessageContaining("at most 6 items");
    }
}
