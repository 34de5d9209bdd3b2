package io.steward.engine.blueprint;

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
}
