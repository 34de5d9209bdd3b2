package io.steward.engine.blueprint;

/**
 * A blueprint output or capability.
 *
 * @param value raw value; may contain intrinsic function calls, evaluated when the deployment's outputs are read
 */
public record Output(String name, Object value, String description) {
}
