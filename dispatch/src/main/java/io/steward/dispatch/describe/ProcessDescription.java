package io.steward.dispatch.describe;

import io.steward.dispatch.platform.ProcessParameter;

import java.util.List;

/** A remote process as dispatch needs it: its id and the inputs it takes (APEx parameters). */
public record ProcessDescription(String processId, List<ProcessParameter> inputs) {
    public ProcessDescription {
        inputs = List.copyOf(inputs);
    }
}
