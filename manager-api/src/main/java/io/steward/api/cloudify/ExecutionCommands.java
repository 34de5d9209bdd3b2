package io.steward.api.cloudify;

import io.steward.api.cloudify.wire.JsonBody;
import io.steward.engine.execution.StartCommand;
import io.steward.tenancy.error.InvalidInputException;

import java.util.Map;

/** Binds the start body Cloudify's client sends (flags as "true"/"false" strings, nulls for unused knobs). */
final class ExecutionCommands {
    private ExecutionCommands() {
    }

    static StartCommand start(JsonBody body) {
        if (!body.fields().containsKey("deployment_id")) {
            throw new InvalidInputException("Missing deployment_id in json request body");
        }
        Map<String, Object> parameters = body.optionalObject("parameters");
        if (body.optionalString("force_status") != null) {
            throw new InvalidInputException("force_status is a snapshot-restore knob Steward does not support");
        }
        Integer waitAfterFail = body.optionalInteger("wait_after_fail");
        if (waitAfterFail != null && waitAfterFail < 0) {
            throw new InvalidInputException("wait_after_fail must be a non-negative number of seconds, got "
                    + waitAfterFail);
        }
        return new StartCommand(body.optionalString("deployment_id"), body.requiredString("workflow_id"),
                parameters == null ? Map.of() : parameters, body.bool("allow_custom_parameters", false),
                body.bool("force", false), body.bool("dry_run", false), body.bool("queue", false),
                body.optionalDateTime("scheduled_time"),
                waitAfterFail == null ? StartCommand.DEFAULT_WAIT_AFTER_FAIL : waitAfterFail);
    }
}
