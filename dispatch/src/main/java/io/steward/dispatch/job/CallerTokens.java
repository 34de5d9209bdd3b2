package io.steward.dispatch.job;

import io.steward.dispatch.platform.CallerToken;
import io.steward.engine.secret.SecretCipher;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer token each unit job's submitter presented, for platforms whose auth forwards or exchanges it. The
 * latest one of each owner is kept in this server's memory; each such job also keeps its own, sealed with the
 * secrets key ({@link SecretCipher}, bound to the job's tenant and id) and dropped when the job ends, so that after a
 * restart, or on another server, the poller still calls the platform as the submitter.
 */
@Singleton
class CallerTokens {
    private static final Logger LOG = LoggerFactory.getLogger(CallerTokens.class);

    private final Map<String, CallerToken> byOwner = new ConcurrentHashMap<>();
    private final SecretCipher cipher;

    CallerTokens(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** Remembers {@code token} as the latest one {@code owner} (tenant and user) presented. */
    void remember(String tenant, String user, CallerToken token) {
        if (token != null && token.value() != null) {
            byOwner.put(tenant + "\n" + user, token);
        }
    }

    /** The token sealed for the job's row; null when there is none. */
    SecretCipher.Sealed seal(String tenant, String executionId, CallerToken token) {
        if (token == null || token.value() == null) {
            return null;
        }
        return cipher.seal(tenant, name(executionId), token.value());
    }

    /** The owner's latest token this server saw, else the one the job was submitted with, else none. */
    CallerToken of(UnitJob job) {
        CallerToken latest = byOwner.get(job.tenant() + "\n" + job.owner());
        if (latest != null) {
            return latest;
        }
        if (job.callerToken() == null) {
            return CallerToken.NONE;
        }
        try {
            return new CallerToken(cipher.open(job.tenant(), name(job.executionId()), job.callerToken()));
        } catch (RuntimeException e) {
            // A rotated key or an altered row: the platform is called without the token and says so.
            LOG.warn("The submitter's token of unit job {} cannot be opened: {}", job.id(), e.getMessage());
            return CallerToken.NONE;
        }
    }

    private static String name(String executionId) {
        return "unit_job:" + executionId;
    }
}
