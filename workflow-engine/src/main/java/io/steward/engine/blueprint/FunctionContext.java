package io.steward.engine.blueprint;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;

import java.util.List;

/**
 * What {@link IntrinsicFunctions} needs from its caller to evaluate a value. Implementations return values that are
 * already evaluated (no function maps left in them).
 */
public interface FunctionContext {

    /** The deployment's value for a declared input; unknown names should raise. */
    Object input(String name);

    /**
     * A node property: {@code node} is a node template id, or {@code SELF}, {@code SOURCE} or {@code TARGET}, which
     * the context resolves against the node or relationship being evaluated. {@code path} starts with the property
     * name and may continue into nested maps (keys) and lists (indexes); {@link IntrinsicFunctions#navigate} walks it.
     */
    Object property(String node, List<Object> path);

    /** A runtime attribute, addressed like {@link #property}; an attribute never set is {@code null}. */
    Object attribute(String node, List<Object> path);

    /** The clear value of a secret ({@code get_secret}); contexts without access to secrets refuse. */
    default String secret(String name) {
        throw new InvalidInputException(Problem.INVALID_INPUT, "get_secret cannot be evaluated here");
    }

    /** The value of a secret parsed as JSON, for {@code get_secret} with a path into it. */
    default Object secretDocument(String name) {
        throw new InvalidInputException(Problem.INVALID_INPUT, "get_secret cannot be evaluated here");
    }

    /**
     * Whether this context evaluates the functions only a deployment being read answers
     * ({@link IntrinsicFunctions#RUNTIME_NAMES}); elsewhere those calls are left as written.
     */
    default boolean evaluatesRuntimeFunctions() {
        return false;
    }

    /** {@code get_sys [tenant|deployment, field]}. */
    default Object system(String entity, String field) {
        throw new InvalidInputException(Problem.INVALID_INPUT, "get_sys cannot be evaluated here");
    }

    /** The values of the deployment's label {@code key} ({@code get_label}), empty without one. */
    default List<String> labelValues(String key) {
        throw new InvalidInputException(Problem.INVALID_INPUT, "get_label cannot be evaluated here");
    }

    /** The evaluated capabilities of another deployment ({@code get_capability}). */
    default java.util.Map<String, Object> capabilitiesOf(String deploymentId) {
        throw new InvalidInputException(Problem.INVALID_INPUT, "get_capability cannot be evaluated here");
    }

    /** The evaluated capabilities of the deployment's environment ({@code get_environment_capability}). */
    default java.util.Map<String, Object> environmentCapabilities() {
        throw new InvalidInputException(Problem.INVALID_INPUT, "get_environment_capability cannot be evaluated here");
    }

    /** Instance id to attribute value, for each instance of {@code node} ({@code get_attributes_list|dict}). */
    default java.util.Map<String, Object> attributeOfEach(String node, List<Object> path) {
        throw new InvalidInputException(Problem.INVALID_INPUT, "get_attributes_list cannot be evaluated here");
    }

    /**
     * Whether calls that reach a secret are left unevaluated: true where the result is stored (a deployment's node
     * properties), so no clear value is ever written; they are evaluated when an operation uses them.
     */
    default boolean defersSecrets() {
        return false;
    }
}
