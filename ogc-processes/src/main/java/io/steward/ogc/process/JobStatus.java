package io.steward.ogc.process;

import io.steward.engine.execution.ExecutionStatus;

/** The five OGC job statuses, and the one mapping from the engine's execution statuses to them. */
public enum JobStatus {
    ACCEPTED("accepted"),
    RUNNING("running"),
    SUCCESSFUL("successful"),
    FAILED("failed"),
    DISMISSED("dismissed");

    private final String wire;

    JobStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return this == SUCCESSFUL || this == FAILED || this == DISMISSED;
    }

    public static JobStatus of(ExecutionStatus status) {
        return switch (status) {
            case PENDING, QUEUED, SCHEDULED -> ACCEPTED;
            case STARTED, CANCELLING, FORCE_CANCELLING, KILL_CANCELLING -> RUNNING;
            case TERMINATED -> SUCCESSFUL;
            case FAILED -> FAILED;
            case CANCELLED -> DISMISSED;
        };
    }

    /** The execution statuses that read as this job status: the inverse of {@link #of}. */
    public java.util.Set<ExecutionStatus> executionStatuses() {
        java.util.Set<ExecutionStatus> statuses = java.util.EnumSet.noneOf(ExecutionStatus.class);
        for (ExecutionStatus status : ExecutionStatus.values()) {
            if (of(status) == this) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    /** The status whose wire value is {@code wire}; refused as an invalid query parameter value otherwise. */
    public static JobStatus ofWire(String wire) {
        for (JobStatus status : values()) {
            if (status.wire.equals(wire)) {
                return status;
            }
        }
        throw ProcessException.invalidQuery("status must be one of accepted, running, successful, failed,"
                + " dismissed, not '" + wire + "'");
    }
}
