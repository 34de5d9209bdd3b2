package io.steward.engine.operation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The waiting half shared by every kind of operation: a result that is completed exactly once, never exceptionally. */
abstract class AbstractRunningOperation implements RunningOperation {

    protected final CompletableFuture<OperationResult> result = new CompletableFuture<>();

    @Override
    public OperationResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("An operation result must never complete exceptionally", e.getCause());
        }
    }

    @Override
    public Optional<OperationResult> await(Duration max) throws InterruptedException {
        try {
            return Optional.of(result.get(Math.max(0, max.toNanos()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("An operation result must never complete exceptionally", e.getCause());
        }
    }

    @Override
    public List<Long> pids() {
        return List.of();
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
