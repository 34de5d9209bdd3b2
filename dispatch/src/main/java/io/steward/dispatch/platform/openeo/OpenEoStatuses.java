package io.steward.dispatch.platform.openeo;

import io.steward.dispatch.platform.RemoteStatus;

import java.util.Locale;

/** openEO batch job statuses in APEx's terms. */
final class OpenEoStatuses {
    private OpenEoStatuses() {
    }

    static RemoteStatus of(String status) {
        if (status == null) {
            return RemoteStatus.UNKNOWN;
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "created" -> RemoteStatus.CREATED;
            case "queued" -> RemoteStatus.QUEUED;
            case "running" -> RemoteStatus.RUNNING;
            case "finished" -> RemoteStatus.FINISHED;
            // The API spells it "canceled"; the reference only knows "cancelled": both mean the same.
            case "canceled", "cancelled" -> RemoteStatus.CANCELED;
            case "error" -> RemoteStatus.FAILED;
            default -> RemoteStatus.UNKNOWN;
        };
    }
}
