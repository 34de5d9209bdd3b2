package io.steward.engine.operation;

import io.steward.tenancy.threads.BackgroundThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Drains one output stream of a script on its own thread, so the script never blocks on a full pipe, and reports
 * each line to the listener. Keeps the last lines for the error message of a failed script.
 */
final class OutputPump implements Runnable {

    static final int TAIL_LINES = 20;
    static final int TAIL_CHARS = 4096;

    private final InputStream stream;
    private final String level;
    private final OperationListener listener;
    private final Deque<String> tail = new ArrayDeque<>(); // guarded by itself
    private final Thread thread;

    OutputPump(InputStream stream, String level, OperationListener listener, String threadName) {
        this.stream = stream;
        this.level = level;
        this.listener = listener;
        this.thread = BackgroundThreads.daemon(threadName, this);
        thread.start();
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                remember(line);
                listener.log(level, line);
            }
        } catch (IOException e) {
            // The pipe was closed under us: there is nothing more to read.
        }
    }

    /**
     * Waits for the end of the stream. A background process the script left behind keeps the pipe open, so the
     * wait is bounded; this pump then goes on reporting that process's lines until it ends.
     */
    boolean awaitEnd(Duration max) throws InterruptedException {
        thread.join(Math.max(1, max.toMillis()));
        return !thread.isAlive();
    }

    /** The last lines, at most {@link #TAIL_LINES} and about {@link #TAIL_CHARS} characters, oldest first. */
    String tail() {
        synchronized (tail) {
            StringBuilder text = new StringBuilder();
            for (String line : tail) {
                text.append(line).append('\n');
            }
            int excess = text.length() - TAIL_CHARS;
            return excess > 0 ? "…" + text.substring(excess) : text.toString();
        }
    }

    private void remember(String line) {
        synchronized (tail) {
            tail.addLast(line.length() > TAIL_CHARS ? line.substring(0, TAIL_CHARS) + "…" : line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
    }
}
