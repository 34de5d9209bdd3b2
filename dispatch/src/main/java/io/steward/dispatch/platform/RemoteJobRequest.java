package io.steward.dispatch.platform;

import java.util.Map;

/** What a platform is asked to run: the service, its parameters verbatim, and the job's title and output format. */
public record RemoteJobRequest(ServiceRef service, Map<String, Object> parameters, String title, String format) {
}
