package io.steward.ogc.process;

import java.time.Instant;
import java.util.List;

/**
 * The job-list filters of OGC 18-062r2 §11: process ids, statuses, a creation interval (either end open), and a
 * duration range in seconds. Empty lists and nulls mean "no filter". {@code offset}/{@code limit} page the result.
 */
public record JobFilter(List<String> processIds, List<JobStatus> statuses, Instant createdFrom, Instant createdTo,
                        Long minDurationSeconds, Long maxDurationSeconds, int offset, int limit) {
    public JobFilter {
        processIds = List.copyOf(processIds);
        statuses = List.copyOf(statuses);
    }
}
