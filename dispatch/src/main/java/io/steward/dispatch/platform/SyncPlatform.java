package io.steward.dispatch.platform;

/**
 * A platform that can also run a job synchronously and answer its result in the response, as APEx's
 * {@code POST /sync_jobs} needs (openEO's {@code POST /result}). OGC API – Processes platforms do not implement it.
 */
public interface SyncPlatform extends RemotePlatform {

    /** Runs the job and answers the platform's own response: status, content type and the raw body. */
    SyncResult runSync(RemoteJobRequest request, CallerToken caller) throws PlatformException;

    /** The platform's answer to a synchronous run, passed through as it came. */
    record SyncResult(int httpStatus, String contentType, byte[] body) {
    }
}
