package io.steward.engine.blueprint;

/** How Steward runs an operation. */
public enum OperationKind {
    /** A script file in the blueprint archive; {@link Operation#implementation()} is its path. */
    SCRIPT,
    /** One of Steward's built-in tasks ({@code steward.noop}, {@code steward.log}, …). */
    BUILTIN,
    /** Nothing is mapped: the workflow reports "nothing to do" and moves on, as Cloudify does. */
    NOOP
}
