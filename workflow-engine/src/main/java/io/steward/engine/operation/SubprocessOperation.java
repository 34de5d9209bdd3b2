package io.steward.engine.operation;

import io.steward.tenancy.threads.BackgroundThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An operation running as a subprocess (a script, {@code steward.command}, {@code steward.docker}), and the thread
 * that watches it. The watcher polls the process tree while the process runs (so that processes leaving the process
 * group are still known), enforces the timeout, builds the result when the process exits, and then keeps tracking
 * whatever it left running in the background until it is gone, so that a later {@link #kill(Duration)} can still
 * reap it. What differs between the kinds is their {@link SubprocessRun}.
 */
final class SubprocessOperation extends AbstractRunningOperation {

    private static final Duration POLL_RUNNING = Duration.ofMillis(100);
    private static final Duration POLL_LEFTOVERS = Duration.ofSeconds(1);
    private static final Duration SIGKILL_BOUND = Duration.ofSeconds(2);
    /** How long to wait for the end of output when nothing else holds the pipes: only a slow listener needs it. */
    private static final Duration DRAIN_ALONE = Duration.ofSeconds(5);
    /** Background processes keep the pipes open, so the end never comes: take what is buffered and go on. */
    private static final Duration DRAIN_WITH_LEFTOVERS = Duration.ofMillis(200);

    private final OperationRequest request;
    private final OperationListener listener;
    private final SubprocessRun run;
    private final Duration defaultGrace;
    private final Process process;
    private final ProcessTree tree;
    private final OutputPump stdout; // null when stdout is captured
    private final OutputCapture stdoutCapture; // null when stdout is logged
    private final OutputPump stderr;
    private final Object killLock = new Object();
    private volatile String stopReason;
    private volatile List<Long> survivors = List.of();

    private SubprocessOperation(OperationRequest request, OperationListener listener, SubprocessRun run,
            Duration defaultGrace, Process process, boolean ownGroup, byte[] stdin) {
        this.request = request;
        this.listener = listener;
        this.run = run;
        this.defaultGrace = defaultGrace;
        this.process = process;
        this.tree = new ProcessTree(process.toHandle(), ownGroup);
        String name = "steward-" + run.kind() + "-" + process.pid();
        boolean capture = run.stdoutCapture() >= 0;
        this.stdout = capture ? null : new OutputPump(process.getInputStream(), "info", listener, name + "-stdout");
        this.stdoutCapture = capture
                ? new OutputCapture(process.getInputStream(), run.stdoutCapture(), name + "-stdout")
                : null;
        this.stderr = new OutputPump(process.getErrorStream(), "error", listener, name + "-stderr");
        feed(stdin, name);
        BackgroundThreads.daemon(name + "-watcher", this::watch).start();
    }

    /**
     * Starts {@code command} and watches it. A failure to start fails the operation (and abandons the run).
     *
     * @param ownGroup whether the command starts its own session and process group (setsid)
     * @param stdin    written to the process, then stdin is closed; null closes it at once, so that a process
     *                 reading stdin gets end-of-file instead of hanging
     */
    static RunningOperation start(OperationRequest request, OperationListener listener, SubprocessRun run,
            Duration defaultGrace, ProcessBuilder command, boolean ownGroup, byte[] stdin) {
        try {
            Process process = command.start();
            if (stdin == null) {
                process.getOutputStream().close();
            }
            return new SubprocessOperation(request, listener, run, defaultGrace, process, ownGroup, stdin);
        } catch (IOException e) {
            run.abandon();
            return new FinishedOperation(OperationResult.failed(
                    "Could not start " + lowerFirst(run.subject()) + ": " + e.getMessage(),
                    request.runtimeProperties()));
        }
    }

    /** On its own thread, so that a process that writes before it reads cannot block its start. */
    private void feed(byte[] stdin, String name) {
        if (stdin == null) {
            return;
        }
        Thread writer = BackgroundThreads.daemon(name + "-stdin", () -> {
            try (var in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // The process closed its stdin or ended before reading it all: what it read is what it gets.
            }
        });
        writer.start();
    }

    @Override
    public void terminate() {
        boolean running = !result.isDone();
        requestStop("was terminated (SIGTERM to its process tree)");
        tree.signal(ProcessTree.Signal.TERM, false);
        if (running) {
            // Terminate returns at once; the run's own stop step (docker rm -f) may take seconds.
            BackgroundThreads.daemon("steward-" + run.kind() + "-" + process.pid() + "-stop", run::stopping).start();
        }
    }

    @Override
    public void kill(Duration grace) {
        boolean running = !result.isDone();
        Duration effective = grace == null || grace.isNegative() ? defaultGrace : grace;
        requestStop("was killed (SIGTERM to its process tree, SIGKILL after " + describe(effective) + ")");
        killTree(effective);
        if (running) {
            run.stopping();
        }
    }

    @Override
    public List<Long> pids() {
        return tree.pids();
    }

    private void watch() {
        try {
            int status = waitForExit();
            finish(status);
            while (!tree.refresh().isEmpty()) {
                Thread.sleep(POLL_LEFTOVERS.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // only this class could interrupt its own thread, and it does not
        } catch (RuntimeException e) {
            result.complete(OperationResult.failed(run.subject()
                    + " could not be watched to its end: " + e, request.runtimeProperties()));
        }
    }

    private int waitForExit() throws InterruptedException {
        long started = System.nanoTime();
        boolean timeoutHandled = false;
        while (!process.waitFor(POLL_RUNNING.toMillis(), TimeUnit.MILLISECONDS)) {
            tree.refresh();
            if (request.hasTimeout() && !timeoutHandled
                    && System.nanoTime() - started >= request.timeout().toNanos()) {
                timeoutHandled = true;
                requestStop("timed out after " + describe(request.timeout()) + " and was killed");
                killTree(defaultGrace);
                run.stopping();
            }
        }
        return process.exitValue();
    }

    private void finish(int status) throws InterruptedException {
        Duration drain = tree.refresh().isEmpty() ? DRAIN_ALONE : DRAIN_WITH_LEFTOVERS;
        if (stdout != null) {
            stdout.awaitEnd(drain);
        } else {
            stdoutCapture.awaitEnd(drain);
        }
        stderr.awaitEnd(drain);
        synchronized (killLock) {
            // A kill in progress ends first, so that what survived it reaches the result.
        }
        List<Long> leftovers = tree.refresh();
        if (!leftovers.isEmpty() && stopReason == null) {
            listener.log("warning", run.subject() + " exited but left processes running "
                    + leftovers + "; they are tracked, and killing this operation ends them");
        }
        SubprocessRun.RunOutputs contents;
        try {
            contents = run.collect(stdoutCapture == null ? null : stdoutCapture.captured());
        } catch (UncheckedIOException e) {
            contents = new SubprocessRun.RunOutputs(request.runtimeProperties(), null, e.getMessage());
        }
        result.complete(outcome(status, contents));
    }

    private OperationResult outcome(int status, SubprocessRun.RunOutputs contents) {
        String script = run.subject();
        if (stopReason != null) {
            String note = survivors.isEmpty() ? "" : "; processes still alive after SIGKILL: " + survivors;
            return OperationResult.terminated(script + " " + stopReason + note, contents.runtimeProperties());
        }
        if (status != 0) {
            return OperationResult.failed(script + " exited with status " + status + signalNote(status)
                    + stderrTail() + (contents.error() == null ? "" : "\n" + contents.error()),
                    contents.runtimeProperties());
        }
        if (contents.error() != null) {
            return OperationResult.failed(script + ": " + contents.error(), contents.runtimeProperties());
        }
        return OperationResult.succeeded(contents.runtimeProperties(), contents.output());
    }

    private String stderrTail() {
        String tail = stderr.tail();
        return tail.isEmpty() ? "" : "\nLast lines of stderr:\n" + tail.stripTrailing();
    }

    /** Java reports a process ended by signal N as status 128 + N. */
    private static String signalNote(int status) {
        return status > 128 && status < 128 + 65 ? " (killed by signal " + (status - 128) + ")" : "";
    }

    private synchronized void requestStop(String reason) {
        if (!result.isDone() && stopReason == null) {
            stopReason = reason;
        }
    }

    private void killTree(Duration grace) {
        synchronized (killLock) {
            try {
                tree.signal(ProcessTree.Signal.TERM, true);
                if (!tree.awaitGone(grace)) {
                    survivors = tree.killUntilGone(SIGKILL_BOUND);
                }
            } catch (InterruptedException e) {
                // The caller gives up waiting; the tree must not outlive that, so it is killed without grace.
                tree.signal(ProcessTree.Signal.KILL, false);
                Thread.currentThread().interrupt();
                return;
            }
            if (!survivors.isEmpty()) {
                listener.log("error", "Processes of " + lowerFirst(run.subject())
                        + " survived SIGTERM and SIGKILL: " + survivors);
            }
        }
    }

    /** "Script x.sh" reads "script x.sh" inside a sentence; "steward.command" stays as it is. */
    private static String lowerFirst(String subject) {
        return subject.startsWith("Script ") ? "script " + subject.substring(7) : subject;
    }
}
