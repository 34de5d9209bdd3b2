package io.steward.dispatch.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it, failing after the limit; for what other threads do, never for time itself. */
public final class Await {
    private Await() {
    }

    public static void until(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + limit);
            }
            Thread.sleep(10);
        }
    }
}
