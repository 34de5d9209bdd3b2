package io.steward.engine.operation;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits on conditions, failing with a message that says what was expected. */
final class Waits {

    private Waits() {
    }

    static void until(BooleanSupplier condition, Duration max, Supplier<String> expected) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                fail("Waited " + max.toMillis() + " ms for: " + expected.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("Interrupted while waiting for: " + expected.get());
            }
        }
    }

    static OperationResult result(RunningOperation operation, Duration max) throws InterruptedException {
        return operation.await(max).orElseGet(() -> fail("The operation did not end within " + max.toMillis()
                + " ms; its processes: " + operation.pids()));
    }

    /** Gone as the JDK sees it: no such pid, or not alive (a zombie counts as alive until it is reaped). */
    static boolean gone(long pid) {
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    static List<Long> alive(Collection<Long> pids) {
        return pids.stream().filter(pid -> !gone(pid)).toList();
    }

    static void untilAllGone(Collection<Long> pids, Duration max) {
        until(() -> alive(pids).isEmpty(), max, () -> "processes to be gone; still there: "
                + alive(pids).stream().map(Waits::describe).toList());
    }

    /** What {@code /proc} says of a process: its name, state, parent, group and session. */
    static String describe(long pid) {
        try {
            String[] f = Files.readString(Path.of("/proc", Long.toString(pid), "stat")).split(" ");
            return pid + " " + f[1] + " state=" + f[2] + " ppid=" + f[3] + " pgrp=" + f[4] + " session=" + f[5];
        } catch (IOException e) {
            return pid + " (no /proc entry)";
        }
    }

    /** The pids a test script appended, one a line, to a file. */
    static List<Long> pidsIn(Path file) {
        try {
            return Files.exists(file)
                    ? Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty())
                            .map(Long::parseLong).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
