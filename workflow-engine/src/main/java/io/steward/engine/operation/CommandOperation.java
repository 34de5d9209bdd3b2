package io.steward.engine.operation;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The built-ins that run a program as a {@link SubprocessOperation}, in a fresh work directory holding their input
 * files (see {@link CommandSpec} for the inputs and {@link CommandOutputs} for what they hand back):
 * <ul>
 *   <li>{@code steward.command} runs the command itself, in its own session, with the runner's environment plus
 *       {@code env} and {@code STEWARD_WORK_DIR};</li>
 *   <li>{@code steward.docker} runs the {@code docker} CLI ({@code docker run --rm -i ...}), which asks the Docker
 *       engine's API to run the image with the work directory mounted at {@code /steward/work}. The engine must see
 *       the same file system as Steward (a local engine). Stopping the operation also runs {@code docker rm -f}
 *       on the container, and again once the CLI has ended, so that no container outlives the operation.</li>
 * </ul>
 * A non-zero exit fails the operation with its status and the last lines of stderr; terminate, kill and the timeout
 * end it TERMINATED exactly as for scripts.
 */
final class CommandOperation implements SubprocessRun {

    static final String COMMAND = "steward.command";
    static final String DOCKER = "steward.docker";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OperationRequest request;
    private final JsonCodec json;
    private final CommandSpec spec;
    private final WorkDirectory directory;
    private final DockerEngine docker; // null for steward.command
    private final String container; // null for steward.command
    private volatile boolean stopped;

    private CommandOperation(OperationRequest request, JsonCodec json, CommandSpec spec, WorkDirectory directory,
            DockerEngine docker, String container) {
        this.request = request;
        this.json = json;
        this.spec = spec;
        this.directory = directory;
        this.docker = docker;
        this.container = container;
    }

    /** @param docker the engine for {@code steward.docker}; null runs {@code steward.command} */
    static RunningOperation start(OperationRequest request, OperationListener listener, JsonCodec json,
            Duration defaultGrace, Path workRoot, DockerEngine docker) {
        String name = request.implementation();
        CommandSpec spec;
        WorkDirectory directory;
        try {
            spec = CommandSpec.parse(new BuiltinInputs(name, request.inputs()), docker != null);
            if (docker != null) {
                docker.unreachable().ifPresent(reason -> {
                    throw new OperationFailure("No Docker engine is reachable (" + reason + "); " + name
                            + " needs one");
                });
            }
            directory = WorkDirectory.create(workRoot);
        } catch (OperationFailure refused) {
            return new FinishedOperation(OperationResult.failed(refused.getMessage(), request.runtimeProperties()));
        }
        try {
            directory.write(spec.files());
        } catch (OperationFailure refused) {
            directory.delete();
            return new FinishedOperation(OperationResult.failed(name + ": " + refused.getMessage(),
                    request.runtimeProperties()));
        }
        String container = docker == null ? null : "steward-" + HexFormat.of().formatHex(randomBytes());
        CommandOperation run = new CommandOperation(request, json, spec, directory, docker, container);
        ProcessBuilder builder = new ProcessBuilder(ScriptCommand.inOwnSession(run.argv()))
                .directory(directory.path().toFile());
        Map<String, String> env = builder.environment();
        env.putAll(spec.env());
        env.put("STEWARD_WORK_DIR", docker == null ? directory.path().toString() : DockerEngine.WORK_DIR);
        return SubprocessOperation.start(request, listener, run, defaultGrace, builder,
                ScriptCommand.startsOwnGroup(), spec.stdin());
    }

    private List<String> argv() {
        if (docker == null) {
            return spec.command();
        }
        List<String> names = new ArrayList<>(spec.env().keySet());
        names.remove("STEWARD_WORK_DIR");
        names.add("STEWARD_WORK_DIR");
        return docker.run(container, directory.path(), names, spec.image(), spec.command());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String subject() {
        return docker == null ? request.implementation()
                : request.implementation() + " (image " + spec.image() + ", container " + container + ")";
    }

    @Override
    public String kind() {
        return docker == null ? "command" : "docker";
    }

    @Override
    public long stdoutCapture() {
        return spec.outputs().stdoutCapture();
    }

    @Override
    public RunOutputs collect(OutputCapture.Captured stdout) {
        try {
            return new RunOutputs(request.runtimeProperties(), spec.outputs().read(stdout, directory, json), null);
        } catch (OperationFailure e) {
            return new RunOutputs(request.runtimeProperties(), null, e.getMessage());
        } finally {
            removeStoppedContainer();
            directory.delete();
        }
    }

    @Override
    public void stopping() {
        if (docker != null) {
            stopped = true;
            docker.remove(container);
        }
    }

    @Override
    public void abandon() {
        removeStoppedContainer();
        directory.delete();
    }

    /**
     * A stop that came while the CLI was still creating the container found nothing to remove, and the engine may
     * have finished creating it since: once the CLI has ended, a stopped run removes its container once more.
     */
    private void removeStoppedContainer() {
        if (docker != null && stopped) {
            docker.remove(container);
        }
    }
}
