package io.steward.api.cloudify.wire;

import io.steward.engine.schedule.Schedule;
import io.steward.engine.schedule.ScheduleCommand;
import io.steward.engine.execution.StartCommand;
import io.steward.tenancy.error.InvalidInputException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cloudify's execution schedule as the client reads it, and the create/update bodies it sends. */
public final class ScheduleWire {
    public static final List<String> FIELDS = List.of("id", "deployment_id", "workflow_id", "created_at", "since",
            "until", "next_occurrence", "rule", "slip", "parameters", "execution_arguments", "stop_on_fail",
            "enabled", "latest_execution_status", "all_next_occurrences", "tenant_name", "created_by", "visibility",
            "private_resource", "resource_availability");
    private static final DateTimeFormatter PREVIEW = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private ScheduleWire() {
    }

    public static Map<String, Object> render(Schedule s, List<Instant> upcoming, String latestStatus) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("deployment_id", s.deploymentId());
        out.put("workflow_id", s.workflowId());
        out.put("created_at", Timestamps.format(s.createdAt()));
        out.put("since", Timestamps.format(s.since()));
        out.put("until", s.until() == null ? null : Timestamps.format(s.until()));
        out.put("next_occurrence", s.nextOccurrence() == null ? null : Timestamps.format(s.nextOccurrence()));
        out.put("rule", s.rule().render());
        out.put("slip", s.slip());
        out.put("parameters", s.parameters());
        out.put("execution_arguments", s.executionArguments().render());
        out.put("stop_on_fail", s.stopOnFail());
        out.put("enabled", s.enabled());
        out.put("latest_execution", s.latestExecution());
        out.put("latest_execution_status", latestStatus);
        out.put("all_next_occurrences", upcoming.stream().map(PREVIEW::format).toList());
        Ownership.put(out, s.tenantName(), s.createdBy(), s.visibility());
        return out;
    }

    /** A create or update body; on an update every field is optional. */
    public static ScheduleCommand command(JsonBody body) {
        Map<String, Object> arguments = body.optionalObject("execution_arguments");
        Schedule.ExecutionArguments executionArguments = null;
        if (arguments != null) {
            JsonBody a = JsonBody.of(arguments);
            Integer wait = a.optionalInteger("wait_after_fail");
            executionArguments = new Schedule.ExecutionArguments(a.bool("allow_custom_parameters", false),
                    a.bool("force", false), a.bool("dry_run", a.bool("is_dry_run", false)),
                    wait == null ? StartCommand.DEFAULT_WAIT_AFTER_FAIL : wait);
        }
        return new ScheduleCommand(body.optionalString("workflow_id"), time(body, "since"), time(body, "until"),
                blankless(body.optionalString("recurrence")), body.optionalInteger("count"), weekdays(body),
                blankless(body.optionalString("rrule")), body.optionalInteger("slip"), optionalBool(body,
                "stop_on_fail"), optionalBool(body, "enabled"), body.optionalObject("parameters"),
                executionArguments);
    }

    private static Boolean optionalBool(JsonBody body, String name) {
        return body.fields().get(name) == null ? null : body.bool(name, false);
    }

    private static String blankless(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static List<String> weekdays(JsonBody body) {
        Object value = body.fields().get("weekdays");
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException("weekdays must be a list, got " + value);
        }
        List<String> days = new ArrayList<>();
        for (Object day : list) {
            if (!(day instanceof String text)) {
                throw new InvalidInputException("weekdays must be a list of strings, got " + day);
            }
            days.add(text);
        }
        return days;
    }

    /** Cloudify's forms: a date alone is midnight UTC; otherwise any date-time {@link DateTimes} reads. */
    private static Instant time(JsonBody body, String name) {
        String value = body.optionalString(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.matches("\\d{4}-\\d\\d-\\d\\d")) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (java.time.DateTimeException e) {
                throw new InvalidInputException(name + " must be a date or a date-time, got `" + value + "`");
            }
        }
        return DateTimes.parse(name, value);
    }
}
