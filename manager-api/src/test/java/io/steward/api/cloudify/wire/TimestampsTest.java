package io.steward.api.cloudify.wire;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written timestamp format matches the formatter it replaces, digit for digit. */
class TimestampsTest {
    @Test
    void matches_the_formatter_for_any_instant() {
        SplittableRandom random = new SplittableRandom(42);
        long max = Instant.parse("9999-12-31T23:59:59.999Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, max), random.nextInt(1_000_000_000));
            assertThat(Timestamps.format(instant)).isEqualTo(Timestamps.FORMAT.format(instant));
        }
        for (String edge : new String[] {"1970-01-01T00:00:00Z", "0001-01-01T00:00:00.000999999Z",
                "2024-02-29T23:59:59.999999999Z", "-0001-06-01T12:00:00Z", "+10000-01-01T00:00:00.5Z"}) {
            Instant instant = Instant.parse(edge);
            assertThat(Timestamps.format(instant)).as(edge).isEqualTo(Timestamps.FORMAT.format(instant));
        }
        assertThat(Timestamps.format(Instant.parse("2024-08-12T15:16:13.123456Z"))).isEqualTo("2024-08-12T15:16:13.123Z");
        assertThat(Timestamps.format(null)).isNull();
    }
}
