package io.steward.engine.operation;

import io.steward.engine.blueprint.OperationKind;
import io.steward.tenancy.threads.BackgroundThreads;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs one workflow operation: a script from the blueprint archive as a subprocess in its own process group, one of
 * Steward's built-ins, or nothing (NOOP, dry run). The built-ins {@code steward.command} and {@code steward.docker}
 * run a process too, watched like a script ({@link CommandOperation}); the others run on a thread. Operations run on
 * the runner's own threads; the caller waits for and controls each through the returned {@link RunningOperation}.
 * Any refusal (a script path outside the blueprint, an unknown built-in, a bad input) is a FAILED result, never an
 * exception.
 */
public final class OperationRunner {

    private final JsonCodec json;
    private final Duration defaultKillGrace;
    private final Path workRoot;
    private final Builtins builtins;
    private final DockerEngine docker = new DockerEngine("docker");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            BackgroundThreads.factory("steward-operation-timeouts"));

    /**
     * @param defaultKillGrace how long a killed script gets between SIGTERM and SIGKILL when the caller names no
     *                         grace, and when its timeout expires (Cloudify uses 5 s)
     * @param workRoot         where each script run gets a directory for its result files, deleted after the run
     */
    public OperationRunner(JsonCodec json, Duration defaultKillGrace, Path workRoot) {
        this.json = Objects.requireNonNull(json, "json");
        this.defaultKillGrace = Objects.requireNonNull(defaultKillGrace, "defaultKillGrace");
        this.workRoot = Objects.requireNonNull(workRoot, "workRoot");
        // Built on the first http builtin: a JDK client sets up TLS and a selector thread, which a start need not pay.
        this.builtins = new Builtins(new HttpBuiltin(() -> HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build(), json));
    }

    /** Starts the operation and returns at once; a dry run only logs {@code "<operation> (dry run)"}. */
    public RunningOperation start(OperationRequest request, OperationListener listener) {
        OperationListener guarded = guard(Objects.requireNonNull(listener, "listener"));
        if (request.dryRun()) {
            guarded.log("info", request.operation() + " (dry run)");
            return new FinishedOperation(OperationResult.succeeded(request.runtimeProperties(), null));
        }
        return switch (request.kind()) {
            case NOOP -> new FinishedOperation(OperationResult.succeeded(request.runtimeProperties(), null));
            case BUILTIN -> startBuiltin(request, guarded);
            case SCRIPT -> ScriptOperation.start(request, guarded, json, defaultKillGrace, workRoot);
        };
    }

    private RunningOperation startBuiltin(OperationRequest request, OperationListener listener) {
        switch (request.implementation()) {
            case CommandOperation.COMMAND:
                return CommandOperation.start(request, listener, json, defaultKillGrace, workRoot, null);
            case CommandOperation.DOCKER:
                return CommandOperation.start(request, listener, json, defaultKillGrace, workRoot, docker);
            default:
                break;
        }
        boolean instant = Builtins.INSTANT.contains(request.implementation());
        return builtins.find(request.implementation())
                .map(builtin -> instant ? BuiltinOperation.runInline(request, builtin, listener)
                        : BuiltinOperation.start(request, builtin, listener, timer))
                .orElseGet(() -> new FinishedOperation(OperationResult.failed(
                        builtins.unknown(request.implementation()), request.runtimeProperties())));
    }

    /**
     * Whether an operation of this kind and implementation finishes at once on the caller's thread (no process, no
     * thread of its own, no waiting): the engine may then run its task without handing it to another thread.
     */
    public static boolean finishesAtOnce(OperationKind kind, String implementation, boolean dryRun) {
        return dryRun || kind == OperationKind.NOOP
                || kind == OperationKind.BUILTIN && Builtins.INSTANT.contains(implementation);
    }

    /** A failing listener must not stop a script's output from being drained, or the script would block. */
    private static OperationListener guard(OperationListener listener) {
        return (level, message) -> {
            try {
                listener.log(level, message);
            } catch (RuntimeException ignored) {
                // The line is lost; the operation goes on.
            }
        };
    }
}
