package io.steward.ogc.process;

import java.util.Map;

/**
 * How the API renders what a job's subscriber is sent (the engine knows no wire format). The API provides one bean;
 * {@code root} is the API root URL the job was accepted under, for the links in the documents.
 */
public interface CallbackPayloads {
    /** The job's status document, sent when it starts running and when it fails or is dismissed. */
    String statusInfo(Job job, String root);

    /** The results document, sent when the job succeeds. */
    String results(Job job, Map<String, Object> results, String root);
}
