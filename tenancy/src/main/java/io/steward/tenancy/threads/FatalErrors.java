package io.steward.tenancy.threads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link java.lang.Error} (out of memory, a broken class, a stack overflow) does in any of Steward's threads:
 * one log line, then the process ends. After an Error nothing in the process can be trusted to keep running (an
 * out-of-memory error kills whichever threads happen to allocate, so the engine or the listeners may be gone while
 * the HTTP server still answers); a supervisor that restarts a dead process cannot see a half-dead one. The end is a
 * halt, not an exit: shutdown hooks could block on the same exhausted heap, and a halt is what the engine's crash
 * recovery is built for (as after {@code kill -9}: executions are taken over and leftover processes killed).
 */
public final class FatalErrors implements Thread.UncaughtExceptionHandler {
    /** The exit status of a process ended by an Error ({@code EX_SOFTWARE}). */
    public static final int EXIT_STATUS = 70;
    /** Ends the process; the one instance the server uses. */
    public static final FatalErrors EXIT = new FatalErrors(() -> Runtime.getRuntime().halt(EXIT_STATUS));

    private static final Logger LOG = LoggerFactory.getLogger(FatalErrors.class);

    private final Runnable end;

    /** @param end what ends the process; tests pass something that records the call instead */
    public FatalErrors(Runnable end) {
        this.end = end;
    }

    /** Logs {@code error} in one line naming {@code where} (and where it was thrown), then ends the process. */
    public void fatal(String where, Error error) {
        StackTraceElement[] stack = error.getStackTrace();
        String line = "Fatal " + error + " in " + where + (stack.length == 0 ? "" : " at " + stack[0])
                + "; the server exits (status " + EXIT_STATUS + ") so that its supervisor restarts it";
        try {
            LOG.error(line);
        } catch (Throwable loggingFailed) {
            System.err.println(line);
        } finally {
            end.run();
        }
    }

    /** An Error that ends a thread ends the process; anything else ending a thread is logged. */
    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        if (failure instanceof Error error) {
            fatal("thread " + thread.getName(), error);
        } else {
            LOG.error("Thread {} ended on an unexpected exception", thread.getName(), failure);
        }
    }
}
