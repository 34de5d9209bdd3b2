package io.steward.engine.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A create or an update of a schedule as both arrive: on an update a null part keeps the stored value (a rule part
 * left out keeps the stored rule's).
 */
public record ScheduleCommand(String workflowId, Instant since, Instant until, String recurrence, Integer count,
                              List<String> weekdays, String rrule, Integer slip, Boolean stopOnFail, Boolean enabled,
                              Map<String, Object> parameters, Schedule.ExecutionArguments executionArguments) {

    boolean changesRule() {
        return recurrence != null || count != null || weekdays != null || rrule != null;
    }
}
