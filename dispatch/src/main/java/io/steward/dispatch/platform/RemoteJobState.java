package io.steward.dispatch.platform;

/** A remote job's status with the platform's own words for it (its status string and message, either may be null). */
public record RemoteJobState(RemoteStatus status, String platformStatus, String message) {
}
