package io.steward.engine.document;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON counts one value per object, array, scalar and member name, and its text is held to the size limit. */
class JsonExpansionTest {
    // {"a": [1, 2]}: the object, the name a, the array and two numbers.
    private static final String FIVE_VALUES = "{\"a\": [1, 2]}";

    @Test
    void a_document_with_as_many_values_as_the_limit_passes() {
        assertThatCode(() -> JsonExpansion.check(FIVE_VALUES, new DocumentLimits(5, 100), "The body"))
                .doesNotThrowAnyException();
    }

    @Test
    void one_value_more_than_the_limit_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> JsonExpansion.check(FIVE_VALUES, new DocumentLimits(4, 100), "The body"))
                .isInstanceOf(DocumentTooLargeException.class)
                .hasMessage("The body has more than 4 values (limit steward.parse.max-nodes = 4)");
    }

    @Test
    void text_longer_than_the_size_limit_is_refused_before_parsing() {
        byte[] bytes = FIVE_VALUES.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JsonExpansion.check(bytes, new DocumentLimits(100, 10), "The body"))
                .hasMessage("The body is larger than 10 characters (limit steward.parse.max-size = 10)");
    }

    @Test
    void text_that_is_not_json_is_a_syntax_error_for_the_caller() {
        assertThatThrownBy(() -> JsonExpansion.check("{nope", DocumentLimits.DEFAULT, "The body"))
                .isInstanceOf(java.io.IOException.class);
    }
}
