package io.steward.engine.operation;

import io.steward.tenancy.threads.BackgroundThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Drains one output stream on its own thread into memory, up to a cap. Past the cap it goes on draining (so the
 * process never blocks on a full pipe) but keeps nothing more, and says so.
 */
final class OutputCapture implements Runnable {

    /** What was read: at most {@code cap} bytes; {@code overflowed} when the stream held more. */
    record Captured(byte[] bytes, boolean overflowed, long cap) {}

    private final InputStream stream;
    private final long cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream(); // guarded by itself
    private volatile boolean overflowed;
    private final Thread thread;

    OutputCapture(InputStream stream, long cap, String threadName) {
        this.stream = stream;
        this.cap = cap;
        this.thread = BackgroundThreads.daemon(threadName, this);
        thread.start();
    }

    @Override
    public void run() {
        byte[] buffer = new byte[64 * 1024];
        try (stream) {
            for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
                synchronized (kept) {
                    int room = (int) Math.max(0, Math.min(n, cap - kept.size()));
                    kept.write(buffer, 0, room);
                    if (room < n) {
                        overflowed = true;
                    }
                }
            }
        } catch (IOException e) {
            // The pipe was closed under us: there is nothing more to read.
        }
    }

    /** Like {@link OutputPump#awaitEnd(Duration)}. */
    boolean awaitEnd(Duration max) throws InterruptedException {
        thread.join(Math.max(1, max.toMillis()));
        return !thread.isAlive();
    }

    Captured captured() {
        synchronized (kept) {
            return new Captured(kept.toByteArray(), overflowed, cap);
        }
    }
}
