package io.steward.engine.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resolved operation of a node or relationship.
 *
 * @param name                 full name, {@code <interface>.<operation>}, e.g. {@code cloudify.interfaces.lifecycle.create}
 * @param implementation       the script path (SCRIPT), the built-in's name (BUILTIN), or empty (NOOP)
 * @param inputs               raw input values; they may still contain intrinsic function calls
 * @param executor             as written ({@code central_deployment_agent}, {@code host_agent}), or null; informational
 * @param maxRetries           retries after a failure; {@code -1} retries without limit (Cloudify's meaning).
 *                             Default {@value #DEFAULT_MAX_RETRIES}: Cloudify's manager default of 60 retries suits
 *                             remote agents, while Steward's tasks are local scripts that rarely heal by waiting
 * @param retryIntervalSeconds pause before a retry, default {@value #DEFAULT_RETRY_INTERVAL_SECONDS}
 * @param timeoutSeconds       {@code 0} (the default) means no timeout
 */
public record Operation(String name, OperationKind kind, String implementation, Map<String, Object> inputs,
                        String executor, int maxRetries, int retryIntervalSeconds, int timeoutSeconds) {
    public static final int DEFAULT_MAX_RETRIES = 0;
    public static final int DEFAULT_RETRY_INTERVAL_SECONDS = 30;
    public static final int NO_TIMEOUT = 0;

    public Operation {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    public boolean isNoop() {
        return kind == OperationKind.NOOP;
    }
}
