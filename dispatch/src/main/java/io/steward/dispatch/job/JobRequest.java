package io.steward.dispatch.job;

import io.steward.dispatch.platform.ServiceRef;

import java.util.Map;

/** APEx's {@code BaseJobRequest}, already checked against its model: what to run, where, and how to call it. */
public record JobRequest(String title, String label, ServiceRef service, Map<String, Object> parameters,
                         String format) {
}
