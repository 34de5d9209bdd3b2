package io.steward.dispatch.job;

import io.steward.dispatch.platform.CallerToken;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer token each unit job's submitter presented, for platforms whose auth forwards or exchanges it. Kept in
 * this server's memory only, never stored: after a restart, or on another server, the poller calls such a platform
 * without it until the job's owner calls again.
 */
@Singleton
class CallerTokens {
    private final Map<String, CallerToken> byOwner = new ConcurrentHashMap<>();

    /** Remembers {@code token} as the latest one {@code owner} (tenant and user) presented. */
    void remember(String tenant, String user, CallerToken token) {
        if (token != null && token.value() != null) {
            byOwner.put(tenant + "\n" + user, token);
        }
    }

    CallerToken of(UnitJob job) {
        return byOwner.getOrDefault(job.tenant() + "\n" + job.owner(), CallerToken.NONE);
    }
}
