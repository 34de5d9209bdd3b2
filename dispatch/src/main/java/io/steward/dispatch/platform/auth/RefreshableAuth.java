package io.steward.dispatch.platform.auth;

import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.PlatformAuth;

/**
 * An auth that keeps issued tokens: when a platform refuses one (401/403) before it was due to expire, the caller
 * forgets it and asks once more, so a revoked token is not reused until its expiry.
 */
public interface RefreshableAuth extends PlatformAuth {
    void forget(CallerToken caller);
}
