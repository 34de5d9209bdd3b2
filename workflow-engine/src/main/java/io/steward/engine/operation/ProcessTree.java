package io.steward.engine.operation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The processes of one script: its root, everything in the root's process group or session, and every descendant of
 * any process already seen. Membership is sticky: a process stays tracked (by pid and start time, so a reused pid is
 * never mistaken for it) after it is reparented to init, until it is gone. That is how a process that left the group
 * with its own {@code setsid} is still reached, as long as it was seen once while it was a descendant, which is why
 * the owner calls {@link #refresh()} often while the script runs.
 *
 * <p>Once no member runs, the tree is closed: nothing can join it any more, and it stops reading the process table
 * (which also keeps it from adopting a later process that happens to reuse the group id). Processes that leave both
 * the group and the session and lose their parent between two readings are the one way to escape; the owner reads
 * every 100 ms while the script runs, and a child's own {@code setsid} is seen as long as its parent lives.
 */
final class ProcessTree {

    enum Signal { TERM, KILL }

    private record Member(long pid, long startTicks, Optional<ProcessHandle> handle) {}

    private static final Optional<Path> KILL_COMMAND =
            Stream.of("/bin/kill", "/usr/bin/kill").map(Path::of).filter(Files::isExecutable).findFirst();
    private static final Duration POLL = Duration.ofMillis(10);
    private static final int CONFIRMING_READS = 3;

    private final long groupId;
    private final Map<Long, Member> seen = new LinkedHashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    /** @param ownGroup whether the root leads its own session and process group (it was started with setsid) */
    ProcessTree(ProcessHandle root, boolean ownGroup) {
        this.groupId = ownGroup && ProcessTable.knowsGroups() ? root.pid() : -1;
        long startTicks = ProcessTable.read().get(root.pid()).map(ProcessTable.Entry::startTicks).orElse(-1L);
        seen.put(root.pid(), new Member(root.pid(), startTicks, Optional.of(root)));
        refresh();
    }

    synchronized List<Long> pids() {
        return List.copyOf(seen.keySet());
    }

    /**
     * Reads the process table, starts tracking new members, and returns the pids of the members still running. An
     * empty answer is confirmed by further reads: a reading of {@code /proc} is not atomic, so one reading can see a
     * parent already dead and yet miss the child it forked a moment before.
     */
    synchronized List<Long> refresh() {
        for (int read = 0; read < CONFIRMING_READS && !closed; read++) {
            List<Long> running = readOnce();
            if (!running.isEmpty()) {
                return running;
            }
        }
        closed = true;
        return List.of();
    }

    private List<Long> readOnce() {
        ProcessTable table = ProcessTable.read();
        if (groupId > 0) {
            for (ProcessTable.Entry e : table.entries()) {
                if (e.pgrp() == groupId || e.session() == groupId) {
                    track(e);
                }
            }
        }
        Deque<Long> todo = new ArrayDeque<>(running(table));
        while (!todo.isEmpty()) {
            for (long child : table.childrenOf(todo.pop())) {
                table.get(child).ifPresent(this::track);
                todo.push(child);
            }
        }
        return running(table);
    }

    /**
     * Signals the process group at once (atomic, so it also reaches a child forked a moment ago) and then each
     * running member on its own (reaching those that left the group).
     *
     * @param waitForGroupSignal false to return without waiting for the {@code kill} command to finish
     */
    void signal(Signal signal, boolean waitForGroupSignal) {
        List<Long> running = refresh();
        if (running.isEmpty()) {
            return;
        }
        if (groupId > 0) {
            signalGroup(signal, waitForGroupSignal);
        }
        for (long pid : running) {
            handle(pid).ifPresent(h -> {
                if (signal == Signal.TERM) {
                    h.destroy();
                } else {
                    h.destroyForcibly();
                }
            });
        }
    }

    /** Waits until no member runs; returns whether that happened within {@code max}. */
    boolean awaitGone(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!refresh().isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    /** SIGKILLs members again and again (so children forked meanwhile die too) until none runs or time is up. */
    List<Long> killUntilGone(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        do {
            signal(Signal.KILL, true);
            if (awaitGone(Duration.ofMillis(100))) {
                return List.of();
            }
        } while (System.nanoTime() - deadline < 0);
        return refresh();
    }

    private List<Long> running(ProcessTable table) {
        List<Long> running = new ArrayList<>();
        for (Member m : seen.values()) {
            table.get(m.pid())
                    .filter(e -> e.startTicks() == m.startTicks() && e.running())
                    .ifPresent(e -> running.add(m.pid()));
        }
        return running;
    }

    private void track(ProcessTable.Entry e) {
        Member known = seen.get(e.pid());
        if (known == null || known.startTicks() != e.startTicks()) {
            seen.put(e.pid(), new Member(e.pid(), e.startTicks(), ProcessHandle.of(e.pid())));
        }
    }

    private synchronized Optional<ProcessHandle> handle(long pid) {
        Member m = seen.get(pid);
        return m == null ? Optional.empty() : m.handle();
    }

    private void signalGroup(Signal signal, boolean wait) {
        if (KILL_COMMAND.isEmpty()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder(KILL_COMMAND.get().toString(), "-s", signal.name(), "--", "-" + groupId)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (wait) {
                kill.waitFor();
            }
        } catch (IOException e) {
            // The per-pid signals that follow still reach every member we have seen.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
