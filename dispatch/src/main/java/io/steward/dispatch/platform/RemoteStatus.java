package io.steward.dispatch.platform;

/** A remote job's status in APEx's terms ({@code ProcessingStatusEnum}); the wire value is the lower-case name. */
public enum RemoteStatus {
    CREATED, QUEUED, RUNNING, FINISHED, CANCELED, FAILED, UNKNOWN;

    public boolean terminal() {
        return this == FINISHED || this == CANCELED || this == FAILED;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
