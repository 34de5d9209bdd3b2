package io.steward.ogc.process;

import io.steward.engine.storage.JsonColumns;

import java.util.Collection;
import java.util.Map;

/**
 * How a process runs on the engine: which operation of the generated {@code ogcapi-process} blueprint runs a job,
 * what inputs that operation gets from the job's inputs, and how the operation's output becomes the job's results.
 */
public interface ExecutionUnit {

    /** The unit's type as deployed: {@code docker}, {@code command}, or {@code builtin} for Steward's own. */
    String type();

    /** The blueprint operation that runs a job ({@code ogcapi.<name>}). */
    String operation();

    /** The operation's inputs for a job with these (already validated) process inputs. */
    Map<String, Object> operationInputs(Map<String, Object> inputs, JsonColumns json);

    /** The job's results, output id → value, from what the operation produced. */
    Map<String, Object> results(Object output, Collection<String> outputIds);

    /** The unit as it is stored and shown in a package. */
    Map<String, Object> toJson();

    /** Output values by id: a map as it is, or a single value as the one output of a one-output process. */
    static Map<String, Object> byOutputId(Object output, Collection<String> outputIds) {
        if (output instanceof Map<?, ?> map && outputIds.stream().anyMatch(map::containsKey)) {
            Map<String, Object> results = new java.util.LinkedHashMap<>();
            outputIds.stream().filter(map::containsKey).forEach(id -> results.put(id, map.get(id)));
            return results;
        }
        if (outputIds.size() == 1 && output != null) {
            return Map.of(outputIds.iterator().next(), output);
        }
        return Map.of();
    }
}
