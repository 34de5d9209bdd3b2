package io.steward.api.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Bounded waits on a condition, with a message that says what was expected: no sleeps in assertions. */
public final class Await {
    private Await() {
    }

    public static <T> T until(String expectation, Duration timeout, Supplier<T> probe,
                              java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + expectation
                        + "; last seen: " + last);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + expectation);
            }
            last = probe.get();
        }
        return last;
    }
}
