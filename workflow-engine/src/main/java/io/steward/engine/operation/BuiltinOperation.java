package io.steward.engine.operation;

import io.steward.tenancy.threads.BackgroundThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A built-in running on its own thread. Terminate, kill and the timeout interrupt that thread; the built-in gives up
 * and the result is TERMINATED. Kill also waits, within the grace period, for the thread to end.
 */
final class BuiltinOperation extends AbstractRunningOperation {

    private final OperationRequest request;
    private final Thread worker;
    private volatile String stopReason;

    private BuiltinOperation(OperationRequest request, Builtin builtin, OperationListener listener) {
        this.request = request;
        BuiltinInputs inputs = new BuiltinInputs(request.implementation(), request.inputs());
        this.worker = BackgroundThreads.daemon("steward-" + request.implementation(),
                () -> run(builtin, inputs, listener));
    }

    static RunningOperation start(OperationRequest request, Builtin builtin, OperationListener listener,
            ScheduledExecutorService timer) {
        BuiltinOperation operation = new BuiltinOperation(request, builtin, listener);
        operation.worker.start();
        if (request.hasTimeout()) {
            ScheduledFuture<?> timeout = timer.schedule(BackgroundThreads.round("an operation timeout",
                    () -> operation.stop("timed out after " + describe(request.timeout()))),
                    request.timeout().toNanos(), TimeUnit.NANOSECONDS);
            operation.result.whenComplete((r, e) -> timeout.cancel(false));
        }
        return operation;
    }

    @Override
    public void terminate() {
        stop("was terminated");
    }

    @Override
    public void kill(Duration grace) {
        stop("was killed");
        try {
            worker.join(Math.max(1, (grace == null ? Duration.ZERO : grace).plusSeconds(2).toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void stop(String reason) {
        if (!result.isDone() && stopReason == null) {
            stopReason = reason;
            worker.interrupt();
        }
    }

    private void run(Builtin builtin, BuiltinInputs inputs, OperationListener listener) {
        try {
            result.complete(outcome(request, builtin, inputs, listener));
        } catch (InterruptedException e) {
            String reason = stopReason == null ? "was interrupted" : stopReason;
            result.complete(OperationResult.terminated(request.implementation() + " " + reason,
                    request.runtimeProperties()));
        }
    }

    /**
     * Runs a built-in that neither waits nor blocks ({@link Builtins#INSTANT}) on the caller's thread: a thread of
     * its own would cost more than the work, and there is nothing to interrupt.
     */
    static RunningOperation runInline(OperationRequest request, Builtin builtin, OperationListener listener) {
        try {
            return new FinishedOperation(outcome(request, builtin,
                    new BuiltinInputs(request.implementation(), request.inputs()), listener));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FinishedOperation(OperationResult.terminated(request.implementation() + " was interrupted",
                    request.runtimeProperties()));
        }
    }

    private static OperationResult outcome(OperationRequest request, Builtin builtin, BuiltinInputs inputs,
                                           OperationListener listener) throws InterruptedException {
        String name = request.implementation();
        try {
            return OperationResult.succeeded(request.runtimeProperties(), builtin.run(inputs, request, listener));
        } catch (OperationFailure e) {
            return OperationResult.failed(e.getMessage(), request.runtimeProperties());
        } catch (RuntimeException e) {
            return OperationResult.failed(name + " failed unexpectedly: " + e, request.runtimeProperties());
        }
    }
}
