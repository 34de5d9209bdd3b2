package io.steward.engine.schedule;

import io.steward.tenancy.error.InvalidInputException;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a schedule fires, as Cloudify states it: either an RFC 5545 {@code rrule}, or a {@code recurrence} such as
 * "2 weeks" with an optional {@code count} and {@code weekdays}. Neither means one occurrence, at {@code since}.
 * The occurrences themselves come from lib-recur, started at {@code since} and cut at {@code until}.
 */
public record ScheduleRule(String recurrence, Integer count, List<String> weekdays, String rrule) {
    private static final Pattern RECURRENCE = Pattern.compile("(\\d{1,6})\\s*([a-z]+)");
    private static final Pattern WEEKDAY = Pattern.compile("(L-|[1-4])?(SU|MO|TU|WE|TH|FR|SA)");
    private static final int MAX_RULE_LENGTH = 1024;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    public ScheduleRule {
        weekdays = weekdays == null ? List.of() : List.copyOf(weekdays);
    }

    /** Checks the parts as Cloudify does and normalises them; every refusal is a 400. */
    public static ScheduleRule of(String recurrence, Integer count, List<String> weekdays, String rrule) {
        List<String> days = new ArrayList<>();
        for (String day : weekdays == null ? List.<String>of() : weekdays) {
            String upper = day.trim().toUpperCase(Locale.ROOT);
            if (!WEEKDAY.matcher(upper).matches()) {
                throw new InvalidInputException("weekdays: `" + day + "` is not a weekday (su, mo, tu, we, th, fr,"
                        + " sa, optionally prefixed with 1-4 or l-)");
            }
            days.add(upper);
        }
        if (count != null && count < 1) {
            throw new InvalidInputException("count must be a positive integer, got " + count);
        }
        if (rrule != null) {
            if (recurrence != null || !days.isEmpty()) {
                throw new InvalidInputException("rrule cannot be combined with recurrence or weekdays");
            }
            ScheduleRule rule = new ScheduleRule(null, count, List.of(), rrule.trim());
            rule.recurrenceRule();
            return rule;
        }
        if (recurrence == null) {
            if (count == null || count != 1) {
                throw new InvalidInputException("recurrence must be specified for execution count larger than 1");
            }
            if (!days.isEmpty()) {
                throw new InvalidInputException("weekdays need a recurrence");
            }
            return new ScheduleRule(null, 1, List.of(), null);
        }
        ScheduleRule rule = new ScheduleRule(recurrence.trim(), count, days, null);
        String frequency = rule.frequency();
        if (days.stream().anyMatch(d -> d.length() > 2)
                && !frequency.equals("MONTHLY") && !frequency.equals("YEARLY")) {
            throw new InvalidInputException("weekdays with a 1-4 or l- prefix need a monthly or yearly recurrence");
        }
        return rule;
    }

    /** One occurrence at {@code since}, nothing after it. */
    public boolean isOneShot() {
        return recurrence == null && rrule == null;
    }

    /** The first occurrence at or after {@code from}, or null when none is left. */
    public Instant firstAtOrAfter(Instant since, Instant until, Instant from) {
        List<Instant> next = occurrences(since, until, from, 1);
        return next.isEmpty() ? null : next.get(0);
    }

    /** Up to {@code limit} occurrences at or after {@code from}, in order. */
    public List<Instant> occurrences(Instant since, Instant until, Instant from, int limit) {
        List<Instant> out = new ArrayList<>();
        if (isOneShot()) {
            if (!since.isBefore(from) && (until == null || !since.isAfter(until)) && limit > 0) {
                out.add(since);
            }
            return out;
        }
        RecurrenceRuleIterator it = recurrenceRule().iterator(new DateTime(UTC, since.toEpochMilli()));
        if (from.isAfter(since)) {
            it.fastForward(from.toEpochMilli());
        }
        while (out.size() < limit && it.hasNext()) {
            Instant next = Instant.ofEpochMilli(it.nextMillis());
            if (until != null && next.isAfter(until)) {
                break;
            }
            if (!next.isBefore(from)) {
                out.add(next);
            }
        }
        return out;
    }

    /** The rule as Cloudify shows it: every part, unset ones null. */
    public Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recurrence", recurrence);
        out.put("count", count);
        out.put("weekdays", weekdays);
        out.put("rrule", rrule);
        return out;
    }

    private RecurrenceRule recurrenceRule() {
        String text = rrule != null ? rrule.replaceFirst("(?i)^RRULE:", "") : recurrenceText();
        if (text.length() > MAX_RULE_LENGTH) {
            throw new InvalidInputException("rrule is longer than " + MAX_RULE_LENGTH + " characters");
        }
        try {
            RecurrenceRule rule = new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_STRICT);
            if (rrule != null && count != null && rule.getCount() == null) {
                rule.setCount(count);
            }
            return rule;
        } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
            throw new InvalidInputException("rrule: `" + rrule + "` is not a valid RFC 5545 recurrence rule: "
                    + e.getMessage());
        }
    }

    private String recurrenceText() {
        Matcher m = RECURRENCE.matcher(recurrence.toLowerCase(Locale.ROOT));
        StringBuilder text = new StringBuilder("FREQ=").append(frequency());
        m.matches();
        text.append(";INTERVAL=").append(Integer.parseInt(m.group(1)));
        if (count != null) {
            text.append(";COUNT=").append(count);
        }
        if (!weekdays.isEmpty()) {
            text.append(";BYDAY=").append(String.join(",", weekdays.stream().map(d -> d.replace("L-", "-1")).toList()));
        }
        return text.toString();
    }

    /** RFC 5545's FREQ for the recurrence's unit: "2 weeks" is WEEKLY (with INTERVAL=2). */
    private String frequency() {
        Matcher m = RECURRENCE.matcher(recurrence.toLowerCase(Locale.ROOT));
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
            throw new InvalidInputException("recurrence: `" + recurrence + "` is not of the form <number> <unit>"
                    + " (sec, min, h, d, w, mo, y)");
        }
        return switch (m.group(2)) {
            case "s", "sec", "secs", "second", "seconds" -> "SECONDLY";
            case "m", "min", "mins", "minute", "minutes" -> "MINUTELY";
            case "h", "hour", "hours" -> "HOURLY";
            case "d", "day", "days" -> "DAILY";
            case "w", "week", "weeks" -> "WEEKLY";
            case "mo", "month", "months" -> "MONTHLY";
            case "y", "year", "years" -> "YEARLY";
            default -> throw new InvalidInputException("recurrence: `" + recurrence + "` has an unknown unit `"
                    + m.group(2) + "` (sec, min, h, d, w, mo, y)");
        };
    }
}
