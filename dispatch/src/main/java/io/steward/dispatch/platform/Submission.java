package io.steward.dispatch.platform;

import java.util.Map;

/**
 * A submitted job: the platform's job id and the state it answered with. A platform that answered synchronously gives
 * a finished state and its {@code results} (a STAC Collection) at once; otherwise {@code results} is null.
 */
public record Submission(RemoteJobRef job, RemoteJobState state, Map<String, Object> results) {
    public Submission(RemoteJobRef job, RemoteJobState state) {
        this(job, state, null);
    }
}
