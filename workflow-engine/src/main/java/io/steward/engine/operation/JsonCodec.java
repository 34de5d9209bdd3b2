package io.steward.engine.operation;

import java.util.Map;

/**
 * The JSON the operation runner needs, supplied by the engine so that this package depends on no JSON library.
 * Implementations throw an unchecked exception on malformed input; the runner turns that into a FAILED result.
 */
public interface JsonCodec {
    String write(Object value);

    /** Parses a JSON object; anything else (array, scalar, garbage) is an error. */
    Map<String, Object> readMap(String json);

    /**
     * Parses any JSON value (object, array, string, number, boolean, null). Needed because a script's output file
     * and an HTTP response body may hold any JSON value, not only an object.
     */
    Object read(String json);
}
