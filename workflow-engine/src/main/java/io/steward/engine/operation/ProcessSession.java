package io.steward.engine.operation;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The session a script operation runs in (it is started with {@code setsid}, so the session id is its root's pid),
 * named so that another server on the same host can kill what is left of it after the server that started it died:
 * its processes are in no one's process tree then. {@code startTicks} (the root's start time since boot) and the
 * host's boot id guard against a pid reused since, or a reboot.
 */
public record ProcessSession(long sessionId, long startTicks) {
    private static final String BOOT_ID = readBootId();
    private static final String HOST = readHost();

    /** The session of {@code operation}, if it runs processes in a session of their own (Linux with setsid). */
    public static Optional<ProcessSession> of(RunningOperation operation) {
        List<Long> pids = operation.pids();
        if (pids.isEmpty() || !ScriptCommand.startsOwnGroup() || !ProcessTable.knowsGroups()) {
            return Optional.empty();
        }
        long root = pids.get(0);
        return ProcessTable.read().get(root).map(e -> new ProcessSession(root, e.startTicks()));
    }

    /** This host's boot id ({@code /proc/sys/kernel/random/boot_id}), or empty where there is none. */
    public static String bootId() {
        return BOOT_ID;
    }

    /** This host's name, for messages. */
    public static String host() {
        return HOST;
    }

    /**
     * Sends SIGKILL to every process still in this session or its process group that started no earlier than its
     * root (a process that started before it cannot belong to it, whatever its ids). Call only with a session
     * recorded under this host's {@link #bootId()}. Returns the pids signalled.
     */
    public List<Long> killLeftovers() {
        List<Long> killed = new ArrayList<>();
        for (ProcessTable.Entry e : ProcessTable.read().entries()) {
            if ((e.session() == sessionId || e.pgrp() == sessionId) && e.startTicks() >= startTicks && e.running()) {
                ProcessHandle.of(e.pid()).ifPresent(p -> {
                    if (p.destroyForcibly()) {
                        killed.add(e.pid());
                    }
                });
            }
        }
        return killed;
    }

    private static String readBootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String readHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
