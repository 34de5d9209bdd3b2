package io.steward.api.cloudify.wire;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written format must be exactly what Cloudify's pattern gives through {@link DateTimeFormatter}. */
class TimestampsTest {
    private static final DateTimeFormatter CLOUDIFY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void matchesTheCloudifyPatternOnEdgesAndAcrossTheRange() {
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(-1, 999_999_999),
                Instant.parse("2024-08-12T15:16:13.123456789Z"), Instant.parse("2024-02-29T23:59:59.999Z"),
                Instant.parse("2000-01-01T00:00:00.0005Z"), Instant.parse("1969-12-31T23:59:59.001Z"),
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("0000-12-31T23:59:59.5Z"),
                Instant.parse("-0001-06-01T12:00:00Z")));
        SplittableRandom random = new SplittableRandom(42);
        long first = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(first, end), random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            assertThat(Timestamps.format(instant)).as(instant.toString()).isEqualTo(CLOUDIFY.format(instant));
        }
    }

    @Test
    void absentStaysAbsent() {
        assertThat(Timestamps.format(null)).isNull();
    }
}
