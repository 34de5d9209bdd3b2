package io.steward.engine.operation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reading of the operating system's process table: for each pid, its parent, process group, session, state and
 * start time. Read from Linux's {@code /proc} because only there do we see process groups and sessions, and zombies
 * (which {@link ProcessHandle#isAlive()} reports as alive). Elsewhere it falls back to {@link ProcessHandle}, which
 * knows parents only.
 */
final class ProcessTable {

    /** @param startTicks start time in clock ticks since boot; with the pid it names a process despite pid reuse */
    record Entry(long pid, long ppid, long pgrp, long session, char state, long startTicks) {
        /** A zombie has exited and only waits to be reaped by its parent (or init), so it no longer runs. */
        boolean running() {
            return state != 'Z' && state != 'X';
        }
    }

    private static final Path PROC = Path.of("/proc");
    private static final boolean PROC_AVAILABLE = Files.isReadable(PROC.resolve("self/stat"));

    private final Map<Long, Entry> entries;
    private final Map<Long, List<Long>> children = new HashMap<>();

    private ProcessTable(Map<Long, Entry> entries) {
        this.entries = entries;
        entries.values().forEach(e -> children.computeIfAbsent(e.ppid(), k -> new ArrayList<>()).add(e.pid()));
    }

    static boolean knowsGroups() {
        return PROC_AVAILABLE;
    }

    static ProcessTable read() {
        return new ProcessTable(PROC_AVAILABLE ? readProc() : readProcessHandles());
    }

    Optional<Entry> get(long pid) {
        return Optional.ofNullable(entries.get(pid));
    }

    List<Long> childrenOf(long pid) {
        return children.getOrDefault(pid, List.of());
    }

    Iterable<Entry> entries() {
        return entries.values();
    }

    private static Map<Long, Entry> readProc() {
        Map<Long, Entry> entries = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, ProcessTable::isPidDirectory)) {
            for (Path dir : dirs) {
                parseStat(dir).ifPresent(e -> entries.put(e.pid(), e));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + PROC + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private static boolean isPidDirectory(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** Parses {@code /proc/<pid>/stat}; the command name in parentheses may itself contain spaces and ')'. */
    private static Optional<Entry> parseStat(Path dir) {
        String stat;
        try {
            stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the process ended while we listed the directory
        }
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return Optional.empty();
        }
        String[] fields = stat.substring(close + 2).split(" ");
        if (fields.length < 20) {
            return Optional.empty();
        }
        long pid = Long.parseLong(dir.getFileName().toString());
        return Optional.of(new Entry(pid, Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                Long.parseLong(fields[3]), fields[0].charAt(0), Long.parseLong(fields[19])));
    }

    private static Map<Long, Entry> readProcessHandles() {
        Map<Long, Entry> entries = new HashMap<>();
        ProcessHandle.allProcesses().forEach(h -> {
            long ppid = h.parent().map(ProcessHandle::pid).orElse(0L);
            long start = h.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
            entries.put(h.pid(), new Entry(h.pid(), ppid, -1, -1, h.isAlive() ? 'R' : 'X', start));
        });
        return entries;
    }
}
