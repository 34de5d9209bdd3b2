package io.steward.dispatch.describe;

import io.steward.dispatch.platform.ServiceRef;

/** What a process description is cached under: the platform endpoint, the namespace and the process. */
public record ProcessKey(String endpoint, String namespace, String processId) {

    /** The service's key; the endpoint without a trailing slash, an empty namespace as none. */
    public static ProcessKey of(ServiceRef service) {
        String endpoint = service.endpoint() == null ? "" : service.endpoint();
        while (endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        String namespace = service.namespace() == null || service.namespace().isBlank() ? null : service.namespace();
        return new ProcessKey(endpoint, namespace, service.application());
    }
}
