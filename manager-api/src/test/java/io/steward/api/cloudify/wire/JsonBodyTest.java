package io.steward.api.cloudify.wire;

import io.steward.tenancy.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Integers of a JSON body: a value an int cannot hold is refused naming the field, never wrapped around. */
class JsonBodyTest {

    @Test
    void integers_within_int_are_read() {
        assertThat(JsonBody.of(Map.of("n", Integer.MAX_VALUE)).optionalInteger("n")).isEqualTo(Integer.MAX_VALUE);
        assertThat(JsonBody.of(Map.of("n", -5L)).optionalInteger("n")).isEqualTo(-5);
        assertThat(JsonBody.of(Map.of("n", "12")).optionalInteger("n")).isEqualTo(12);
    }

    @Test
    void integers_beyond_int_are_refused_naming_the_field() {
        for (Object big : new Object[] {2147483648L, new BigInteger("100000000000000000000"), 4294967301L}) {
            assertThatThrownBy(() -> JsonBody.of(Map.of("keep_last", big)).optionalInteger("keep_last"))
                    .as(String.valueOf(big)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("keep_last");
        }
    }
}
