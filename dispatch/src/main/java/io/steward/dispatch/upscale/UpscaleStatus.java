package io.steward.dispatch.upscale;

import io.steward.dispatch.platform.RemoteStatus;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * An upscale task's status from its unit jobs' statuses, by the reference's rule: any child running makes the task
 * running; all failed, failed; all canceled, canceled; children that are only finished or failed (at least one
 * finished), finished; anything else (a queued child, a mix with created or canceled ones, no children) created.
 */
public final class UpscaleStatus {
    private static final Set<RemoteStatus> FINISHED_OR_FAILED = EnumSet.of(RemoteStatus.FINISHED, RemoteStatus.FAILED);

    private UpscaleStatus() {
    }

    public static RemoteStatus of(Collection<RemoteStatus> children) {
        if (children.isEmpty()) {
            return RemoteStatus.CREATED;
        }
        if (children.contains(RemoteStatus.RUNNING)) {
            return RemoteStatus.RUNNING;
        }
        if (children.stream().allMatch(s -> s == RemoteStatus.FAILED)) {
            return RemoteStatus.FAILED;
        }
        if (children.stream().allMatch(s -> s == RemoteStatus.CANCELED)) {
            return RemoteStatus.CANCELED;
        }
        if (FINISHED_OR_FAILED.containsAll(children)) {
            return RemoteStatus.FINISHED;
        }
        return RemoteStatus.CREATED;
    }
}
