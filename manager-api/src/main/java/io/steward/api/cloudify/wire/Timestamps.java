package io.steward.api.cloudify.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Cloudify's timestamp format: milliseconds and a Z, {@code 2024-08-12T15:16:13.123Z}.
 * <p>
 * Every rendered execution, event and deployment carries up to four of these, and a list page of 1,000 rows 4,000:
 * {@link DateTimeFormatter#format} showed in the profile of a start (1.5 % of request-thread samples), so years
 * 1–9999 are written by hand. Other years (never stored by Steward) go through the formatter, which the hand-written
 * path must match character for character (TimestampsTest).
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long FIRST_FAST_SECOND = LocalDate.of(1, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long END_FAST_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

    private Timestamps() {
    }

    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FAST_SECOND || seconds >= END_FAST_SECOND) {
            return FORMAT.format(instant);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        byte[] out = new byte[24];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        // SSS truncates the fraction, it does not round.
        digits(out, 20, instant.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out, StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
