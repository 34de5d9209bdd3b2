package io.steward.dispatch.platform;

/**
 * The remote service a job runs: APEx's {@code ServiceDetails}. OGC: {@code endpoint} is the platform's base URL,
 * {@code application} the process id (bare, or as {@code /processes/{id}}), {@code namespace} an optional path
 * segment. openEO: {@code endpoint} is the backend, {@code application} the public URL of the user-defined process.
 */
public record ServiceRef(String endpoint, String application, String namespace) {
}
