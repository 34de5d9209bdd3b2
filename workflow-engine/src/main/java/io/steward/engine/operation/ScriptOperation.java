package io.steward.engine.operation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A script running as a subprocess, and the thread that watches it. The watcher polls the process tree while the
 * script runs (so that processes leaving the process group are still known), enforces the timeout, builds the result
 * when the script exits, and then keeps tracking whatever the script left running in the background until it is gone,
 * so that a later {@link #kill(Duration)} can still reap it.
 */
final class ScriptOperation extends AbstractRunningOperation {

    private static final Duration POLL_RUNNING = Duration.ofMillis(100);
    private static final Duration POLL_LEFTOVERS = Duration.ofSeconds(1);
    private static final Duration SIGKILL_BOUND = Duration.ofSeconds(2);
    /** How long to wait for the end of output when nothing else holds the pipes: only a slow listener needs it. */
    private static final Duration DRAIN_ALONE = Duration.ofSeconds(5);
    /** Background processes keep the pipes open, so the end never comes: take what is buffered and go on. */
    private static final Duration DRAIN_WITH_LEFTOVERS = Duration.ofMillis(200);

    private final OperationRequest request;
    private final OperationListener listener;
    private final JsonCodec json;
    private final Duration defaultGrace;
    private final ScriptFiles files;
    private final Process process;
    private final ProcessTree tree;
    private final OutputPump stdout;
    private final OutputPump stderr;
    private final Object killLock = new Object();
    private volatile String stopReason;
    private volatile List<Long> survivors = List.of();

    private ScriptOperation(OperationRequest request, OperationListener listener, JsonCodec json,
            Duration defaultGrace, ScriptFiles files, Process process) {
        this.request = request;
        this.listener = listener;
        this.json = json;
        this.defaultGrace = defaultGrace;
        this.files = files;
        this.process = process;
        this.tree = new ProcessTree(process.toHandle(), ScriptCommand.startsOwnGroup());
        String name = "steward-script-" + process.pid();
        this.stdout = new OutputPump(process.getInputStream(), "info", listener, name + "-stdout");
        this.stderr = new OutputPump(process.getErrorStream(), "error", listener, name + "-stderr");
        Thread watcher = new Thread(this::watch, name + "-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    static RunningOperation start(OperationRequest request, OperationListener listener, JsonCodec json,
            Duration defaultGrace, Path workRoot) {
        List<String> command;
        try {
            Path script = ScriptFile.resolve(request.blueprintRoot(), request.implementation());
            command = ScriptCommand.of(script, request.implementation());
        } catch (OperationFailure refused) {
            return new FinishedOperation(OperationResult.failed(refused.getMessage(), request.runtimeProperties()));
        }
        ScriptFiles files;
        try {
            files = ScriptFiles.create(workRoot);
        } catch (UncheckedIOException e) {
            return new FinishedOperation(OperationResult.failed(e.getMessage() + ": " + e.getCause().getMessage(),
                    request.runtimeProperties()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(request.blueprintRoot().toFile());
        ScriptEnvironment.apply(builder.environment(), request, files, json);
        try {
            Process process = builder.start();
            process.getOutputStream().close(); // a script that reads stdin gets end-of-file instead of hanging
            return new ScriptOperation(request, listener, json, defaultGrace, files, process);
        } catch (IOException e) {
            files.delete();
            return new FinishedOperation(OperationResult.failed(
                    "Could not start script " + request.implementation() + ": " + e.getMessage(),
                    request.runtimeProperties()));
        }
    }

    @Override
    public void terminate() {
        requestStop("was terminated (SIGTERM to its process tree)");
        tree.signal(ProcessTree.Signal.TERM, false);
    }

    @Override
    public void kill(Duration grace) {
        Duration effective = grace == null || grace.isNegative() ? defaultGrace : grace;
        requestStop("was killed (SIGTERM to its process tree, SIGKILL after " + describe(effective) + ")");
        killTree(effective);
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
            result.complete(OperationResult.failed("Script " + request.implementation()
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
            }
        }
        return process.exitValue();
    }

    private void finish(int status) throws InterruptedException {
        Duration drain = tree.refresh().isEmpty() ? DRAIN_ALONE : DRAIN_WITH_LEFTOVERS;
        stdout.awaitEnd(drain);
        stderr.awaitEnd(drain);
        synchronized (killLock) {
            // A kill in progress ends first, so that what survived it reaches the result.
        }
        List<Long> leftovers = tree.refresh();
        if (!leftovers.isEmpty() && stopReason == null) {
            listener.log("warning", "Script " + request.implementation() + " exited but left processes running "
                    + leftovers + "; they are tracked, and killing this operation ends them");
        }
        ScriptFiles.Contents contents;
        try {
            contents = files.readAndDelete(request.runtimeProperties(), json);
        } catch (UncheckedIOException e) {
            contents = new ScriptFiles.Contents(request.runtimeProperties(), null, e.getMessage());
        }
        result.complete(outcome(status, contents));
    }

    private OperationResult outcome(int status, ScriptFiles.Contents contents) {
        String script = "Script " + request.implementation();
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
                listener.log("error", "Processes of script " + request.implementation()
                        + " survived SIGTERM and SIGKILL: " + survivors);
            }
        }
    }
}
