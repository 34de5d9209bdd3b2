package io.steward.engine.runner;

import java.util.Map;

/** Cloudify's wording for node-instance state changes ({@code workflow_node_event}). */
final class NodeEvents {
    private static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry("initializing", "Initializing node instance"),
            Map.entry("creating", "Creating node instance"),
            Map.entry("created", "Node instance created"),
            Map.entry("configuring", "Configuring node instance"),
            Map.entry("configured", "Node instance configured"),
            Map.entry("starting", "Starting node instance"),
            Map.entry("started", "Node instance started"),
            Map.entry("stopping", "Stopping node instance"),
            Map.entry("stopped", "Node instance stopped"),
            Map.entry("deleting", "Deleting node instance"),
            Map.entry("deleted", "Node instance deleted"));

    private NodeEvents() {
    }

    static String message(String state) {
        return MESSAGES.getOrDefault(state, "Node instance state set to " + state);
    }
}
