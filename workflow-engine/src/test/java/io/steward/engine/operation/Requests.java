package io.steward.engine.operation;

import io.steward.engine.blueprint.OperationKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds operation requests with sensible defaults; tests override only what they are about. */
final class Requests {

    private OperationKind kind;
    private String implementation;
    private Path blueprintRoot;
    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private Map<String, Object> runtimeProperties = Map.of();
    private Duration timeout = Duration.ZERO;
    private boolean dryRun;

    private Requests(OperationKind kind, String implementation) {
        this.kind = kind;
        this.implementation = implementation;
    }

    static Requests script(Path blueprintRoot, String path) {
        Requests requests = new Requests(OperationKind.SCRIPT, path);
        requests.blueprintRoot = blueprintRoot;
        return requests;
    }

    static Requests builtin(String name) {
        return new Requests(OperationKind.BUILTIN, name);
    }

    static Requests noop() {
        return new Requests(OperationKind.NOOP, "");
    }

    Requests input(String name, Object value) {
        inputs.put(name, value);
        return this;
    }

    Requests runtimeProperties(Map<String, Object> properties) {
        this.runtimeProperties = properties;
        return this;
    }

    Requests timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    Requests dryRun() {
        this.dryRun = true;
        return this;
    }

    OperationRequest build() {
        return new OperationRequest("exec-1", "dep-1", "vm", "vm_abc123", "cloudify.interfaces.lifecycle.create",
                kind, implementation, Map.copyOf(inputs), runtimeProperties, blueprintRoot, timeout, dryRun);
    }
}
