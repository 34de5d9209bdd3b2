package io.steward.engine.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operation as written in a type or template, before its implementation is resolved against the archive.
 * Unset numeric fields are {@code null} so that a template can override only what it writes.
 *
 * @param where          the operation's YAML, for error messages
 * @param implementation empty when none was written
 * @param inputs         input values; an input a type declared without a default is {@link OperationInput#missing}
 */
record OperationSpec(YamlValue where, String implementation, Map<String, OperationInput> inputs, String executor,
                     Integer maxRetries, Integer retryInterval, Integer timeout) {

    OperationSpec {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /**
     * This operation written over {@code base} (a template over its type, or a derived type over its parent):
     * an empty implementation keeps the base's, inputs are merged key by key, and unset settings keep the base's.
     */
    OperationSpec over(OperationSpec base) {
        Map<String, OperationInput> merged = new LinkedHashMap<>(base.inputs);
        merged.putAll(inputs);
        return new OperationSpec(where, implementation.isEmpty() ? base.implementation : implementation, merged,
                executor != null ? executor : base.executor,
                maxRetries != null ? maxRetries : base.maxRetries,
                retryInterval != null ? retryInterval : base.retryInterval,
                timeout != null ? timeout : base.timeout);
    }

    /**
     * One operation input.
     *
     * @param source  where the value was written (the value itself, or a type's {@code default})
     * @param present false for an input a type declared as required without a default
     */
    record OperationInput(YamlValue source, boolean present, Object value) {
        static OperationInput missing(YamlValue declaration) {
            return new OperationInput(declaration, false, null);
        }
    }
}
