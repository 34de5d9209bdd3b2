package io.steward.engine.blueprint;

/** How Steward runs a workflow. */
public enum WorkflowKind {
    /** One of Cloudify's default workflows, implemented by the engine; the mapping names which. */
    BUILTIN,
    /** A script in the archive, run once per execution with the parameters as inputs. */
    SCRIPT,
    /** {@code steward.sequence}: the listed node operations, one step after the other. */
    SEQUENCE
}
