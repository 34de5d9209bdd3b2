package io.steward.dispatch.platform.auth;

import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformAuth;
import io.steward.dispatch.platform.PlatformException;

import java.util.Optional;

/**
 * {@code {"type": "forward"}}: the caller's own bearer token goes to the platform, under an optional prefix (openEO's
 * {@code oidc/<provider>/<token>} form). A caller who signed in without a bearer token cannot use such a platform.
 */
public final class ForwardAuth implements PlatformAuth {
    private final String tokenPrefix;

    public ForwardAuth(String tokenPrefix) {
        this.tokenPrefix = tokenPrefix;
    }

    @Override
    public Optional<String> authorization(CallerToken caller) throws PlatformException {
        if (caller == null || caller.value() == null || caller.value().isBlank()) {
            throw new PlatformException(PlatformException.Kind.UNAUTHORIZED, 0,
                    "this platform is called with the caller's own bearer token, and the caller presented none");
        }
        return Optional.of("Bearer " + TokenEndpoint.prefixed(tokenPrefix, caller.value()));
    }

    @Override
    public String toString() {
        return "ForwardAuth";
    }
}
