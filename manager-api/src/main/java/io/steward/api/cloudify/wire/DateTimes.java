package io.steward.api.cloudify.wire;

import io.steward.tenancy.error.InvalidInputException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date-times as clients send them: ISO-8601 (a {@code T} or a space between date and time), with an offset
 * ({@code +05:00} or {@code +0500}) or {@code Z}, or naive (taken as UTC, as Cloudify does); and the {@code cfy} CLI's
 * {@code YYYYMMDDHHMM+HHMM} (offset optional).
 */
public final class DateTimes {
    /** Longer than any date-time form: refused before a pattern looks at it. */
    private static final int MAX_LENGTH = 64;
    private static final Pattern CLI_FORM = Pattern.compile("(\\d{12})([+-]\\d{4})?");
    private static final DateTimeFormatter CLI_LOCAL = DateTimeFormatter.ofPattern("uuuuMMddHHmm");
    private static final Pattern COLONLESS_OFFSET = Pattern.compile("(.*[T ]\\d\\d:\\d\\d.*)([+-]\\d\\d)(\\d\\d)");

    private DateTimes() {
    }

    public static Instant parse(String field, String value) {
        try {
            if (value.length() > MAX_LENGTH) {
                throw new DateTimeException("too long");
            }
            Matcher cli = CLI_FORM.matcher(value);
            if (cli.matches()) {
                LocalDateTime local = LocalDateTime.parse(cli.group(1), CLI_LOCAL);
                ZoneOffset offset = cli.group(2) == null ? ZoneOffset.UTC : ZoneOffset.of(cli.group(2));
                return local.toInstant(offset);
            }
            String iso = value.replaceFirst("^(\\d{4}-\\d\\d-\\d\\d) ", "$1T");
            Matcher colonless = COLONLESS_OFFSET.matcher(iso);
            if (colonless.matches()) {
                iso = colonless.group(1) + colonless.group(2) + ":" + colonless.group(3);
            }
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(iso).toInstant();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new InvalidInputException(field + " must be an ISO-8601 date-time or YYYYMMDDHHMM+HHMM, got `"
                    + value + "`");
        }
    }
}
