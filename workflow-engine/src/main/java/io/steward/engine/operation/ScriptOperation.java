package io.steward.engine.operation;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A script from the blueprint archive, run as a {@link SubprocessOperation} in the blueprint's directory. It hands
 * results back through the two {@link ScriptFiles}.
 */
final class ScriptOperation implements SubprocessRun {

    private final OperationRequest request;
    private final JsonCodec json;
    private final ScriptFiles files;

    private ScriptOperation(OperationRequest request, JsonCodec json, ScriptFiles files) {
        this.request = request;
        this.json = json;
        this.files = files;
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
        return SubprocessOperation.start(request, listener, new ScriptOperation(request, json, files), defaultGrace,
                builder, ScriptCommand.startsOwnGroup(), null);
    }

    @Override
    public String subject() {
        return "Script " + request.implementation();
    }

    @Override
    public String kind() {
        return "script";
    }

    @Override
    public RunOutputs collect(OutputCapture.Captured stdout) {
        return files.readAndDelete(request.runtimeProperties(), json);
    }

    @Override
    public void abandon() {
        files.delete();
    }
}
