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
 * Holds the engine at one of its probe points so a test can make something land in exactly that gap: right after a
 * claim commits, before the claimed run is registered or started ({@link #holdNextClaim}), or after a run's graph
 * ended, before its end is recorded ({@link #holdNextEnd}). A server started with {@link #ENABLE} uses it; it holds
 * only when armed.
 */
@Singleton
@Replaces(EngineProbe.class)
@Requires(property = ClaimGate.PROPERTY, value = "true")
public final class ClaimGate extends EngineProbe {
    public static final String PROPERTY = "steward.test.claim-gate";
    public static final Map<String, Object> ENABLE = Map.of(PROPERTY, "true");
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final Hold claims = new Hold("claimed");
    private final Hold ends = new Hold("ended a graph");
    private volatile Hold lastArmed;

    /** The next claim holds the engine until {@link #release()}. */
    public void holdNextClaim() {
        claims.arm();
        lastArmed = claims;
    }

    /** The next run whose graph ends holds there, before its end is recorded, until {@link #release()}. */
    public void holdNextEnd() {
        ends.arm();
        lastArmed = ends;
    }

    /** Waits until the engine holds at the point armed last; returns the id of the execution held there. */
    public String awaitHeld() throws InterruptedException {
        return lastArmed.awaitHeld();
    }

    public void release() {
        lastArmed.release();
    }

    @Override
    public void claimed(Execution execution) {
        claims.pass(execution);
    }

    @Override
    public void ending(Execution execution) {
        ends.pass(execution);
    }

    /** One probe point: armed, it holds the first execution that passes until released. */
    private static final class Hold {
        private final String what;
        private volatile CountDownLatch held;
        private volatile CountDownLatch released;
        private volatile String heldExecution;

        Hold(String what) {
            this.what = what;
        }

        synchronized void arm() {
            held = new CountDownLatch(1);
            released = new CountDownLatch(1);
            heldExecution = null;
        }

        String awaitHeld() throws InterruptedException {
            if (!held.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the engine " + what + " nothing within " + LIMIT);
            }
            return heldExecution;
        }

        void release() {
            released.countDown();
        }

        void pass(Execution execution) {
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
                    throw new AssertionError("the test never released the engine held where it " + what);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
