package io.steward.engine.operation;

/**
 * One of Steward's built-in operations. It runs on its own thread, fails by throwing {@link OperationFailure}, and
 * must give up promptly when interrupted: that is how terminate, kill and the timeout stop it.
 */
@FunctionalInterface
interface Builtin {
    /** @return the operation's output, or null */
    Object run(BuiltinInputs inputs, OperationRequest request, OperationListener listener)
            throws InterruptedException;
}
