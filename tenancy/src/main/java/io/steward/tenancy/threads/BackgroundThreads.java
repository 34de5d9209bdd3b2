package io.steward.tenancy.threads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;

/**
 * Steward's background threads and the rounds of its background loops. A failing round is logged and the loop goes
 * on; an {@link Error} goes to {@link FatalErrors}, which ends the process. Threads made here hand an Error that ends
 * them to the same place, which covers pool tasks started with {@code execute}. A scheduled task needs
 * {@link #round}: a scheduler keeps what a task throws in its future and silently never runs it again.
 */
public final class BackgroundThreads {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundThreads.class);

    private BackgroundThreads() {
    }

    /** A daemon thread named {@code name} that is not started yet. */
    public static Thread daemon(String name, Runnable body) {
        return daemon(name, body, FatalErrors.EXIT);
    }

    static Thread daemon(String name, Runnable body, FatalErrors fatal) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(fatal);
        return thread;
    }

    /** Daemon threads all named {@code name}, for executors. */
    public static ThreadFactory factory(String name) {
        return factory(name, FatalErrors.EXIT);
    }

    static ThreadFactory factory(String name, FatalErrors fatal) {
        return body -> daemon(name, body, fatal);
    }

    /** One round of the loop {@code loop} that never throws: an exception is logged, an Error ends the process. */
    public static Runnable round(String loop, Runnable body) {
        return round(loop, body, FatalErrors.EXIT);
    }

    static Runnable round(String loop, Runnable body, FatalErrors fatal) {
        return () -> {
            try {
                body.run();
            } catch (Error e) {
                fatal.fatal(loop, e);
            } catch (Exception e) {
                LOG.warn("A round of {} failed; the next round tries again", loop, e);
            }
        };
    }
}
