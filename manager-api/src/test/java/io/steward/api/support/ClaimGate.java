package io.steward.api.support;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.steward.engine.execution.Execution;
import io.steward.engine.runner.EngineProbe;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the engine right after a claim commits, before the claimed run is registered or started, so a test can make
 * something land in exactly that gap. A server started with {@link #ENABLE} uses it; it holds only when armed.
 */
@Singleton
@Replaces(EngineProbe.class)
@Requires(property = ClaimGate.PROPERTY, value = "true")
public final class ClaimGate extends EngineProbe {
    public static final String PROPERTY = "steward.test.claim-gate";
    public static final Map<String, Object> ENABLE = Map.of(PROPERTY, "true");
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private volatile CountDownLatch held;
    private volatile CountDownLatch released;
    private volatile String heldExecution;

    /** The next claim holds the engine until {@link #release()}. */
    public synchronized void holdNextClaim() {
        held = new CountDownLatch(1);
        released = new CountDownLatch(1);
        heldExecution = null;
    }

    /** Waits until the engine holds a claim; returns the id of the execution it claimed. */
    public String awaitHeld() throws InterruptedException {
        if (!held.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the engine claimed nothing within " + LIMIT);
        }
        return heldExecution;
    }

    public void release() {
        released.countDown();
    }

    @Override
    public void claimed(Execution execution) {
        CountDownLatch hold;
        synchronized (this) {
            hold = held;
            if (hold == null || hold.getCount() == 0) {
                return;
            }
            heldExecution = execution.id();
            hold.countDown();
        }
        try {
            if (!released.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the test never released the held claim");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
