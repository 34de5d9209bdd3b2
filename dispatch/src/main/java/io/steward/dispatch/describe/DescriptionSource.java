package io.steward.dispatch.describe;

import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.RemotePlatform;
import io.steward.dispatch.platform.ServiceRef;

import java.util.Optional;

/**
 * Where process descriptions come from: a call to the platform. Empty means the platform answered that it has no
 * such process; a failure to get an answer is a {@link PlatformException}.
 */
@FunctionalInterface
public interface DescriptionSource {

    Optional<ProcessDescription> describe(ServiceRef service, CallerToken caller) throws PlatformException;

    /**
     * Descriptions from a platform's {@link RemotePlatform#parameters}: a refusal with 404 (OGC
     * {@code GET /processes/{id}}, an openEO UDP URL) means there is no such process.
     */
    static DescriptionSource of(RemotePlatform platform) {
        return (service, caller) -> {
            try {
                return Optional.of(new ProcessDescription(service.application(), platform.parameters(service, caller)));
            } catch (PlatformException e) {
                if (e.kind() == PlatformException.Kind.REFUSED && e.httpStatus() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        };
    }
}
