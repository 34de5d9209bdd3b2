package io.steward.dispatch.platform;

import java.util.List;
import java.util.Map;

/**
 * One remote processing platform that unit jobs are dispatched to: an OGC API – Processes server or an openEO backend.
 * Every call blocks on the network, so callers make them from the dispatch poller's and submitter's threads, never
 * from an HTTP request thread.
 */
public interface RemotePlatform {

    /** Submits a job. A platform that answered synchronously gives a submission that is already finished. */
    Submission submit(RemoteJobRequest request, CallerToken caller) throws PlatformException;

    /** The remote job's state now. */
    RemoteJobState status(RemoteJobRef job, CallerToken caller) throws PlatformException;

    /** The states of many remote jobs of one platform; platforms with a listing call answer them in one request. */
    default Map<RemoteJobRef, RemoteJobState> statuses(List<RemoteJobRef> jobs, CallerToken caller)
            throws PlatformException {
        var states = new java.util.LinkedHashMap<RemoteJobRef, RemoteJobState>();
        for (RemoteJobRef job : jobs) {
            states.put(job, status(job, caller));
        }
        return states;
    }

    /**
     * The fewest jobs of this service's host that {@link #statuses} reads with a few listing requests rather than one
     * request per job; 0 when it reads them one by one (it may ask the platform once, then remember). The poller
     * brings that many of the host's jobs due soon into the same batch.
     */
    default int listBatch(ServiceRef service, CallerToken caller) {
        return 0;
    }

    /** The finished job's results as a STAC Collection (a JSON object). */
    Map<String, Object> results(RemoteJobRef job, CallerToken caller) throws PlatformException;

    /** Cancels the remote job for real (OGC: dismiss; openEO: stop its batch job). */
    void cancel(RemoteJobRef job, CallerToken caller) throws PlatformException;

    /**
     * Runs a job synchronously and returns the platform's answer as it is (APEx {@code POST /sync_jobs}). A platform
     * that can only run it asynchronously refuses ({@link PlatformException.Kind#REFUSED}).
     */
    default Object runSynchronously(RemoteJobRequest request, CallerToken caller) throws PlatformException {
        throw new PlatformException(PlatformException.Kind.REFUSED, 0,
                "This platform does not run jobs synchronously");
    }

    /** The parameters the service's process takes, as APEx's {@code POST /params} lists them. */
    List<ProcessParameter> parameters(ServiceRef service, CallerToken caller) throws PlatformException;
}
