package io.steward.tenancy.threads;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Background loops outlive a failing round, and an Error anywhere in their threads goes to the fatal handler. */
class BackgroundThreadsTest {
    private final CountDownLatch ended = new CountDownLatch(1);
    private final FatalErrors fatal = new FatalErrors(ended::countDown);

    @Test
    void a_scheduled_round_that_throws_is_run_again() throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.scheduleWithFixedDelay(BackgroundThreads.round("a test loop", () -> {
                rounds.incrementAndGet();
                third.countDown();
                throw new IllegalStateException("this round fails");
            }, fatal), 0, 1, TimeUnit.MILLISECONDS);
            assertThat(third.await(10, TimeUnit.SECONDS)).as("rounds run after failing ones: " + rounds).isTrue();
            assertThat(ended.getCount()).as("an exception does not end the process").isEqualTo(1);
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void an_error_in_a_scheduled_round_goes_to_the_fatal_handler() throws InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.scheduleWithFixedDelay(BackgroundThreads.round("a test loop", () -> {
                throw new OutOfMemoryError("provoked");
            }, fatal), 0, 1, TimeUnit.MILLISECONDS);
            assertThat(ended.await(10, TimeUnit.SECONDS)).as("the fatal handler ran").isTrue();
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void an_error_that_ends_a_pool_thread_goes_to_the_fatal_handler() throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor(BackgroundThreads.factory("test-pool", fatal));
        try {
            pool.execute(() -> {
                throw new StackOverflowError("provoked");
            });
            assertThat(ended.await(10, TimeUnit.SECONDS)).as("the fatal handler ran").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_exception_that_ends_a_thread_does_not_end_the_process() throws InterruptedException {
        Thread thread = BackgroundThreads.daemon("test-thread", () -> {
            throw new IllegalStateException("provoked");
        }, fatal);
        thread.start();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(ended.getCount()).isEqualTo(1);
    }
}
