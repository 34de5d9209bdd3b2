package io.steward.engine.operation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what an operation logged, as {@code "level: message"} lines, safely across the runner's threads. */
final class RecordingListener implements OperationListener {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void log(String level, String message) {
        lines.add(level + ": " + message);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    boolean logged(String line) {
        return lines.contains(line);
    }
}
