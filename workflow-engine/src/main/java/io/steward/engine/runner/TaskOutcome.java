package io.steward.engine.runner;

import io.steward.engine.workflow.Task;

/** How one task ended; {@code error} is null on success. */
record TaskOutcome(Task task, boolean succeeded, boolean stopped, String error) {
    static TaskOutcome success(Task task) {
        return new TaskOutcome(task, true, false, null);
    }

    static TaskOutcome failure(Task task, String error) {
        return new TaskOutcome(task, false, false, error);
    }

    static TaskOutcome stopped(Task task, String error) {
        return new TaskOutcome(task, false, true, error);
    }
}
