package io.steward.api.ogc.wire;

import io.steward.engine.execution.ExecutionAdmission;
import io.steward.ogc.process.Job;
import io.steward.ogc.process.JobStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** statusInfo (OGC 18-062r2 statusInfo.yaml) of a job, with {@code self}, {@code monitor} and results links. */
public final class StatusInfo {
    private StatusInfo() {
    }

    public static Map<String, Object> of(Job job, String root) {
        return of(job, job.status(), root);
    }

    /** The statusInfo of an accepted job whose {@code message} also says why it waits and its place in line. */
    public static Map<String, Object> of(Job job, String root, ExecutionAdmission.Waiting waiting) {
        Map<String, Object> info = of(job, job.status(), root);
        if (waiting != null && job.status() == JobStatus.ACCEPTED) {
            info.put("message", job.message() + ": " + waiting.reason()
                    + (waiting.placeInLine() == null ? "" : ", place " + waiting.placeInLine() + " in line"));
        }
        return info;
    }

    /** The statusInfo showing {@code status} (a dismiss answers {@code dismissed} as it takes effect). */
    public static Map<String, Object> of(Job job, JobStatus status, String root) {
        Map<String, Object> info = new LinkedHashMap<>();
        String self = root + "/jobs/" + job.id();
        info.put("jobID", job.id());
        info.put("processID", job.processId());
        info.put("type", "process");
        info.put("status", status.wire());
        info.put("message", status == job.status() ? job.message() : "Job dismissed");
        info.put("created", time(job.created()));
        info.put("started", time(job.started()));
        info.put("finished", time(job.finished()));
        info.put("updated", time(job.updated()));
        info.put("progress", job.progress());
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(Link.of(self, "self", "application/json", "this job's status"));
        links.add(Link.of(self, "monitor", "application/json", "this job's status"));
        if (status == JobStatus.SUCCESSFUL) {
            links.add(Link.of(self + "/results", Link.OGC_REL + "results", "application/json", "this job's results"));
        }
        info.put("links", links);
        info.values().removeIf(v -> v == null);
        return info;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
