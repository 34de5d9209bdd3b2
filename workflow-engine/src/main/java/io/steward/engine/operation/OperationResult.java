package io.steward.engine.operation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an operation ended.
 *
 * @param error             null when SUCCEEDED; otherwise a message meant for the execution's log and error field
 * @param runtimeProperties the instance's runtime properties after the operation (never null; values may be null)
 * @param output            what the operation produced (a script's STEWARD_OUTPUT file, an HTTP response), or null
 */
public record OperationResult(Outcome outcome, String error, Map<String, Object> runtimeProperties, Object output) {

    public enum Outcome {
        SUCCEEDED,
        FAILED,
        /** Stopped by {@code terminate()}, {@code kill()} or the operation's timeout. */
        TERMINATED
    }

    public OperationResult {
        // Map.copyOf would reject the null values that JSON allows.
        runtimeProperties = runtimeProperties == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(runtimeProperties));
    }

    static OperationResult succeeded(Map<String, Object> runtimeProperties, Object output) {
        return new OperationResult(Outcome.SUCCEEDED, null, runtimeProperties, output);
    }

    static OperationResult failed(String error, Map<String, Object> runtimeProperties) {
        return new OperationResult(Outcome.FAILED, error, runtimeProperties, null);
    }

    static OperationResult terminated(String error, Map<String, Object> runtimeProperties) {
        return new OperationResult(Outcome.TERMINATED, error, runtimeProperties, null);
    }
}
