package io.steward.dispatch.describe;

import io.steward.dispatch.platform.ServiceRef;

/** The platform has no process by the service's name. */
public class UnknownProcessException extends Exception {
    private final ServiceRef service;

    public UnknownProcessException(ServiceRef service) {
        super("the platform at " + service.endpoint() + " has no process " + service.application()
                + (service.namespace() == null || service.namespace().isBlank() ? ""
                : " in namespace " + service.namespace()));
        this.service = service;
    }

    public ServiceRef service() {
        return service;
    }
}
