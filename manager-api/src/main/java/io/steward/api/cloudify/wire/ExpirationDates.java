package io.steward.api.cloudify.wire;

import io.steward.tenancy.error.InvalidInputException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expiration dates as Cloudify's client sends them ({@code cloudify.utils.parse_utc_datetime}): relative
 * {@code +<n><unit>} terms ({@code +1h}, {@code +30min}, {@code +2 weeks}, {@code +1d+10min}) from now in UTC with the
 * seconds zeroed, or {@code YYYY-MM-DD HH:MM} / {@code HH:MM} (today) in UTC. ISO-8601 is still accepted.
 */
public final class ExpirationDates {
    // Longest unit names first, so "min" is not read as "mo"+"in" and "month" not as "mo"+"nth".
    private static final Pattern TERM = Pattern.compile(
            "\\G\\s*\\+(\\d{1,9})\\s*(minute|min|hour|h|day|d|week|w|month|mo|year|y)s?\\s*");
    private static final Pattern RELATIVE = Pattern.compile(
            "(\\s*\\+\\d{1,9}\\s*(minute|min|hour|h|day|d|week|w|month|mo|year|y)s?\\s*)+");
    private static final DateTimeFormatter DATE_AND_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private ExpirationDates() {
    }

    public static Instant parse(String field, String value, Instant now) {
        try {
            if (RELATIVE.matcher(value).matches()) {
                return relative(value, now);
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}")) {
                return LocalDateTime.parse(value, DATE_AND_TIME).toInstant(ZoneOffset.UTC);
            }
            if (value.matches("\\d{2}:\\d{2}")) {
                return LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(LocalTime.parse(value, TIME))
                        .toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw invalid(field, value);
        }
        try {
            return DateTimes.parse(field, value);
        } catch (InvalidInputException e) {
            throw invalid(field, value);
        }
    }

    private static Instant relative(String value, Instant now) {
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        Matcher term = TERM.matcher(value);
        while (term.find()) {
            long amount = Long.parseLong(term.group(1));
            at = at.plus(amount, unit(term.group(2)));
        }
        return at.toInstant(ZoneOffset.UTC);
    }

    private static ChronoUnit unit(String name) {
        return switch (name) {
            case "minute", "min" -> ChronoUnit.MINUTES;
            case "hour", "h" -> ChronoUnit.HOURS;
            case "day", "d" -> ChronoUnit.DAYS;
            case "week", "w" -> ChronoUnit.WEEKS;
            case "month", "mo" -> ChronoUnit.MONTHS;
            default -> ChronoUnit.YEARS;
        };
    }

    private static InvalidInputException invalid(String field, String value) {
        return new InvalidInputException("Invalid " + field + " `" + value + "`: use +<n><unit> (e.g. +1h, +30min,"
                + " +2 weeks; units min, h, d, w, mo, y), `YYYY-MM-DD HH:MM` or `HH:MM` (UTC), or ISO-8601");
    }
}
