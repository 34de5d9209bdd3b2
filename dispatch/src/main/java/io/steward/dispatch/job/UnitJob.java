package io.steward.dispatch.job;

import io.steward.dispatch.platform.RemoteStatus;
import io.steward.dispatch.platform.ServiceRef;
import io.steward.engine.secret.SecretCipher;

import java.time.Instant;
import java.util.Map;

/**
 * One unit job: an execution ({@code executionId}) whose operation is a job on a remote platform, with the integer
 * {@code id} the APEx API shows. {@code status} is what the platform last reported (APEx terms); {@code results} the
 * STAC Collection kept once it finished. {@code callerToken}: the submitter's token, sealed, while a platform that
 * authenticates as the submitter still needs it (null otherwise).
 */
public record UnitJob(long id, String executionId, String tenant, String owner, String title, String label,
                      ServiceRef service, Map<String, Object> parameters, String format, RemoteStatus status,
                      UnitJobState state, String remoteJobId, String platformStatus, String message,
                      Map<String, Object> results, Instant created, Instant updated, String executionStatus,
                      int pollFailures, Instant leaseUntil, SecretCipher.Sealed callerToken) {
}
