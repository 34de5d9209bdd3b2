package io.steward.engine.execution;

import static io.steward.engine.execution.ExecutionStatus.CANCELLED;
import static io.steward.engine.execution.ExecutionStatus.CANCELLING;
import static io.steward.engine.execution.ExecutionStatus.FAILED;
import static io.steward.engine.execution.ExecutionStatus.FORCE_CANCELLING;
import static io.steward.engine.execution.ExecutionStatus.KILL_CANCELLING;
import static io.steward.engine.execution.ExecutionStatus.PENDING;
import static io.steward.engine.execution.ExecutionStatus.QUEUED;
import static io.steward.engine.execution.ExecutionStatus.SCHEDULED;
import static io.steward.engine.execution.ExecutionStatus.STARTED;
import static io.steward.engine.execution.ExecutionStatus.TERMINATED;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which status changes Cloudify's {@code PATCH /executions/<id>} accepts. This is a compatibility rule, not Steward's
 * lifecycle ({@link ExecutionTransitions}): Cloudify lets its workflow worker write almost any status, and scripts
 * written for Cloudify rely on that. It reproduces {@code ResourceManager._validate_execution_update}, rewritten as an
 * allow-list per current status:
 * <ul>
 *   <li>same status to same status: always accepted;</li>
 *   <li>out of an end state: refused;</li>
 *   <li>out of {@code cancelling}: refused to an active status or {@code terminated};</li>
 *   <li>out of {@code force_cancelling}: the same, {@code cancelling} included;</li>
 *   <li>out of {@code pending}, {@code started}, {@code queued}, {@code scheduled}, {@code kill_cancelling}:
 *       anything.</li>
 * </ul>
 */
public final class CloudifyStatusUpdates {

    private static final Set<ExecutionStatus> ANY = EnumSet.allOf(ExecutionStatus.class);

    private static final Map<ExecutionStatus, Set<ExecutionStatus>> ALLOWED = table(Map.of(
            TERMINATED, EnumSet.of(TERMINATED),
            FAILED, EnumSet.of(FAILED),
            CANCELLED, EnumSet.of(CANCELLED),
            PENDING, ANY,
            STARTED, ANY,
            CANCELLING, EnumSet.of(CANCELLING, FAILED, CANCELLED, QUEUED, SCHEDULED),
            FORCE_CANCELLING, EnumSet.of(FORCE_CANCELLING, FAILED, CANCELLED, QUEUED, SCHEDULED),
            KILL_CANCELLING, ANY,
            QUEUED, ANY,
            SCHEDULED, ANY));

    private CloudifyStatusUpdates() {
    }

    /** Whether Cloudify's PATCH accepts a change from {@code from} to {@code to}. */
    public static boolean allows(ExecutionStatus from, ExecutionStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /**
     * Refuses a PATCH that Cloudify refuses, with Cloudify's message.
     *
     * @throws InvalidInputException with {@link Problem#ILLEGAL_STATUS_UPDATE} (Cloudify's 400
     *     {@code invalid_exception_status_update})
     */
    public static void requireAllowed(String executionId, String workflowId, ExecutionStatus from, ExecutionStatus to) {
        if (!allows(from, to)) {
            throw new InvalidInputException(Problem.ILLEGAL_STATUS_UPDATE,
                    "Invalid relationship - can't change status from " + from.wire() + " to " + to.wire() + " for \""
                            + executionId + "\" execution while running \"" + workflowId + "\" workflow.");
        }
    }

    /** Freezes the allow-list, and refuses to load unless it names every status and lets each one stay where it is. */
    private static Map<ExecutionStatus, Set<ExecutionStatus>> table(Map<ExecutionStatus, Set<ExecutionStatus>> rows) {
        Map<ExecutionStatus, Set<ExecutionStatus>> table = new EnumMap<>(ExecutionStatus.class);
        for (ExecutionStatus from : ExecutionStatus.values()) {
            Set<ExecutionStatus> to = rows.get(from);
            if (to == null || !to.contains(from)) {
                throw new IllegalStateException("Cloudify's PATCH table must list " + from.wire()
                        + " and allow it to stay " + from.wire());
            }
            table.put(from, Collections.unmodifiableSet(EnumSet.copyOf(to)));
        }
        return Collections.unmodifiableMap(table);
    }
}
