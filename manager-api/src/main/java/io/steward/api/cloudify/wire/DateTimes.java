package io.steward.api.cloudify.wire;

import io.steward.tenancy.error.InvalidInputException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Date-times as clients send them: ISO-8601, with an offset or {@code Z}, or naive (taken as UTC, as Cloudify does). */
public final class DateTimes {
    private DateTimes() {
    }

    public static Instant parse(String field, String value) {
        try {
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field + " must be an ISO-8601 date-time, got `" + value + "`");
        }
    }
}
