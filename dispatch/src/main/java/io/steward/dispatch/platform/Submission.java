package io.steward.dispatch.platform;

/** A submitted job: the platform's job id and the state it answered with. */
public record Submission(RemoteJobRef job, RemoteJobState state) {
}
