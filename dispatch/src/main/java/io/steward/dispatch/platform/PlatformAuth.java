package io.steward.dispatch.platform;

import java.util.Optional;

/**
 * How Steward authenticates to one platform: the {@code Authorization} header value for a call made on behalf of a
 * caller (forward the caller's token, a fixed bearer or basic credential, client credentials, or a token exchange).
 */
public interface PlatformAuth {
    Optional<String> authorization(CallerToken caller) throws PlatformException;
}
