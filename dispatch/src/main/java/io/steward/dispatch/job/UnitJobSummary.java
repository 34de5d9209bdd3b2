package io.steward.dispatch.job;

import io.steward.dispatch.platform.RemoteStatus;
import io.steward.dispatch.platform.ServiceRef;

import java.time.Instant;

/**
 * What a status list shows of one unit job ({@code ProcessingJobSummary}), and when it was made and last changed
 * (a {@code ProcessingJob}), read without the rest of its row. {@code parametersJson} is the parameters object as stored, JSON text that was written by Steward itself: a list of
 * thousands of jobs copies it into the answer instead of parsing and writing it again.
 */
public record UnitJobSummary(long id, String title, String label, RemoteStatus status, ServiceRef service,
                             String parametersJson, Instant created, Instant updated) {
}
