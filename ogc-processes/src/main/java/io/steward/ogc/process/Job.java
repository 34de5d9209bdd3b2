package io.steward.ogc.process;

import io.steward.engine.execution.Execution;

import java.time.Duration;
import java.time.Instant;

/**
 * An OGC job: the execution that runs it and the request it was made from. Its status, times and progress are
 * the execution's, read through {@link JobStatus}; nothing about them is stored twice.
 */
public record Job(String id, String processId, ExecuteRequest request, Execution execution) {

    public JobStatus status() {
        return JobStatus.of(execution.status());
    }

    public Instant created() {
        return execution.createdAt();
    }

    public Instant started() {
        return execution.startedAt();
    }

    public Instant finished() {
        return status().isFinal() ? execution.endedAt() : null;
    }

    /** The last status change the execution records: its end, else its start, else its creation. */
    public Instant updated() {
        if (execution.endedAt() != null) {
            return execution.endedAt();
        }
        return execution.startedAt() != null ? execution.startedAt() : execution.createdAt();
    }

    /** 0–100 from the execution's finished and total operations; 100 once it has run to its end, failed or not. */
    public int progress() {
        if (status() == JobStatus.SUCCESSFUL || status() == JobStatus.FAILED) {
            return 100;
        }
        Integer total = execution.totalOperations();
        Integer finished = execution.finishedOperations();
        if (total == null || total == 0 || finished == null) {
            return 0;
        }
        return Math.min(99, finished * 100 / total);
    }

    /** Seconds from start to end (or to {@code now} while running); null when it never started. */
    public Long durationSeconds(Instant now) {
        if (started() == null) {
            return null;
        }
        Instant end = execution.endedAt() != null ? execution.endedAt() : now;
        return Duration.between(started(), end).getSeconds();
    }

    public String message() {
        return switch (status()) {
            case ACCEPTED -> "Job accepted, waiting to run";
            case RUNNING -> execution.status().wire().endsWith("cancelling") ? "Job is being dismissed"
                    : "Job is running";
            case SUCCESSFUL -> "Job finished";
            case FAILED -> execution.error() == null || execution.error().isBlank() ? "Job failed"
                    : "Job failed: " + firstLine(execution.error());
            case DISMISSED -> "Job dismissed";
        };
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
