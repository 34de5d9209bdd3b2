package io.steward.engine.operation;

import io.steward.engine.blueprint.OperationKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to run one operation of one node instance.
 *
 * @param operation         full name, e.g. {@code cloudify.interfaces.lifecycle.create}
 * @param implementation    SCRIPT: a path relative to {@code blueprintRoot}; BUILTIN: {@code steward.noop},
 *                          {@code steward.log}, {@code steward.sleep}, {@code steward.fail}, {@code steward.http},
 *                          {@code steward.command} or {@code steward.docker}; NOOP: empty
 * @param inputs            already evaluated input values
 * @param runtimeProperties the node instance's current runtime properties
 * @param blueprintRoot     the directory the blueprint archive was extracted to; a script's working directory
 * @param timeout           {@link Duration#ZERO} for none
 * @param dryRun            nothing runs; the operation only logs that it would have
 */
public record OperationRequest(
        String executionId,
        String deploymentId,
        String nodeId,
        String nodeInstanceId,
        String operation,
        OperationKind kind,
        String implementation,
        Map<String, Object> inputs,
        Map<String, Object> runtimeProperties,
        Path blueprintRoot,
        Duration timeout,
        boolean dryRun) {

    public OperationRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        implementation = implementation == null ? "" : implementation;
        inputs = inputs == null ? Map.of() : inputs;
        runtimeProperties = runtimeProperties == null ? Map.of() : runtimeProperties;
        timeout = timeout == null || timeout.isNegative() ? Duration.ZERO : timeout;
    }

    boolean hasTimeout() {
        return !timeout.isZero();
    }
}
