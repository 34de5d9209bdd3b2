package io.steward.dispatch.job;

import io.steward.dispatch.platform.RemoteStatus;
import io.steward.dispatch.platform.ServiceRef;

import java.time.Instant;
import java.util.List;

/**
 * One upscale task: a job request fanned out over {@code dimensionName}'s values, one unit job each, with the integer
 * {@code id} the APEx API shows. {@code status} is aggregated from {@code jobs} by {@link
 * io.steward.dispatch.upscale.UpscaleStatus}; {@code jobs} is empty where only the summary was read.
 */
public record UpscaleTask(long id, String taskId, String title, String label, ServiceRef service,
                          String dimensionName, RemoteStatus status, Instant created, Instant updated,
                          List<UnitJob> jobs) {
}
