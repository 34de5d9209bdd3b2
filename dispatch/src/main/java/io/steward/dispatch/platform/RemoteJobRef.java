package io.steward.dispatch.platform;

/** A job as the platform knows it: the service it was submitted to and the platform's own job id. */
public record RemoteJobRef(ServiceRef service, String remoteJobId) {
}
