package io.steward.tenancy.manager;

import java.time.Instant;

/** Maintenance mode as stored: its status, when it was asked for and reached, and by whom. */
public record MaintenanceState(Status status, Instant activationRequestedAt, Instant activatedAt,
                               String requestedBy) {

    public static final MaintenanceState OFF = new MaintenanceState(Status.DEACTIVATED, null, null, null);

    /** Cloudify's three states; the wire value is the lower-case name. */
    public enum Status {
        DEACTIVATED, ACTIVATING, ACTIVATED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public MaintenanceState withStatus(Status next) {
        return new MaintenanceState(next, activationRequestedAt, activatedAt, requestedBy);
    }
}
